import test from 'ava';
import { DateTime } from 'luxon';
import { loadModel } from '../src/check.js';
import { recordJson } from '../src/model/normalize.js';
import { FORMAT_VERSION } from '../src/schema/record.js';
import { jsonText, recordJsonText, recordsJson } from '../src/site/data-files.js';
import { eventsCsv, FEED_ENTRIES, feedView } from '../src/site/feeds.js';
import { buildModel } from '../src/model/normalize.js';
import { incident } from './helpers/records.js';
import { wholeText } from '../src/site/sink.js';
import { siteContext } from '../src/build.js';

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
