import test from 'ava';
import { cp, mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { generate } from '../bench/generate.js';
import { prepareSite } from '../src/build.js';
import { byKeyDate } from '../src/reports/figures.js';
import { ROWS_PER_TABLE } from '../src/reports/render.js';
import { restamp, stampOf, stampSpans, stampValues, type LastFile, type StampKind } from '../src/reports/stamps.js';
import { renderSite } from '../src/site/pages.js';
import { wholeText } from '../src/site/sink.js';
import type { Templates } from '../src/site/templates.js';
import type { PageReuse, SiteContext } from '../src/site/view/context.js';
import { cli } from './helpers/cli.js';
import { asFiles, incident } from './helpers/records.js';
import { listTree, readSite, sameTree } from './helpers/site.js';

const T0 = '2026-11-22T10:00:00Z';
const T1 = '2026-11-23T11:12:13Z';

/** A text written to a file, as `restamp` finds the last build's: its pieces' places by key. */
function lastFile(dir: string, name: string, text: string, spans: Array<[string, number, number]>): LastFile {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const { size, mtimeMs } = statSync(file);
  return { spans: new Map(spans.map(([key, start, end]) => [key, [start, end] as const])), range: (start, end) => ({ kept: file, start, end, written: { bytes: size, mtimeMs } }) };
}

const V0 = 'a'.repeat(64);
const V1 = 'b'.repeat(64);

test('a mark is as long in UTF-8 as its value, differs by kind, and no escaping of any report format touches it', (t) => {
  for (const time of [T0, '+010000-01-01T00:00:00Z', 'ab']) t.is(Buffer.byteLength(stampOf('time', time)!.mark), Buffer.byteLength(time));
  t.is(stampOf('time', ''), undefined);
  const [time, version] = [stampOf('time', T0)!.mark, stampOf('version', V0)!.mark];
  t.false(version.includes(time.slice(0, 1)) || time.includes(version.slice(0, 1)));
  for (const mark of [time, version]) {
    t.is(JSON.stringify(mark), `"${mark}"`);
    t.false(/[",\r\n]/.test(mark), 'a CSV field left unquoted');
    t.false(/[&<>"'`=\\*_[\]#|~]/.test(mark), 'HTML and Markdown leave it as it is');
  }
});

test('a drawn file gets each value where its mark stands, at byte offsets that hold in UTF-8, in one text or in parts', (t) => {
  const stamps = [stampOf('time', T0)!, stampOf('version', V0)!];
  const [time, version] = stamps.map((s) => s.mark);
  const found: Array<[string, number]> = [];
  const text = stampValues(`<p>Zürich · ${time}</p><code>${version}</code><time>${time}</time>`, stamps, (kind, at) => found.push([kind, at]));
  t.is(text, `<p>Zürich · ${T0}</p><code>${V0}</code><time>${T0}</time>`);
  const bytes = Buffer.from(text as string);
  const at = ([kind, start]: [string, number]) => bytes.subarray(start, start + (kind === 'time' ? T0 : V0).length).toString();
  t.deepEqual(found.map(at), [T0, T0, V0]);

  const inParts: Array<[string, number]> = [];
  const parts = stampValues(['{"a": "é", ', Buffer.from('"b": 1, '), `"generated": "${time}"}`], stamps.slice(0, 1), (kind, start) => inParts.push([kind, start]));
  const joined = Buffer.from(wholeText(parts));
  t.is(joined.toString(), `{"a": "é", "b": 1, "generated": "${T0}"}`);
  t.deepEqual(inParts.map(([, start]) => joined.subarray(start, start + T0.length).toString()), [T0]);
  t.is(stampValues('nothing here', stamps, () => t.fail()), 'nothing here');
});

test('the last build\'s file is copied with other values in their places, and its pieces moved by what the values grew', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-stamps-'));
  const head = 'Generated: ';
  const text = `${head}${T0}\nrow one\nversion ${V0}\n· ${T0}\n`;
  const stamps = [stampOf('time', T0)!, stampOf('version', V0)!];
  const places: Array<[StampKind, number]> = [['time', head.length], ['version', text.indexOf(V0)], ['time', Buffer.byteLength(text) - T0.length - 1]];
  const rowOne = Buffer.byteLength(`${head}${T0}\n`);
  const spans: Array<[string, number, number]> = [['row-1', rowOne, rowOne + 8], ...stampSpans(['k', 'view'], Buffer.byteLength(text), places, stamps)];
  const last = lastFile(dir, 'report.md', text, spans);
  const sorted = (list: Array<[string, number, number]>) => [...list].sort(([a], [b]) => (a < b ? -1 : 1));

  const again = restamp(last, 'k', { time: T1 }, ['k', 'view'])!;
  t.is(wholeText(again.parts), text.replaceAll(T0, T1), 'the version kept as it was');
  t.true(again.parts.some((part) => typeof part !== 'string'), 'the rest copied from the file, not held');
  t.deepEqual(sorted(again.spans), sorted(spans), 'a time as long as the last leaves every piece where it was');

  const later = '+010000-01-01T00:00:00Z';
  const both = restamp(last, 'view', { time: later, version: V1 }, ['k2', 'view'])!;
  const made = Buffer.from(wholeText(both.parts));
  t.is(made.toString(), text.replaceAll(T0, later).replace(V0, V1));
  const where = new Map(both.spans.map(([key, start, end]) => [key, made.subarray(start, end).toString()]));
  t.is(where.get('row-1'), 'row one\n');
  t.is(where.get('time 1'), later);
  t.is(where.get('version 0'), V1);
  t.is(where.get('k2 file'), made.toString(), 'named by the keys it is drawn for now');
  t.false(where.has('k file'));
  t.is(restamp(last, 'another key', { time: T1 }), undefined, 'a file drawn for other content is not restamped');
});

/**
 * Renders a site twice, as two builds with a cache would: the second at another time, given the
 * first one's files and their pieces' places. Answers the second's files, and which templates it drew.
 */
async function twoBuilds(cwd: string, between: (first: SiteContext) => Promise<void> = async () => undefined): Promise<{ files: Map<string, string>; drawn: Map<string, number>; fresh: Map<string, string> }> {
  const prepare = async (now: string) => {
    const prepared = await prepareSite({ dir: 'incidents', cwd, now: DateTime.fromISO(now, { zone: 'utc' }) });
    if (!prepared.ok || prepared.upToDate) throw new Error('the records should build');
    return prepared;
  };
  const dir = path.join(cwd, 'last');
  const placed = new Map<string, Array<[string, number, number]>>();
  const lastFiles = new Map<string, LastFile>();
  const reuse = (last: boolean): PageReuse => ({
    keepsNothing: !last,
    take: () => undefined,
    holds: () => false,
    remember: () => undefined,
    read: () => undefined,
    piece: () => undefined,
    eventsOf: () => undefined,
    placePageEvents: () => undefined,
    eventSpans: () => undefined,
    timelines: undefined,
    layTimelines: () => undefined,
    placePieces: (sitePath, _settings, spans) => void placed.set(sitePath, spans),
    lastFile: (sitePath) => (last ? lastFiles.get(sitePath) : undefined),
  });
  // The first build, at T0: its files left on disk, and where their pieces lie.
  const first = await prepare(T0);
  const files0 = new Map<string, string>();
  renderSite({ ...first.site, reuse: reuse(false) }, first.templates, (sitePath, text) => void files0.set(sitePath, wholeText(text)));
  await mkdir(dir, { recursive: true });
  for (const [sitePath, spans] of placed) lastFiles.set(sitePath, lastFile(dir, sitePath.replaceAll('/', '_'), files0.get(sitePath)!, spans));
  await between(first.site);

  const second = await prepare(T1);
  const drawn = new Map<string, number>();
  const counting: Templates = { ...second.templates, render: (name, data) => (drawn.set(name, (drawn.get(name) ?? 0) + 1), second.templates.render(name, data)) };
  const files = new Map<string, string>();
  renderSite({ ...second.site, reuse: reuse(true) }, counting, (sitePath, text) => void files.set(sitePath, wholeText(text)));
  const fresh = new Map<string, string>();
  renderSite(second.site, second.templates, (sitePath, text) => void fresh.set(sitePath, wholeText(text)));
  return { files, drawn, fresh };
}

test('a build at another time copies the last build\'s reports with its own time in them, drawing none, and equals a fresh build', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-restamp-'));
  await generate(path.join(cwd, 'incidents'), 40);
  const { files, drawn, fresh } = await twoBuilds(cwd);
  t.false(drawn.has('reports/report.html'), 'no report drawn');
  t.false(drawn.has('reports/report.md'), 'no report drawn');
  const reports = [...fresh.keys()].filter((p) => /^reports\/.+\/(report\.|summary\.csv)/.test(p));
  t.true(reports.length >= 8);
  for (const p of reports) t.true(fresh.get(p)!.includes(T1), p);
  for (const [p, text] of fresh) t.is(files.get(p), text, p);
});


test('an edit to a record the whole dataset\'s HTML and Markdown do not list copies them with the new dataset version, and equals a fresh build', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-restamp-version-'));
  // More incidents than the HTML lists (the first 1,000) and charts (the last 300).
  await generate(path.join(cwd, 'incidents'), 1700);
  const { files, drawn, fresh } = await twoBuilds(cwd, async (site) => {
    const incidents = byKeyDate(site.records).filter((m) => m.source.kind === 'incident' && !m.source.withdrawn);
    t.true(incidents.length - 300 > ROWS_PER_TABLE + 10);
    const unlisted = incidents[ROWS_PER_TABLE + 10]!;
    const n = Number(unlisted.id.replace(/\D/g, ''));
    const file = path.join(cwd, 'incidents', `batch-${String(Math.floor(n / 1000)).padStart(3, '0')}`, `${unlisted.id}.yaml`);
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: "/m, 'title: "Edited: '));
  });
  t.is(drawn.get('reports/report.html'), 1, 'only the edited record\'s organization\'s report drawn');
  t.is(drawn.get('reports/report.md'), 1);
  for (const [p, text] of fresh) t.is(files.get(p), text, p);
});

test('a record holding the last build\'s very time keeps it in the reports built at another time: only the reports\' own places change', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-restamp-cli-'));
  const same = incident('same-time');
  same.title = `Disclosed at ${T0}`;
  same.disclosed.date = T0;
  same.events[0].date = T0;
  await mkdir(path.join(cwd, 'incidents'));
  for (const [name, text] of Object.entries(asFiles(incident('other'), same))) await writeFile(path.join(cwd, 'incidents', name), text);
  const build = async (now: string, ...extra: string[]) => {
    const run = await cli(['build', '--now', now, ...extra], { cwd });
    t.is(run.code, 0, run.stderr);
  };
  await build(T0);
  await build(T1);
  await build(T1, '--out', 'cold', '--no-cache');
  await sameTree(t, path.join(cwd, 'out'), path.join(cwd, 'cold'));
  const json = await readSite(path.join(cwd, 'out'), 'reports/all/report.json');
  t.true(json.includes(`"generated": "${T1}"`));
  t.true(json.includes(`"value": "${T0}"`), 'the record\'s own date, as written');
  t.true((await readSite(path.join(cwd, 'out'), 'reports/all/incidents.csv')).includes(`Disclosed at ${T0}`));
});

test('templates holding the characters a time mark is made of are drawn with the time itself, never marked', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-restamp-c1-'));
  await cp('incidents', path.join(cwd, 'incidents'), { recursive: true });
  await cp('templates', path.join(cwd, 'custom'), { recursive: true });
  const template = path.join(cwd, 'custom/reports/report.md.hbs');
  // As many C1 characters as a mark of the time holds: the template's own text, to be kept.
  await writeFile(template, `${await readFile(template, 'utf8')}\n${stampOf('time', T0)!.mark}\n`);
  for (const [now, out, ...extra] of [[T0, 'out'], [T1, 'out'], [T1, 'cold', '--no-cache']]) {
    const run = await cli(['build', '--now', now!, '--templates', 'custom', '--out', out!, ...extra], { cwd });
    t.is(run.code, 0, run.stderr);
  }
  const md = await readSite(path.join(cwd, 'out'), 'reports/all/report.md');
  t.true(md.endsWith(`\n${stampOf('time', T0)!.mark}\n`));
  t.is(md, await readSite(path.join(cwd, 'cold'), 'reports/all/report.md'));
});

/** A copy of the repository's records, built with a cache by `build` (asserting it succeeds). */
async function project(t: import('ava').ExecutionContext) {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-time-only-'));
  await cp('incidents', path.join(cwd, 'incidents'), { recursive: true });
  // Files written a day ago: a build trusts their sizes and times (see `stampProvesUnchanged`).
  const dayAgo = new Date(Date.now() - 86_400_000);
  for (const f of await listTree(path.join(cwd, 'incidents'))) await utimes(path.join(cwd, 'incidents', f), dayAgo, dayAgo);
  const out = path.join(cwd, 'out');
  const build = async (now: string, ...extra: string[]) => {
    const run = await cli(['build', '--now', now, ...extra], { cwd });
    t.is(run.code, 0, run.stderr);
    return { files: Number(/\((\d+) files\)/.exec(run.stderr)?.[1] ?? 0), stderr: run.stderr };
  };
  /** Asserts `out` holds exactly what a cold build at `now` makes. */
  const sameAsCold = async (now: string) => {
    await build(now, '--out', 'cold', '--no-cache');
    await sameTree(t, out, path.join(cwd, 'cold'));
  };
  return { cwd, out, build, sameAsCold };
}

test('a build with nothing changed but a later time writes only the files that show it, and equals a cold build', async (t) => {
  const { out, build, sameAsCold } = await project(t);
  t.is((await build(T0)).files, (await listTree(out)).length);
  t.regex((await build(T0)).stderr, /up to date/);
  const showTime = (await listTree(out)).filter((f) => /^reports\/[^/]+\/(report\.(html|md|json)|summary\.csv)$/.test(f));
  t.is((await build(T1)).files, showTime.length + 1, 'the reports that show the time, and the manifest');
  t.true((await readSite(out, 'reports/all/report.md')).includes(T1));
  await sameAsCold(T1);
  t.regex((await build(T1)).stderr, /up to date/);
});

test('a build at an earlier time than the last, or after a report was changed by hand, is made in full', async (t) => {
  const { cwd, out, build, sameAsCold } = await project(t);
  await build(T1);
  // Dated between the two times: in the future for the earlier one, which must check it.
  const record = path.join(cwd, 'incidents/facebook/ico-fine.yaml');
  const text = await readFile(record, 'utf8');
  await writeFile(record, text.replace(/^organization: Facebook$/m, 'organization: Facebook\nupdated: 2026-11-23'));
  await build(T1);
  const before = await readSite(out, 'reports/manifest.json');
  const earlier = await cli(['build', '--now', T0], { cwd });
  t.is(earlier.code, 1);
  t.regex(earlier.stderr, /future/);
  t.is(await readSite(out, 'reports/manifest.json'), before, 'the last output kept');

  await writeFile(record, text);
  await build(T1);
  await writeFile(path.join(out, 'reports/all/report.md'), 'changed by hand\n');
  t.true((await build('2026-11-24T00:00:00Z')).files > 20, 'every report drawn again');
  await sameAsCold('2026-11-24T00:00:00Z');
});

test('after builds that only restamped the reports, an edit is built from the cache as from a cold build', async (t) => {
  const { cwd, build, sameAsCold } = await project(t);
  await build(T0);
  await build(T1);
  await build('2026-11-24T00:00:00Z');
  const record = path.join(cwd, 'incidents/facebook/groups-api.yaml');
  await writeFile(record, (await readFile(record, 'utf8')).replace('About 100 app developers', 'Around 100 app developers'));
  await build('2026-11-25T00:00:00Z');
  await sameAsCold('2026-11-25T00:00:00Z');
});
