import test from 'ava';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate, syntheticRecord } from '../bench/generate.js';
import { cli } from './helpers/cli.js';
import { listTree, readSite } from './helpers/site.js';

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

/** Asserts two built trees hold the same files with the same bytes. */
async function sameTree(t: import('ava').ExecutionContext, a: string, b: string): Promise<void> {
  const files = await listTree(a);
  t.deepEqual(await listTree(b), files);
  for (const f of files) t.true((await readFile(path.join(a, f))).equals(await readFile(path.join(b, f))), f);
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
  await build(cwd, out);
  await sameTree(t, out, await cold('cold-4'));
  t.regex(await readSite(out, 'records/groups-api/index.html'), /Every fact is sourced\./);
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

test('a corrupt or foreign cache is ignored and rebuilt, never trusted', async (t) => {
  const cwd = await project();
  await build(cwd, path.join(cwd, 'reference'), '--no-cache');
  await mkdir(path.join(cwd, '.cache'), { recursive: true });
  for (const junk of [Buffer.from('not a cache'), Buffer.alloc(0), Buffer.from([0xff, 0x0d, 0x6f, 0x01])]) {
    await writeFile(path.join(cwd, '.cache/build-cache.bin'), junk);
    await build(cwd, path.join(cwd, 'out'));
    await sameTree(t, path.join(cwd, 'out'), path.join(cwd, 'reference'));
  }
});

test('long timelines are split by year into pages of at most 1,000 events', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-pages-'));
  await generate(path.join(cwd, 'incidents'), 300);
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
});
