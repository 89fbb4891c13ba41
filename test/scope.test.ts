import test from 'ava';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { toRecordDate } from '../src/dates/parse.js';
import { buildModel } from '../src/model/normalize.js';
import { byKeyDate, reportTables } from '../src/reports/figures.js';
import { inScope, type Scope } from '../src/reports/scope.js';
import { enforcement, incident } from './helpers/records.js';

const now = DateTime.fromISO('2026-11-22T00:00:00Z', { zone: 'utc' });
// Names that match one another's scopes by case or by slug, and one that matches none of them.
const NAMES = ['Acme Social', 'acme social', 'ACME-SOCIAL', 'Globex', 'globex', 'Initech'];

test('a report takes the records of its scope, in the reports\' order, as asking each record would', (t) => {
  const month = fc.tuple(fc.integer({ min: 2015, max: 2020 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  const record = fc.record({ incident: fc.boolean(), name: fc.constantFrom(...NAMES), date: month, withdrawn: fc.boolean() });
  const scope = fc.record({ organization: fc.option(fc.constantFrom(...NAMES, 'acme-social', 'Nobody'), { nil: undefined }), from: fc.option(month, { nil: undefined }), to: fc.option(month, { nil: undefined }) });
  fc.assert(
    fc.property(fc.array(record, { minLength: 1, maxLength: 40 }), scope, (drawn, s) => {
      const records = drawn.map((r, i) => {
        const id = `r-${String(i).padStart(2, '0')}`;
        const base = r.incident ? { ...incident(id), period: { start: '2014-01' }, disclosed: { date: r.date, by: 'press', source: 'article' } } : { ...enforcement(id), date: r.date };
        return { ...base, organization: r.name, ...(r.withdrawn ? { withdrawn: { date: '2026-01-01', reason: 'Wrong.' } } : {}) };
      });
      const all = buildModel(records.map((record) => ({ record: record as never, text: '' })));
      const asked: Scope = { organization: s.organization, from: s.from === undefined ? undefined : toRecordDate(s.from), to: s.to === undefined ? undefined : toRecordDate(s.to) };
      const expected = byKeyDate(all).filter((m) => inScope(m, asked));
      const tables = reportTables(all, asked, now, 'en');
      const current = expected.filter((m) => m.source.withdrawn === undefined);
      return (
        same(tables.incidents, current.filter((m) => m.source.kind === 'incident')) &&
        same(tables.enforcement, current.filter((m) => m.source.kind === 'enforcement')) &&
        tables.figures.withdrawnRecords.map((w) => w.id).join() === expected.filter((m) => m.source.withdrawn !== undefined).map((m) => m.id).join()
      );
    }),
  );
  t.pass();
});

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
