import test from 'ava';
import { cp, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate, syntheticRecord } from '../bench/generate.js';
import { cli } from './helpers/cli.js';
import { incident } from './helpers/records.js';
import { listTree, readSite, sameTree } from './helpers/site.js';
import { loadCache, openCache, saveCache, type CachedFile, type CachedPage } from '../src/cache/build-cache.js';
import { packPages, unpackPages } from '../src/cache/packed-pages.js';
import { buildSite } from '../src/build.js';
import { DateTime } from 'luxon';

async function project(): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-cache-'));
  await cp('incidents', path.join(cwd, 'incidents'), { recursive: true });
  await cp('templates', path.join(cwd, 'custom'), { recursive: true });
  return cwd;
}

async function build(cwd: string, out: string, ...extra: string[]): Promise<void> {
  const run = await cli(['build', '--out', out, '--now', '2026-11-22', '--templates', 'custom', ...extra], { cwd });
  if (run.code !== 0) throw new Error(run.stderr);
}

test('warm builds are byte-identical to cold ones: unchanged, after one record changes, after a template changes', async (t) => {
  const cwd = await project();
  const out = path.join(cwd, 'out');
  const cold = (name: string) => build(cwd, path.join(cwd, name), '--no-cache').then(() => path.join(cwd, name));
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-1'));
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-2'));

  const file = path.join(cwd, 'incidents/facebook/groups-api.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('About 100 app developers', 'Around 100 app developers'));
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-3'));
  t.regex(await readSite(out, 'records/cambridge-analytica/index.html'), /Around 100 app developers/, 'backlink titles follow the change');

  // A record added, then removed: the patched folder gains and then loses its pages.
  const extra = syntheticRecord(7);
  await writeFile(path.join(cwd, 'incidents', `${extra.id}.yaml`), extra.text);
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-5'));
  await rm(path.join(cwd, 'incidents', `${extra.id}.yaml`));
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-6'));
  t.false((await listTree(out)).some((f) => f.includes(extra.id)));

  const layout = path.join(cwd, 'custom/layout.hbs');
  await writeFile(layout, (await readFile(layout, 'utf8')).replace('Every fact links to its source.', 'Every fact is sourced.'));
  // Timeline pages drawn again copy no event drawn with the old partial.
  const event = path.join(cwd, 'custom/partials/event.hbs');
  await writeFile(event, (await readFile(event, 'utf8')).replace('<h3 class="event-title">', '<h3 class="event-title title">'));
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-4'));
  t.regex(await readSite(out, 'records/groups-api/index.html'), /Every fact is sourced\./);
  t.regex(await readSite(out, 'index.html'), /class="event-title title"/);
});

test('a build with nothing changed stops early, and trusts file times only once they are settled', async (t) => {
  const cwd = await project();
  const folder = path.join(cwd, 'incidents/facebook');
  const past = new Date(Date.now() - 3_600_000);
  for (const name of await readdir(folder)) await utimes(path.join(folder, name), past, past);
  const run = () => cli(['build', '--now', '2026-11-22', '--templates', 'custom'], { cwd, env: { DISCLOSED_TIMINGS: '1' } });
  t.regex((await run()).stderr, /^built 5 records/m);
  const again = await run();
  t.regex(again.stderr, /out\/ is up to date/);
  t.regex(again.stderr, /timings: stat \d+ ms/, 'decided from sizes and times, without reading a record');

  // The same number of bytes, and the old modification time put back: the change is still seen.
  const file = path.join(folder, 'groups-api.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('About 100 app developers', 'About 900 app developers'));
  await utimes(file, past, past);
  t.regex((await run()).stderr, /^built 5 records/m);
  t.regex(await readSite(path.join(cwd, 'out'), 'records/groups-api/index.html'), /About 900 app developers/);
});

test('a build on another day draws no more than one an hour later: only what shows the build\'s time', async (t) => {
  const cwd = await project();
  const out = path.join(cwd, 'out');
  const drawn = async (now: string) => {
    const run = await cli(['build', '--now', now, '--templates', 'custom'], { cwd });
    return Number(/\((\d+) files\)/.exec(run.stderr)?.[1]);
  };
  const all = await drawn('2026-11-22T10:00:00Z');
  const hourLater = await drawn('2026-11-22T11:00:00Z');
  t.true(hourLater < all / 2, `${hourLater} of ${all} files drawn again`);
  const times = async () => new Map(await Promise.all((await listTree(out)).map(async (f) => [f, (await stat(path.join(out, f))).mtimeMs] as const)));
  const before = await times();
  t.is(await drawn('2026-11-23T11:00:00Z'), hourLater);
  // Only the reports and their manifest, which say when they were made, changed.
  const after = await times();
  const changed = [...after].filter(([f, ms]) => before.get(f) !== ms).map(([f]) => f);
  t.true(changed.length > 0 && changed.every((f) => f.startsWith('reports/')), changed.join(' '));
  await cli(['build', '--now', '2026-11-23T11:00:00Z', '--templates', 'custom', '--out', 'cold', '--no-cache'], { cwd });
  await sameTree(t, out, path.join(cwd, 'cold'));
});

test('a corrupt or foreign cache is ignored and rebuilt, never trusted', async (t) => {
  const cwd = await project();
  await build(cwd, path.join(cwd, 'reference'), '--no-cache');
  await build(cwd, path.join(cwd, 'out'));
  const parts = (await readdir(path.join(cwd, '.cache'))).filter((n) => n.endsWith('.bin'));
  t.true(parts.some((n) => /\.files-\d+\.bin$/.test(n)) && parts.some((n) => /\.markdown-\d+\.bin$/.test(n)), parts.join(' '));
  for (const junk of [Buffer.from('not a cache'), Buffer.alloc(0), Buffer.from([0xff, 0x0d, 0x6f, 0x01])]) {
    // Every part of the cache (the body and each shard) spoiled at once, then each one alone.
    for (const spoiled of [parts, ...parts.map((n) => [n])]) {
      for (const name of spoiled) await writeFile(path.join(cwd, '.cache', name), junk);
      // Without its output folder the build cannot be "up to date": it reads the cache.
      await rm(path.join(cwd, 'out'), { recursive: true, force: true });
      await build(cwd, path.join(cwd, 'out'));
      await sameTree(t, path.join(cwd, 'out'), path.join(cwd, 'reference'));
    }
  }
});

test('a build in another locale keeps nothing of the last one: a new tree, no piece of its files (records.json, reports\' rows)', async (t) => {
  const cwd = await project();
  const out = path.join(cwd, 'out');
  const folder = async () => (await stat(out)).ino;
  await build(cwd, out, '--locale', 'en');
  const en = await folder();
  // Nothing drawn in English can be kept: a new tree is written and swapped in, as by a cold
  // build, rather than every file patched in place.
  await build(cwd, out, '--locale', 'de');
  t.not(await folder(), en);
  await build(cwd, path.join(cwd, 'cold'), '--locale', 'de', '--no-cache');
  await sameTree(t, out, path.join(cwd, 'cold'));
  // The same settings again: the folder is patched.
  const de = await folder();
  const file = path.join(cwd, 'incidents/facebook/groups-api.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('About 100 app developers', 'Around 100 app developers'));
  await build(cwd, out, '--locale', 'de');
  t.is(await folder(), de);
  t.regex(await readSite(out, 'reports/all/report.json'), /"display": "\d+ [A-Z][a-zä]+ \d{4}"/);
});

test('long timelines are split by year into pages of at most 1,000 events', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-pages-'));
  await generate(path.join(cwd, 'incidents'), 420);
  const out = path.join(cwd, 'out');
  const run = await cli(['build', '--out', out, '--now', '2026-11-22'], { cwd });
  t.is(run.code, 0, run.stderr);
  const files = await listTree(out);
  const yearPages = files.filter((f) => /^\d{4}\/(\d+\/)?index\.html$/.test(f));
  t.true(yearPages.length >= 2, yearPages.join(' '));
  let events = 0;
  for (const f of yearPages) {
    const n = [...(await readSite(out, f)).matchAll(/<li class="event /g)].length;
    t.true(n <= 1000, `${f}: ${n} events`);
    events += n;
  }
  const data = JSON.parse(await readSite(out, 'data/records.json')) as { records: Array<{ events: unknown[] }> };
  t.is(events, data.records.reduce((n, r) => n + r.events.length, 0), 'every event on exactly one page of the timeline');
  t.regex(await readSite(out, 'index.html'), /Pages by year/);

  // An edit to one record's title redraws the pages that show it, keeps the rest (the overview
  // pages but its own among them), and leaves the same tree as a cold build.
  const written = async () => new Map(await Promise.all(files.map(async (f) => [f, (await stat(path.join(out, f))).mtimeMs] as const)));
  const before = await written();
  const { id, text } = [...Array(400).keys()].map((n) => syntheticRecord(n + 100)).find((r) => r.text.includes('kind: incident'))!;
  const file = (await readdir(path.join(cwd, 'incidents'), { recursive: true })).find((n) => n.endsWith(`${id}.yaml`))!;
  await writeFile(path.join(cwd, 'incidents', file), text.replace(/^title: "/m, 'title: "Edited '));
  // A page changed by hand in the output is not taken for the one the last build wrote.
  const byHand = files.find((f) => f.startsWith('records/') && f.endsWith('/index.html') && !f.includes(id))!;
  await writeFile(path.join(out, byHand), `${await readSite(out, byHand)}<!-- edited by hand -->`);
  // Nor is a timeline page drawn again, whose unchanged events are copied from the last build's
  // copy: one changed in the middle, at the same size, is drawn whole.
  const yearPage = yearPages[0]!;
  const html = await readSite(out, yearPage);
  const middle = html.indexOf('<li class="event ', html.length / 2);
  await writeFile(path.join(out, yearPage), `${html.slice(0, middle)}<li class="EVENT ${html.slice(middle + 17)}`);
  t.is((await cli(['build', '--out', out, '--now', '2026-11-22'], { cwd })).code, 0);
  t.false((await readSite(out, byHand)).includes('edited by hand'), byHand);
  t.false((await readSite(out, yearPage)).includes('EVENT'), yearPage);
  const after = await written();
  const rewritten = files.filter((f) => after.get(f) !== before.get(f));
  t.true(rewritten.includes(`records/${id}/index.html`));
  const overview = files.filter((f) => f.startsWith('overview/'));
  t.true(overview.length >= 2, overview.join(' '));
  t.is(rewritten.filter((f) => f.startsWith('overview/')).length, 1, rewritten.join(' '));
  t.true(rewritten.length < files.length / 10, `${rewritten.length} of ${files.length} files rewritten`);
  t.is((await cli(['build', '--out', path.join(cwd, 'cold'), '--now', '2026-11-22', '--no-cache'], { cwd })).code, 0);
  await sameTree(t, out, path.join(cwd, 'cold'));
});

test('a one-record edit rewrites only the cache shards whose keys changed; validate leaves Markdown and pages alone', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-shards-'));
  await generate(path.join(cwd, 'incidents'), 60);
  await cp('templates', path.join(cwd, 'custom'), { recursive: true });
  await build(cwd, path.join(cwd, 'out'));
  // A rewritten file is a new file (written beside, then renamed): its inode changes.
  const inodes = async () => {
    const names = (await readdir(path.join(cwd, '.cache'))).filter((n) => n.endsWith('.bin')).sort();
    return new Map(await Promise.all(names.map(async (n) => [n, (await stat(path.join(cwd, '.cache', n))).ino] as const)));
  };
  const before = await inodes();
  const { id, text } = syntheticRecord(5);
  const file = (await readdir(path.join(cwd, 'incidents'), { recursive: true })).find((n) => n.endsWith(`${id}.yaml`))!;
  await writeFile(path.join(cwd, 'incidents', file), text.replace(/^title: "/m, 'title: "Edited '));
  await build(cwd, path.join(cwd, 'out'));
  const after = await inodes();
  const shards = [...before.keys()].filter((n) => /\.(files|markdown)-\d+\.bin$/.test(n));
  const rewritten = shards.filter((n) => after.get(n) !== before.get(n));
  t.true(shards.length > 8, shards.join(' '));
  // The edited record's old and new keys: at most two shards of each kind.
  t.true(rewritten.length >= 1 && rewritten.length <= 4, rewritten.join(' '));

  t.is((await cli(['validate', '--now', '2026-11-22'], { cwd })).code, 0);
  const validated = await inodes();
  for (const n of [...after.keys()].filter((n) => !/\.files-\d+\.bin$/.test(n))) t.is(validated.get(n), after.get(n), `${n} is left as it was`);
});

test('file results are kept only where JSON holds them exactly', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-json-'));
  const cache = await openCache(dir);
  await loadCache(cache);
  const result = (data: Record<string, unknown>): CachedFile => ({ data, diagnostics: [], valid: false, latest: 1234 });
  // JSON writes -Infinity and NaN as null, and -0 as 0.
  const entries = { exact: result({ n: 5, text: 'a\u{1F600}\uD800', list: [null, true] }), infinite: result({ n: -Infinity }), nan: result({ list: [NaN] }), negativeZero: result({ n: -0 }) };
  for (const [key, value] of Object.entries(entries)) {
    cache.files.set(key, value);
    cache.used.files.add(key);
  }
  await saveCache(cache);
  const read = await openCache(dir);
  await loadCache(read);
  t.deepEqual([...read.files.keys()], ['exact']);
  t.deepEqual(read.files.get('exact'), entries.exact);
});

test('a valid record\'s Markdown texts are kept after its shard\'s JSON and read back as they were; texts that do not add up are not used', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-texts-'));
  const record = {
    ...incident('texts'),
    summary: 'Latin-1 only: café, £5 and naïve text, long enough to be sliced.',
    events: [
      { date: '2019-02-01', type: 'disclosure', title: 'Reported', description: 'Wider: “quoted” and 😀, long enough to be sliced.', sources: ['article'] },
      { date: '2019-03-01', type: 'statement', title: 'No description', sources: ['article'] },
    ],
    corrections: [{ date: '2020-01-01', note: 'Short' }],
    withdrawn: { date: '2021-01-01', reason: 'Withdrawn for a reason: “a wide one”.' },
  };
  const valid: CachedFile = { data: structuredClone(record), diagnostics: [], valid: true, latest: 1 };
  // An invalid result keeps its strings in its JSON, whatever they are.
  const invalid: CachedFile = { data: { summary: 'Not a record: “kept inline”.' }, diagnostics: [], valid: false, latest: 1 };
  const cache = await openCache(dir);
  await loadCache(cache);
  for (const [key, value] of [['k-valid', valid], ['k-invalid', invalid]] as const) {
    cache.files.set(key, value);
    cache.used.files.add(key);
  }
  await saveCache(cache);
  t.deepEqual(valid.data, record, 'the record in memory is left as it was');
  // Both keys start with "k": one shard.
  const file = path.join(dir, `build-cache.files-${'k'.charCodeAt(0) % 16}.bin`);
  const bytes = await readFile(file);
  const [json, texts] = [bytes.subarray(0, bytes.indexOf(0)).toString(), bytes.subarray(bytes.indexOf(0) + 1)];
  t.false(json.includes('café') || json.includes('Wider') || json.includes('for a reason'));
  t.true(json.includes('kept inline'));
  // Latin-1 texts first, one byte a character; the wider ones after them, in UTF-8.
  t.is(texts.toString('latin1', 0, record.summary.length + 'Short'.length), `${record.summary}Short`);
  t.is(texts.subarray(record.summary.length + 'Short'.length).toString(), `${record.events[0]!.description}${record.withdrawn.reason}`);
  const read = await openCache(dir);
  await loadCache(read);
  t.deepEqual(read.files.get('k-valid'), valid);
  t.deepEqual(read.files.get('k-invalid'), invalid);

  // A shard cut short: its texts no longer add up, and none of its entries is used.
  await writeFile(file, bytes.subarray(0, bytes.length - 1));
  const cut = await openCache(dir);
  await loadCache(cut);
  t.is(cut.files.size, 0);
});

test('a shard of file results rewritten after an edit is byte for byte what a fresh cache writes; its lines are copied only from the file as read, for the results read from them', async (t) => {
  const cwd = await project();
  const shardsOf = async (dir: string) => {
    const names = (await readdir(dir)).filter((n) => /\.files-\d+\.bin$/.test(n)).sort();
    return new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')] as const)));
  };
  await build(cwd, path.join(cwd, 'out'));
  const file = path.join(cwd, 'incidents/facebook/groups-api.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('About 100 app developers', 'Around 100 app developers'));
  await build(cwd, path.join(cwd, 'out'));
  const patched = await shardsOf(path.join(cwd, '.cache'));
  await rm(path.join(cwd, '.cache'), { recursive: true });
  await build(cwd, path.join(cwd, 'fresh'));
  t.deepEqual(patched, await shardsOf(path.join(cwd, '.cache')));
  t.true([...patched.values()].every((text) => text.split('\n').length > 2), 'an entry a line');

  // A shard replaced after this run read it: its lines are not taken for the entries read.
  const cache = await openCache(path.join(cwd, '.cache'));
  await loadCache(cache);
  const [key, entry] = [...cache.files].find(([, e]) => e.valid)!;
  for (const k of cache.files.keys()) cache.used.files.add(k);
  const [name, text] = [...(await shardsOf(path.join(cwd, '.cache')))].find(([, text]) => text.includes(`["${key}",`))!;
  await writeFile(path.join(cwd, '.cache', name), text.replace(`["${key}",{`, `["${key}",{"stale":true,`));
  // A new key in the same shard (shards go by a key's first character): that shard is rewritten.
  const added = `${key}-copy`;
  cache.files.set(added, { ...entry });
  cache.used.files.add(added);
  await saveCache(cache);
  const again = await openCache(path.join(cwd, '.cache'));
  await loadCache(again);
  t.deepEqual(again.files.get(key), entry);
  t.deepEqual(again.files.get(added), entry);

  // A shard of another version (or of the wrong shape) is ignored when read: the results checked
  // again in its place are written, not its lines.
  const shard = path.join(cwd, '.cache', name);
  const current = await readFile(shard, 'utf8');
  await writeFile(shard, current.replace(/^\{"fingerprint":"[^"]*"/, '{"fingerprint":"another version"').replace(`["${key}",{`, `["${key}",{"stale":true,`));
  const upgraded = await openCache(path.join(cwd, '.cache'));
  await loadCache(upgraded);
  t.false(upgraded.files.has(key));
  upgraded.files.set(key, { ...entry });
  for (const k of [...upgraded.files.keys(), key]) upgraded.used.files.add(k);
  await saveCache(upgraded);
  const after = await openCache(path.join(cwd, '.cache'));
  await loadCache(after);
  t.deepEqual(after.files.get(key), entry);
});

test('a cached file result of the wrong shape is not used: its file is checked again', async (t) => {
  const cwd = await project();
  await build(cwd, path.join(cwd, 'reference'), '--no-cache');
  await build(cwd, path.join(cwd, 'out'));
  // Shards that parse, with this tool's fingerprint, but whose entries are not file results.
  const shards = (await readdir(path.join(cwd, '.cache'))).filter((n) => /\.files-\d+\.bin$/.test(n));
  t.true(shards.length > 0);
  for (const name of shards) {
    // The JSON, then its records' Markdown texts after a NUL.
    const bytes = await readFile(path.join(cwd, '.cache', name));
    const cut = bytes.indexOf(0);
    const shard = JSON.parse(bytes.toString('utf8', 0, cut)) as { entries: Array<[string, { diagnostics: unknown }]> };
    for (const [, result] of shard.entries) result.diagnostics = 'none';
    shard.entries.push(['not-a-key', null] as never);
    await writeFile(path.join(cwd, '.cache', name), Buffer.concat([Buffer.from(JSON.stringify(shard)), bytes.subarray(cut)]));
  }
  await rm(path.join(cwd, 'out'), { recursive: true, force: true });
  await build(cwd, path.join(cwd, 'out'));
  await sameTree(t, path.join(cwd, 'out'), path.join(cwd, 'reference'));
});

test('the files of the last build\'s pages are packed and read back as they were; a packing that does not add up is not used', (t) => {
  const groups: Array<[string, CachedPage[]]> = [
    ['a', [{ path: 'records/x/index.html', bytes: 10, mtimeMs: 1796430000109.3103 }, { path: 'records/x/x.yaml', bytes: 5, mtimeMs: 2.5, sha256: 'ab'.repeat(32) }]],
    ['b', []],
    ['c', [{ path: 'feed.xml', bytes: 0, mtimeMs: 0 }]],
  ];
  t.deepEqual([...unpackPages(packPages(groups))!], groups);
  t.deepEqual([...unpackPages(packPages([]))!], []);
  t.deepEqual([...unpackPages(packPages([['only', []]]))!], [['only', []]]);
  const packed = packPages(groups);
  t.is(unpackPages({ ...packed, counts: Uint32Array.from([2, 0, 2]) }), undefined, 'more files counted than given');
  t.is(unpackPages({ ...packed, numbers: packed.numbers.subarray(1) }), undefined);
  t.is(unpackPages({ ...packed, paths: 42 }), undefined);
  t.is(unpackPages([['a', []]]), undefined, 'the shape of an older cache');
});

test('a build that patches the last output tells the process so (its heap may grow); a new tree is collected before drawing', async (t) => {
  const cwd = await project();
  const calls: string[] = [];
  const build = async () => {
    const cache = await openCache(path.join(cwd, '.cache'));
    const runtime = { cache, collect: () => void calls.push('collect'), patching: () => void calls.push('patching') };
    const result = await buildSite({ dir: 'incidents', out: 'out', cwd, now: DateTime.fromISO('2026-11-22T00:00:00Z'), runtime });
    await saveCache(cache);
    t.true(result.ok);
  };
  await build();
  const first = calls.splice(0);
  t.true(first.includes('collect') && !first.includes('patching'), 'a first build draws a new tree');
  const file = path.join(cwd, 'incidents/facebook/groups-api.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('About 100 app developers', 'Around 100 app developers'));
  await build();
  const second = calls.splice(0);
  t.true(second.includes('patching') && !second.includes('collect'), second.join(' '));
});
