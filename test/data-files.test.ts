import test from 'ava';
import { DateTime } from 'luxon';
import { loadModel } from '../src/check.js';
import { recordJson } from '../src/model/normalize.js';
import { FORMAT_VERSION } from '../src/schema/record.js';
import { jsonText, recordJsonText, recordsJson } from '../src/site/data-files.js';

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
