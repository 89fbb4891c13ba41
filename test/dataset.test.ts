import test from 'ava';
import { DateTime } from 'luxon';
import { checkDirectory } from '../src/check.js';
import type { EnforcementRecord, IncidentRecord } from '../src/schema/record.js';

const now = DateTime.fromISO('2026-11-22T12:00:00Z');

test('the dataset validates with no errors and no warnings', async (t) => {
  const result = await checkDirectory({ dir: 'incidents', now });
  t.deepEqual(result.diagnostics.map((d) => `${d.file}:${d.start.line}: ${d.message}`), []);
  t.true(result.fileCount >= 5);
});

test('the seed records hold the figures exactly as the articles give them', async (t) => {
  const { records } = await checkDirectory({ dir: 'incidents', now });
  const byId = new Map(records.map((r) => [r.record.id, r.record]));
  const ca = byId.get('cambridge-analytica') as IncidentRecord;
  t.deepEqual(ca.affected?.people, { estimate: 87_000_000, note: ca.affected?.people && typeof ca.affected.people === 'object' ? ca.affected.people.note : undefined });
  const groups = byId.get('groups-api') as IncidentRecord;
  t.like(groups.affected?.organizations, { max: 100, confirmed: 11 });
  const ip = byId.get('instant-personalization') as IncidentRecord;
  t.like(ip.affected?.organizations, { min: 150 });
  const ftc = byId.get('ftc-settlement') as EnforcementRecord;
  t.deepEqual([ftc.amount?.value, ftc.amount?.currency], [5_000_000_000, 'USD']);
  const ico = byId.get('ico-fine') as EnforcementRecord;
  t.deepEqual([ico.amount?.value, ico.amount?.currency], [500_000, 'GBP']);
  for (const enforcement of [ftc, ico]) t.deepEqual(enforcement.concerns, ['cambridge-analytica']);
  t.true((groups.related ?? []).includes('cambridge-analytica'));
});

test('every event cites a source with a URL', async (t) => {
  const { records } = await checkDirectory({ dir: 'incidents', now });
  for (const { record } of records) {
    const ids = new Set(record.sources.map((s) => s.id));
    for (const event of record.events) t.true(event.sources.every((id) => ids.has(id)), `${record.id}: ${event.title}`);
    for (const source of record.sources) t.regex(source.url, /^https:\/\//);
  }
});
