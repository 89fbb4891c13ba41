import test from 'ava';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { compareDates, isAfter, isBefore, isFuture, sortDates } from '../src/dates/compare.js';
import { formatDate } from '../src/dates/format.js';
import { describeLag, lagBetween } from '../src/dates/lag.js';
import { resolveNow } from '../src/dates/now.js';
import { parseDate, toRecordDate, type RecordDate } from '../src/dates/parse.js';
import { dateOrder, type PlacedEvent } from '../src/site/view/timeline.js';

const d = (v: string | number) => toRecordDate(v);

test('reads each precision and keeps what was written', (t) => {
  t.like(d(2018), { text: '2018', precision: 'year', approximate: false });
  t.like(d('2018-04'), { precision: 'month' });
  t.like(d('2019-11-05'), { precision: 'day' });
  t.like(d('2019-11-05T14:30+01:00'), { precision: 'minute' });
  t.like(d('2019-11-05T14:30:15Z'), { precision: 'second' });
  t.like(d('2015-06~'), { text: '2015-06', precision: 'month', approximate: true });
  t.is(d('2018-04').end.toISODate(), '2018-05-01');
  t.is(d('2019-11-05T14:30+01:00').start.toUTC().toISO(), '2019-11-05T13:30:00.000Z');
});

test('refuses impossible dates with a reason', (t) => {
  for (const [value, reason] of [
    ['2019-02-30', 'February 2019 has 28 days'],
    ['2019-13', 'month 13'],
    ['0999', 'out of range'],
    ['2019-1-5', 'is not a date'],
    ['2019-11-05T25:00Z', 'not a real time'],
    ['2019-11-05T10:00+15:00', 'offset'],
    ['2019-11-05T10:00', 'is not a date'],
  ] as const) {
    const result = parseDate(value);
    t.false(result.ok, value);
    if (!result.ok) t.true(result.reason.includes(reason), `${value}: ${result.reason}`);
  }
  t.false(parseDate(999).ok);
  t.false(parseDate(2018.5).ok);
  t.true(parseDate('2016-02-29').ok);
});

test('property: dates are read to the instants luxon\'s calendar gives, and written as it writes them, at every precision and offset', (t) => {
  // How dates were read before: luxon's own calendar, in the date's fixed offset.
  const UNIT = { year: 'years', month: 'months', day: 'days', minute: 'minutes', second: 'seconds' } as const;
  const byLuxon = (text: string, precision: RecordDate['precision']) => {
    const [, y, mo, da, h, mi, s, off] = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2}))?)?)?$/.exec(text)!;
    const minutes = off === undefined || off === 'Z' ? 0 : (off.startsWith('-') ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
    const start = DateTime.fromObject(
      { year: Number(y), month: Number(mo ?? 1), day: Number(da ?? 1), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) },
      { zone: FixedOffsetZone.instance(minutes) },
    );
    return { start, end: start.plus({ [UNIT[precision]]: 1 }) };
  };
  const two = (n: number) => String(n).padStart(2, '0');
  const offset = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 14 }), fc.constantFrom(0, 30, 45, 59)).map(([sign, hh, mm]) => `${sign}${two(hh)}:${two(mm)}`));
  const date = fc
    .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), offset, fc.integer({ min: 0, max: 4 }))
    .map(([y, mo, da, h, mi, s, off, cut]) => [String(y), `${y}-${two(mo)}`, `${y}-${two(mo)}-${two(da)}`, `${y}-${two(mo)}-${two(da)}T${two(h)}:${two(mi)}${off}`, `${y}-${two(mo)}-${two(da)}T${two(h)}:${two(mi)}:${two(s)}${off}`][cut]!);
  // Month ends, leap days and the last second of a year, where a unit carries into the next.
  const edges = ['2016-02-29', '2019-12', '2019-12-31', '9999-12-31T23:59:59+14:00', '2019-12-31T23:59Z', '1000-01-01T00:00-14:00', '2020-02-28T23:59:59-00:00'];
  fc.assert(
    fc.property(fc.oneof(date, fc.constantFrom(...edges)), (text) => {
      const read = parseDate(text);
      if (!read.ok) return /^\d{4}-\d{2}-(29|30|31)/.test(text); // a day the month lacks
      const want = byLuxon(text, read.date.precision);
      for (const edge of ['start', 'end'] as const) {
        const got = read.date[edge];
        if (read.date[`${edge}Ms`] !== want[edge].toMillis()) return false;
        if (got.toMillis() !== want[edge].toMillis() || got.toISO() !== want[edge].toISO() || got.zoneName !== want[edge].zoneName || !got.equals(want[edge])) return false;
        // The published text, written without luxon, is the one luxon writes.
        if (read.date[`${edge}Iso`] !== want[edge].toISO({ suppressMilliseconds: true })) return false;
      }
      return true;
    }),
    { numRuns: 2000 },
  );
  t.pass();
});

test('property: English years, months and days are written as luxon writes them', (t) => {
  const two = (n: number) => String(n).padStart(2, '0');
  const pattern = { year: 'yyyy', month: 'LLLL yyyy', day: 'd LLLL yyyy' } as const;
  fc.assert(
    fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), (y, mo, da, cut, approximate) => {
      const text = [String(y), `${y}-${two(mo)}`, `${y}-${two(mo)}-${two(da)}`][cut]!;
      const date = toRecordDate(text, approximate);
      const want = DateTime.fromObject({ year: y, month: cut > 0 ? mo : 1, day: cut > 1 ? da : 1 }, { zone: 'utc' }).setLocale('en').toFormat(pattern[date.precision as keyof typeof pattern]);
      return formatDate(date) === (approximate ? `about ${want}` : want) && formatDate(date, 'en') === formatDate(date);
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

test('comparisons honour precision', (t) => {
  t.is(compareDates(d('2018-04'), d('2018-04-04')), undefined);
  t.is(compareDates(d('2018-03'), d('2018-04-04')), -1);
  t.is(compareDates(d('2018-05'), d('2018-04-30')), 1);
  t.is(compareDates(d('2018'), d(2018)), 0);
  t.is(compareDates(d('2018-04-04T23:30-02:00'), d('2018-04-05')), undefined);
  t.is(compareDates(d('2018-04-04T21:30-02:00'), d('2018-04-05')), -1);
});

test('formats at the real precision', (t) => {
  t.is(formatDate(d(2018)), '2018');
  t.is(formatDate(d('2018-04')), 'April 2018');
  t.is(formatDate(d('2019-11-05')), '5 November 2019');
  t.is(formatDate(d('2014~')), 'about 2014');
  t.is(formatDate(d('2019-11-06T07:25:00Z')), '6 November 2019, 07:25:00 UTC');
  t.is(formatDate(d('2019-11-05T14:30+01:00')), '5 November 2019, 14:30 UTC+01:00');
  t.is(formatDate(d('2018-04'), 'fr'), 'avril 2018');
});

test('lags are ranges of days as wide as the dates are vague', (t) => {
  t.deepEqual(lagBetween(d('2019-11-01'), d('2019-11-05')), { minDays: 4, maxDays: 4 });
  t.deepEqual(lagBetween(d('2018-04'), d('2018-06-10')), { minDays: 41, maxDays: 70 });
  t.is(lagBetween(d('2019-11-05'), d('2019-11-01')), undefined);
  t.is(describeLag({ minDays: 4, maxDays: 4 }), '4 days');
  t.is(describeLag({ minDays: 570, maxDays: 580 }), 'about 19 months');
  t.is(describeLag({ minDays: 554, maxDays: 583 }), '18 to 19 months');
  t.is(describeLag({ minDays: 1430, maxDays: 1800 }), '4 to 5 years');
});

test('the clock: --now, then SOURCE_DATE_EPOCH, then the machine', (t) => {
  const now = resolveNow('2026-11-22', {});
  t.true(now.ok && now.now.toISO() === '2026-11-22T23:59:59.000Z');
  const epoch = resolveNow(undefined, { SOURCE_DATE_EPOCH: '1700000000' });
  t.true(epoch.ok && epoch.now.toSeconds() === 1700000000);
  t.false(resolveNow(undefined, { SOURCE_DATE_EPOCH: 'soon' }).ok);
  t.false(resolveNow('tomorrow', {}).ok);
  const clock = resolveNow(undefined, {}, () => 0);
  t.true(clock.ok && clock.now.toMillis() === 0);
  for (const made of [now, epoch, clock, resolveNow('2026-11-22T10:00:00+05:30', {})]) t.true(made.ok && made.now.zoneName === 'UTC');
  t.true(isFuture(d('2026-11-23'), DateTime.fromISO('2026-11-22T23:59:59Z')));
  t.false(isFuture(d('2026-11'), DateTime.fromISO('2026-11-22T00:00:00Z')));
});

test('DateTimes are made in a fixed locale, not the machine\'s (which luxon would ask ICU for)', (t) => {
  // A process whose default locale is German.
  const script = `const { resolveNow } = await import(${JSON.stringify(new URL('../src/dates/now.js', import.meta.url).href)});
    const { toRecordDate } = await import(${JSON.stringify(new URL('../src/dates/parse.js', import.meta.url).href)});
    console.log(new Intl.DateTimeFormat().resolvedOptions().locale, resolveNow('2026-11-22', {}).now.locale, resolveNow(undefined, {}).now.locale, toRecordDate('2018-04-01T10:00:00+05:30').start.locale);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, LC_ALL: 'de_DE.UTF-8' }, encoding: 'utf8' });
  const [system, ...made] = out.trim().split(' ');
  t.log(`the process's own locale: ${system}`);
  t.deepEqual(made, ['en-US', 'en-US', 'en-US']);
});

// Any valid date, at any precision, with offsets for date-times.
const anyDate: fc.Arbitrary<RecordDate> = fc
  .record({
    year: fc.integer({ min: 1990, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    offset: fc.constantFrom('Z', '+01:00', '-05:00', '+05:30'),
    precision: fc.constantFrom('year', 'month', 'day', 'minute'),
  })
  .map(({ year, month, day, hour, minute, offset, precision }) => {
    const p = (n: number) => String(n).padStart(2, '0');
    const text = {
      year: `${year}`,
      month: `${year}-${p(month)}`,
      day: `${year}-${p(month)}-${p(day)}`,
      minute: `${year}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}${offset}`,
    }[precision];
    return d(text);
  });

test('property: "before" is irreflexive, asymmetric and transitive', (t) => {
  fc.assert(
    fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
      if (isBefore(a, a)) return false;
      if (isBefore(a, b) && isBefore(b, a)) return false;
      if (isBefore(a, b) && isBefore(b, c) && !isBefore(a, c)) return false;
      return isAfter(a, b) === isBefore(b, a);
    }),
  );
  t.pass();
});

test('property: a date is neither before nor after a finer date inside it', (t) => {
  fc.assert(
    fc.property(anyDate, fc.integer({ min: 0, max: 27 }), (outer, days) => {
      const inner = outer.start.plus({ days });
      if (inner >= outer.end || outer.precision === 'minute') return true;
      const finer = d(inner.toUTC().toISODate()!);
      return compareDates(outer, finer) === undefined || compareDates(outer, finer) === 0;
    }),
  );
  t.pass();
});

test('property: the listing order agrees with every decided comparison', (t) => {
  fc.assert(
    fc.property(anyDate, anyDate, (a, b) => {
      const decided = compareDates(a, b);
      const order = Math.sign(sortDates(a, b));
      return decided === undefined || decided === 0 || decided === order;
    }),
  );
  fc.assert(fc.property(anyDate, anyDate, (a, b) => Math.sign(sortDates(a, b)) === -Math.sign(sortDates(b, a))));
  t.pass();
});

test('property: lags never go negative and contain the exact gap', (t) => {
  fc.assert(
    fc.property(anyDate, anyDate, (a, b) => {
      const lag = lagBetween(a, b);
      if (!lag) return !isBefore(a, b);
      return lag.minDays >= 0 && lag.minDays <= lag.maxDays;
    }),
  );
  t.pass();
});

test('property: the timelines\' fast event order is sortDates, then the record id', (t) => {
  // dateOrder reads each date into numbers once instead of calling sortDates; the two must agree.
  // Few dates, many sharing a first instant (a year, its first month, day and minute): ties decide.
  const texts = ['2018', '2018-01', '2018-01-01', '2018-01-01T00:00Z', '2018-01-01T00:00+00:00', '2018-02', '2019', '2017-12-31T23:00-01:00'];
  const event = fc.record({ date: fc.constantFrom(...texts).map(d), id: fc.constantFrom('a', 'b', 'c') });
  // Events as the timelines give them (a record's together, records in id order) take a path
  // of their own: as often as not, the events are given so.
  fc.assert(
    fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), (events, asModelled) => {
      if (asModelled) events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const models = new Map(events.map(({ id }) => [id, { id }]));
      const placed = events.map(({ date, id }) => ({ date, model: asModelled ? models.get(id) : { id } }) as unknown as PlacedEvent);
      const expected = [...placed].sort((a, b) => sortDates(a.date, b.date) || (a.model.id < b.model.id ? -1 : a.model.id > b.model.id ? 1 : 0));
      return dateOrder(placed).map((i) => placed[i]!).every((p, i) => p === expected[i] || (sortDates(p.date, expected[i]!.date) === 0 && p.model.id === expected[i]!.model.id));
    }),
  );
  t.pass();
});
