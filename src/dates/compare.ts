import type { DateTime } from 'luxon';
import type { RecordDate } from './parse.js';

/**
 * True when every instant `a` can mean comes before every instant `b` can mean:
 * `2018-03` is before `2018-04-04`, but `2018-04` is not.
 */
export function isBefore(a: RecordDate, b: RecordDate): boolean {
  return a.endMs <= b.startMs;
}

/** True when `a` lies wholly after `b`; the mirror of {@link isBefore}. */
export function isAfter(a: RecordDate, b: RecordDate): boolean {
  return isBefore(b, a);
}

/**
 * Orders two dates honouring precision: -1 or 1 when one lies wholly before the other,
 * 0 when they mean the same span, undefined when they overlap otherwise (neither comes first).
 */
export function compareDates(a: RecordDate, b: RecordDate): -1 | 0 | 1 | undefined {
  if (isBefore(a, b)) return -1;
  if (isBefore(b, a)) return 1;
  if (a.startMs === b.startMs && a.endMs === b.endMs) return 0;
  return undefined;
}

/**
 * A total order for listing dates (timelines, tables): by first instant, then the
 * finer date first, then by text. It agrees with {@link compareDates} wherever that decides.
 */
export function sortDates(a: RecordDate, b: RecordDate): number {
  return (
    a.startMs - b.startMs ||
    a.endMs - b.endMs ||
    (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)
  );
}

/** True when the date begins after `now`: some part of it has certainly not happened yet. */
export function isFuture(date: RecordDate, now: DateTime): boolean {
  return date.startMs > now.toMillis();
}
