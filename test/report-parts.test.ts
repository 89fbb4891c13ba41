import test from 'ava';
import fc from 'fast-check';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { generate } from '../bench/generate.js';
import { loadModel } from '../src/check.js';
import { sortDates } from '../src/dates/compare.js';
import type { ModelRecord } from '../src/model/normalize.js';
import { isKeptRange, type KeptRange, type Part } from '../src/output/files.js';
import { reportCsv } from '../src/reports/csv.js';
import { byKeyDate, reportTables, withRows } from '../src/reports/figures.js';
import { reportJsonParts, type RowPieces } from '../src/reports/render.js';
import { keyDate } from '../src/reports/scope.js';
import { jsonText, type RecordPieces } from '../src/site/data-files.js';
import { wholeText, type FileText } from '../src/site/sink.js';

const now = DateTime.fromISO('2026-11-22T00:00:00Z');

async function records(): Promise<ModelRecord[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-report-parts-'));
  await generate(path.join(dir, 'incidents'), 60);
  const model = await loadModel({ dir: 'incidents', cwd: dir, now });
  if (!model.ok) throw new Error('the synthetic dataset should be valid');
  return model.records;
}

/**
 * Makes each of a report's files of rows once, keeping where each row went, and gives the
 * pieces a second making copies: every row but the changed ones', from the file on disk.
 */
async function lastBuild(make: (pieces: RowPieces) => Map<string, FileText>, changed: Set<string>): Promise<RowPieces> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-report-last-'));
  const spans = new Map<string, Map<string, [number, number]>>();
  const placing: RowPieces = (name) => {
    const placed = new Map<string, [number, number]>();
    spans.set(name, placed);
    return { placed: (m, start, end) => placed.set(m.id, [start, end]) };
  };
  const written = new Map<string, KeptRange['written']>();
  for (const [name, text] of make(placing)) {
    await writeFile(path.join(dir, name), wholeText(text));
    const info = await stat(path.join(dir, name));
    written.set(name, { bytes: info.size, mtimeMs: info.mtimeMs });
  }
  return (name): RecordPieces => ({
    pieceOf: (m) => {
      const span = spans.get(name)?.get(m.id);
      return span && !changed.has(m.id) ? { kept: path.join(dir, name), start: span[0], end: span[1], written: written.get(name)! } : undefined;
    },
  });
}

const ranges = (text: FileText) => [...(text as Iterable<Part>)].filter(isKeptRange);

test('a report\'s JSON made row by row is the whole document; rows copied from the last file give it again', async (t) => {
  const all = await records();
  const tables = reportTables(all, {}, now, 'en');
  t.true(tables.incidents.length > 3 && tables.enforcement.length > 3, 'both tables have rows');
  const whole = jsonText(withRows(tables));
  t.is(wholeText(reportJsonParts(tables)), whole);

  const json = (pieces: RowPieces) => new Map([['report.json', [...reportJsonParts(tables, pieces)]]]);
  // One incident and one enforcement action changed, in the middle of their tables.
  const changed = new Set([tables.incidents[2]!.id, tables.enforcement[1]!.id]);
  const copied = json(await lastBuild(json, changed)).get('report.json')!;
  t.is(wholeText(copied), whole);
  // Before and after each changed row: four stretches of the last file.
  t.is(ranges(copied).length, 4);

  // An organization's report whose records are all incidents: its enforcement table is empty.
  const org = tables.incidents.map((m) => m.source.organization).find((o) => !tables.enforcement.some((m) => m.source.organization === o));
  t.truthy(org, 'an organization with incidents alone');
  const only = reportTables(all, { organization: org! }, now, 'en');
  t.is(wholeText(reportJsonParts(only)), jsonText(withRows(only)));
  t.regex(wholeText(reportJsonParts(only)), /\n {2}"enforcement": \[\],\n/);
  const none = reportTables([], {}, now, 'en');
  t.is(wholeText(reportJsonParts(none)), jsonText(withRows(none)));
});

test('a report\'s CSV tables copied row by row from the last files are the same files', async (t) => {
  const all = await records();
  const tables = reportTables(all, {}, now, 'en');
  const fresh = new Map([...reportCsv(tables)].map(([name, text]) => [name, wholeText(text)]));
  t.is(fresh.get('incidents.csv')!.split('\r\n').length - 2, tables.incidents.length, 'a row per incident');
  t.true(fresh.get('enforcement.csv')!.startsWith('id,title,organization,authority,'));
  const csv = (pieces: RowPieces) => new Map([...reportCsv(tables, pieces)].map(([name, text]) => [name, typeof text === 'string' ? text : [...(text as Iterable<Part>)]] as const));
  const changed = new Set([tables.incidents.at(-1)!.id]);
  const copied = csv(await lastBuild(csv, changed));
  for (const [name, text] of copied) t.is(wholeText(text), fresh.get(name)!, name);
  t.is(ranges(copied.get('incidents.csv')!).length, 1, 'every incident but the last, as one stretch');
  t.is(ranges(copied.get('enforcement.csv')!).length, 1);
});

test('property: records by key date are in the order sorting by sortDates, then id, gives', (t) => {
  const date = fc.constantFrom('2018', '2018-04', '2018-04-01', '2018-04-01T10:00Z', '2018-04-01T10:00+02:00', '2019~', '2017-12-31', '2018-01');
  const record = (id: string, value: string) => ({ id, source: { kind: 'enforcement', date: value } }) as unknown as ModelRecord;
  fc.assert(
    fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 3 }), date), { selector: ([id]) => id, maxLength: 30 }), (entries) => {
      const given = entries.map(([id, value]) => record(id, value)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const want = [...given].sort((a, b) => sortDates(keyDate(a), keyDate(b)) || (a.id < b.id ? -1 : 1));
      // Given in another order, the id still decides between equal dates.
      return [given, [...given].reverse()].every((input) => byKeyDate(input).every((m, i) => m.id === want[i]!.id));
    }),
    { numRuns: 500 },
  );
  t.pass();
});
