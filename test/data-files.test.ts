import test from 'ava';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { loadModel } from '../src/check.js';
import { recordJson } from '../src/model/normalize.js';
import { FORMAT_VERSION } from '../src/schema/record.js';
import { jsonText, recordJsonText, recordsJson, recordsJsonParts } from '../src/site/data-files.js';
import { isKeptRange, type KeptRange } from '../src/output/files.js';
import { eventsCsv, FEED_ENTRIES, feedView } from '../src/site/feeds.js';
import { buildModel } from '../src/model/normalize.js';
import { incident } from './helpers/records.js';
import { wholeText } from '../src/site/sink.js';
import { siteContext } from '../src/build.js';
import { paths } from '../src/model/paths.js';
import { recordJsonSchema } from '../src/schema/json-schema.js';
import { buildInto, readSite } from './helpers/site.js';

test('records.json joined from the records\' own JSON texts is exactly the whole document serialized', async (t) => {
  const model = await loadModel({ dir: 'incidents', now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  if (!model.ok) return t.fail('the seed dataset should be valid');
  const whole = (records: typeof model.records) => jsonText({ format: FORMAT_VERSION, count: records.length, records: records.map(recordJson) });
  t.is(recordsJson(model.records), whole(model.records));
  t.is(recordsJson(model.records.slice(0, 1)), whole(model.records.slice(0, 1)));
  t.is(recordsJson([]), whole([]));
  // Texts handed in (read back from kept files) are used as they are.
  const texts = new Map(model.records.map((m) => [m, recordJsonText(m)]));
  t.is(recordsJson(model.records, { textOf: (m) => texts.get(m)! }), whole(model.records));

  // Pieces copied from the last file, at the places it reported, give the same file again;
  // a record without a piece (one that changed) is made afresh between them.
  const spans = new Map<string, [number, number]>();
  const last = Buffer.from(recordsJson(model.records, { placed: (m, start, end) => spans.set(m.id, [start, end]) }));
  t.is(spans.size, model.records.length);
  const changed = model.records[1]!.id;
  const pieceOf = (m: (typeof model.records)[number]) => (m.id === changed ? undefined : last.subarray(...spans.get(m.id)!));
  t.is(recordsJson(model.records, { pieceOf }), whole(model.records));
  t.true(last.subarray(...spans.get(changed)!).toString().startsWith(`    {\n      "id": "${changed}"`));
});

test('records.json of kept ranges: pieces that lay together in the last file are copied as one stretch, in any order', async (t) => {
  const model = await loadModel({ dir: 'incidents', now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  if (!model.ok) return t.fail('the seed dataset should be valid');
  const spans = new Map<string, [number, number]>();
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-ranges-')), 'records.json');
  await writeFile(file, recordsJson(model.records, { placed: (m, start, end) => spans.set(m.id, [start, end]) }));
  const info = await stat(file);
  const written = { bytes: info.size, mtimeMs: info.mtimeMs };
  const rangesOf = (changed: Set<string>) => (m: (typeof model.records)[number]): KeptRange | undefined =>
    changed.has(m.id) ? undefined : { kept: file, start: spans.get(m.id)![0], end: spans.get(m.id)![1], written };
  const ranges = (parts: Iterable<unknown>) => [...parts].filter(isKeptRange);
  const ids = model.records.map((m) => m.id);
  t.true(ids.length >= 4, 'enough records to change one between others');

  // One record changed between others: the pieces before it and after it, two stretches.
  const changed = new Set([ids[2]!]);
  const placed = new Map<string, [number, number]>();
  const parts = [...recordsJsonParts(model.records, { pieceOf: rangesOf(changed), placed: (m, start, end) => placed.set(m.id, [start, end]) })];
  t.deepEqual(ranges(parts).map((r) => [r.start, r.end]), [[spans.get(ids[0]!)![0], spans.get(ids[1]!)![1]], [spans.get(ids[3]!)![0], spans.get(ids.at(-1)!)![1]]]);
  const text = Buffer.from(wholeText(parts));
  t.is(text.toString(), recordsJson(model.records));
  for (const m of model.records) t.true(text.subarray(...placed.get(m.id)!).toString().startsWith(`    {\n      "id": "${m.id}"`), `${m.id} is where it was placed`);

  // Nothing changed: the whole list of records is one stretch. Records in another order: no
  // two pieces lie together as before, and each is copied on its own.
  t.is(ranges(recordsJsonParts(model.records, { pieceOf: rangesOf(new Set()) })).length, 1);
  const reversed = [...model.records].reverse();
  const turned = [...recordsJsonParts(reversed, { pieceOf: rangesOf(new Set()) })];
  t.is(ranges(turned).length, reversed.length);
  t.is(wholeText(turned), recordsJson(reversed));
});

test('events.csv copied piece by piece from the last file is the same file', async (t) => {
  const model = await loadModel({ dir: 'incidents', now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  if (!model.ok) return t.fail('the seed dataset should be valid');
  const site = siteContext(model.records, { now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  const whole = wholeText(eventsCsv(site));
  t.regex(whole, /^record_id,record_kind,.*\r\n/);
  t.is(whole.split('\r\n').length - 2, model.records.reduce((n, m) => n + m.source.events.length, 0), 'a row per event');
  const spans = new Map<string, [number, number]>();
  const last = Buffer.from(wholeText(eventsCsv(site, { placed: (m, start, end) => spans.set(m.id, [start, end]) })));
  t.is(last.toString(), whole);
  const changed = model.records[0]!.id;
  const pieceOf = (m: (typeof model.records)[number]) => (m.id === changed ? undefined : last.subarray(...spans.get(m.id)!));
  t.is(wholeText(eventsCsv(site, { pieceOf })), whole);
  t.true(last.subarray(...spans.get(changed)!).toString().startsWith(`${changed},`));
});

test('the feed lists the records changed most recently, newest first, up to its limit', (t) => {
  const day = (i: number) => DateTime.fromISO('2020-01-01', { zone: 'utc' }).plus({ days: i }).toISODate()!;
  // Ids in the reverse of date order, so neither order alone gives the expected one.
  const records = Array.from({ length: FEED_ENTRIES + 20 }, (_, i) => ({ ...incident(`r-${String(999 - i).padStart(3, '0')}`), updated: day(i) }));
  records.push({ ...incident('r-tie'), updated: day(FEED_ENTRIES + 19) });
  const site = siteContext(buildModel(records.map((record) => ({ record: record as never, text: '' }))), { now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  const feed = feedView(site);
  t.is(feed.entries.length, FEED_ENTRIES);
  t.is(feed.updated, `${day(FEED_ENTRIES + 19)}T00:00:00Z`);
  // The newest first; on the same day, by id.
  t.deepEqual(feed.entries.slice(0, 3).map((e) => e.id.split('/').at(-2)), ['r-880', 'r-tie', 'r-881']);
  t.true(feed.entries.every((e, i) => i === 0 || e.updated <= feed.entries[i - 1]!.updated));
  t.false(feed.entries.some((e) => e.id.includes('r-999')), 'the oldest record is left out');
});

test('an unchanged record keeps its model between builds; a changed text or backlink makes a new one', (t) => {
  const a = incident('a-record');
  const b = { ...incident('b-record'), related: ['a-record'] };
  const c = incident('c-record');
  const first = buildModel([{ record: b as never, text: 'b' }, { record: a as never, text: 'a' }, { record: c as never, text: 'c' }]);
  t.deepEqual(first.map((m) => m.id), ['a-record', 'b-record', 'c-record'], 'sorted by id');
  t.deepEqual(first[0]!.backlinks, ['b-record']);
  const again = buildModel([{ record: a as never, text: 'a' }, { record: b as never, text: 'b' }, { record: c as never, text: 'c' }]);
  t.true(again.every((m, i) => m === first[i]), 'the same objects, so what was remembered per record still holds');
  // b no longer links to a: a's backlinks change; c's text changes.
  const b2 = incident('b-record');
  const next = buildModel([{ record: a as never, text: 'a' }, { record: b2 as never, text: 'b2' }, { record: c as never, text: 'c2' }]);
  t.not(next[0], first[0]);
  t.deepEqual(next[0]!.backlinks, []);
  t.not(next[2], first[2]);
  t.is(next[2]!.text, 'c2');
});

test('the site publishes the JSON Schema the code derives', async (t) => {
  // The build copies the repository's file rather than making it (see `publishedSchema`).
  const out = await buildInto('incidents');
  t.is(await readSite(out, paths.schema), jsonText(recordJsonSchema()));
});
