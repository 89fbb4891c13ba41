import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { stringify } from 'yaml';
import { parseDate } from '../src/dates/parse.js';
import { cli } from './helpers/cli.js';
import { enforcement, incident } from './helpers/records.js';
import { buildInto } from './helpers/site.js';

// A small dataset whose figures were worked out by hand (see each expectation).
async function fixture(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-reports-'));
  await mkdir(path.join(dir, 'incidents'));
  const write = (r: Record<string, any>) => writeFile(path.join(dir, 'incidents', `${r.id}.yaml`), stringify(r));
  const inc = (id: string, org: string, start: string | number, disclosed: string, by: string, extra: object = {}) =>
    write({ ...incident(id), organization: org, period: { start }, disclosed: { date: disclosed, by, source: 'article' }, ...extra });
  const fine = (id: string, org: string, date: string, value: number, currency: string, extra: object = {}) =>
    write({ ...enforcement(id), organization: org, date, amount: { value, currency }, ...extra });
  await inc('a', 'Org A', '2020-01-01', '2020-01-11', 'organization', { discovered: '2020-01-05' }); // lag 10 days; 6 from discovery
  await inc('b', 'Org A', '2020-01', '2020-03-01', 'press'); // 30 to 60 days (2020 is a leap year)
  await inc('c', 'Org B', 2019, '2020-06-15', 'researcher'); // 167 to 531 days
  await inc('w', 'Org A', 2000, '2020-01-01', 'press', { withdrawn: { date: '2021-01-01', reason: 'Duplicate.' } });
  await fine('f1', 'Org A', '2020-02', 100, 'USD');
  await fine('f2', 'Org A', '2021-03', 50.5, 'USD');
  await fine('f3', 'Org B', '2020-07', 1000, 'EUR');
  await fine('f4', 'Org A', '2020-05', 999, 'GBP', { withdrawn: { date: '2021-01-01', reason: 'Overturned.' } });
  return dir;
}

async function reportJson(cwd: string, ...args: string[]) {
  const run = await cli(['report', '--format', 'json', '--now', '2026-11-22', ...args], { cwd });
  if (run.code !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

/** The dataset version as docs/reports.md gives its recipe, from the files themselves. */
async function documentedVersion(dir: string, ids: string[]): Promise<string> {
  const sha = (text: string, encoding: 'hex' | 'base64url') => createHash('sha256').update(text).digest(encoding);
  const parts = await Promise.all([...ids].sort().map(async (id) => `${id}\0${sha(await readFile(path.join(dir, 'incidents', `${id}.yaml`), 'utf8'), 'base64url')}\0`));
  return sha(parts.join(''), 'hex');
}

test('figures for the whole dataset match the hand-computed ones', async (t) => {
  const cwd = await fixture();
  const r = await reportJson(cwd);
  t.is(r.dataset.version, await documentedVersion(cwd, ['a', 'b', 'c', 'w', 'f1', 'f2', 'f3', 'f4']));
  t.like(r.summary, { incidents: 3, enforcementActions: 3, withdrawn: 2 });
  t.deepEqual(r.summary.firstDisclosedBy.map((d: { by: string; count: number }) => [d.by, d.count]), [['organization', 1], ['press', 1], ['researcher', 1]]);
  // Shortest possible lags 10, 30, 167; longest 10, 60, 531.
  t.like(r.summary.lagFromExposure, { count: 3, median: { minDays: 30, maxDays: 60 }, mean: { minDays: 69, maxDays: 200.3 }, max: { minDays: 167, maxDays: 531 } });
  t.like(r.summary.lagFromDiscovery, { count: 1, median: { minDays: 6, maxDays: 6 } });
  t.deepEqual(r.totals.map((x: { currency: string; total: number; actions: number }) => [x.currency, x.total, x.actions]), [['EUR', 1000, 1], ['USD', 150.5, 2]]);
  t.deepEqual(r.amountsByYear.find((c: { currency: string }) => c.currency === 'USD').years.map((y: { year: number; total: number }) => [y.year, y.total]), [[2020, 100], [2021, 50.5]]);
  t.deepEqual(r.withdrawnRecords.map((w: { id: string }) => w.id), ['w', 'f4']);
  t.false(r.incidents.some((i: { id: string }) => i.id === 'w'));
  t.regex(r.dataset.version, /^[0-9a-f]{64}$/);
  t.is(r.generated, '2026-11-22T23:59:59Z');
});

test('scopes: one organization, a date range, and both', async (t) => {
  const cwd = await fixture();
  const orgA = await reportJson(cwd, '--org', 'org a');
  t.deepEqual(orgA.incidents.map((i: { id: string }) => i.id), ['a', 'b']);
  t.like(orgA.summary.lagFromExposure, { median: { minDays: 20, maxDays: 35 }, max: { minDays: 30, maxDays: 60 } });
  t.deepEqual(orgA.totals.map((x: { currency: string; total: number }) => [x.currency, x.total]), [['USD', 150.5]]);
  const range = await reportJson(cwd, '--from', '2020-02', '--to', '2020-12');
  t.deepEqual(range.incidents.map((i: { id: string }) => i.id), ['b', 'c']);
  t.deepEqual(range.enforcement.map((e: { id: string }) => e.id), ['f1', 'f3']);
  const both = await reportJson(cwd, '--org', 'Org B', '--from', '2020');
  t.deepEqual([...both.incidents, ...both.enforcement].map((x: { id: string }) => x.id), ['c', 'f3']);
  t.not(both.dataset.version, range.dataset.version);
  const typo = await cli(['report', '--org', 'Org Z', '--now', '2026-11-22'], { cwd });
  t.is(typo.code, 1);
  t.regex(typo.stderr, /no record is about the organization "Org Z"/);
  t.is((await cli(['report', '--from', '2021', '--to', '2020', '--now', '2026-11-22'], { cwd })).code, 2);
});

test('the Markdown report parses back into the expected tables', async (t) => {
  const run = await cli(['report', '--format', 'md', '--now', '2026-11-22'], { cwd: await fixture() });
  const tree = unified().use(remarkParse).use(remarkGfm).parse(run.stdout);
  const tables = tree.children.filter((n) => n.type === 'table') as Array<{ children: Array<{ children: Array<{ children: Array<{ value?: string; children?: Array<{ value?: string }> }> }> }> }>;
  const text = (cell: { children: Array<{ value?: string; children?: Array<{ value?: string }> }> }) =>
    cell.children.map((c) => c.value ?? c.children?.map((x) => x.value ?? '').join('') ?? '').join('');
  const rows = (i: number) => tables[i]!.children.slice(1).map((row) => row.children.map(text));
  t.is(tables.length, 5); // summary, lags, incidents, enforcement, totals
  t.deepEqual(rows(0).slice(0, 3), [['Incidents', '3'], ['Enforcement actions', '3'], ['Withdrawn records (not counted)', '2']]);
  t.deepEqual(rows(1)[0], ['median', 'start of exposure', '1 to 2 months', '30 to 60']);
  t.is(rows(2).length, 3);
  t.deepEqual(rows(3).map((r) => r[5]), ['$100 (USD)', '€1,000 (EUR)', '$50.50 (USD)']);
  t.deepEqual(rows(4), [['EUR', '€1,000', '1'], ['USD', '$150.50', '2']]);
});

test('the CSV tables give the same numbers as the JSON report', async (t) => {
  const cwd = await fixture();
  const json = await reportJson(cwd);
  t.is((await cli(['report', '--format', 'csv', '--out', 'tables', '--now', '2026-11-22'], { cwd })).code, 0);
  const parse = (csv: string) => csv.trimEnd().split('\r\n').map((line) => line.split(','));
  const totals = parse(await readFile(path.join(cwd, 'tables/totals.csv'), 'utf8'));
  t.deepEqual(totals.slice(1).map(([c, total, n]) => [c, Number(total), Number(n)]), json.totals.map((x: { currency: string; total: number; actions: number }) => [x.currency, x.total, x.actions]));
  const incidents = parse(await readFile(path.join(cwd, 'tables/incidents.csv'), 'utf8'));
  const col = (name: string) => incidents[0]!.indexOf(name);
  t.deepEqual(
    incidents.slice(1).map((r) => [r[0], Number(r[col('lag_min_days')]), Number(r[col('lag_max_days')])]),
    json.incidents.map((i: { id: string; lagDays: { min: number; max: number } }) => [i.id, i.lagDays.min, i.lagDays.max]),
  );
  const lags = parse(await readFile(path.join(cwd, 'tables/lags.csv'), 'utf8'));
  t.deepEqual(lags[2], ['mean', 'exposure_start', String(json.summary.lagFromExposure.mean.minDays), String(json.summary.lagFromExposure.mean.maxDays)]);
});

test('the build publishes reports with a manifest that verify checks, catching a one-byte change', async (t) => {
  const out = await buildInto('incidents');
  const manifest = JSON.parse(await readFile(path.join(out, 'reports/manifest.json'), 'utf8')) as { files: Array<{ path: string; bytes: number }> };
  const names = manifest.files.map((f) => f.path);
  for (const f of ['reports/all/report.html', 'reports/all/report.md', 'reports/all/report.json', 'reports/all/incidents.csv', 'reports/organization-facebook/report.md', 'data/records.json']) {
    t.true(names.includes(f), f);
  }
  const index = await readFile(path.join(out, 'reports/index.html'), 'utf8');
  t.regex(index, /href="\.\.\/reports\/all\/report\.md">report\.md<\/a> <span class="muted">\(Markdown, [\d.]+ (kB|bytes)\)/);
  t.is((await cli(['verify', out])).code, 0);
  const target = path.join(out, 'reports/all/report.json');
  const bytes = await readFile(target);
  bytes[10] = bytes[10]! ^ 1;
  await writeFile(target, bytes);
  const changed = await cli(['verify', out]);
  t.is(changed.code, 1);
  t.regex(changed.stdout, /^changed: reports\/all\/report\.json \(SHA-256 /m);
  await writeFile(path.join(out, 'data/events.csv'), '');
  t.regex((await cli(['verify', out])).stdout, /changed: data\/events\.csv \(0 bytes, expected \d+\)/);
  t.is((await cli(['verify', path.join(out, 'nope')])).code, 2);
});

test('PDF: printed with Chromium when present, a plain instruction when not', async (t) => {
  const cwd = await fixture();
  const missing = await cli(['report', '--format', 'pdf', '--out', 'r.pdf', '--now', '2026-11-22'], { cwd, env: { CHROMIUM_PATH: '', PATH: '/nonexistent' } });
  if (missing.code === 1) t.regex(missing.stderr, /apt-get install chromium/);
  else t.pass('a Chromium is installed at a standard path');
  const run = await cli(['report', '--format', 'pdf', '--out', 'r.pdf', '--now', '2026-11-22'], { cwd, env: process.env });
  if (run.code === 0) t.is((await readFile(path.join(cwd, 'r.pdf'))).subarray(0, 5).toString(), '%PDF-');
  else t.regex(run.stderr, /apt-get install chromium/);
  t.true(parseDate('2026-11-22').ok);
});
