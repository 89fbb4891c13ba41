import type { RecordDate } from './parse.js';

/** How long between two dates, as a range of whole days that honours both dates' precision. */
export interface Lag {
  /** The fewest days the gap can be. */
  minDays: number;
  /** The most days the gap can be. */
  maxDays: number;
}

const DAY = 86_400_000;
const MONTH_DAYS = 365.2425 / 12;

/**
 * The gap from `from` to `to` in days. A month-precision date could be any of its days, so
 * `2018-04` to `2018-06-10` is 41 to 70 days; two day-precision dates give one exact figure.
 * Returns undefined when `to` may come before `from`.
 */
export function lagBetween(from: RecordDate, to: RecordDate): Lag | undefined {
  const earliestFrom = from.startMs;
  const latestFrom = Math.max(earliestFrom, from.endMs - DAY);
  const earliestTo = to.startMs;
  const latestTo = Math.max(earliestTo, to.endMs - DAY);
  const maxDays = Math.floor((latestTo - earliestFrom) / DAY);
  if (maxDays < 0) return undefined;
  return { minDays: Math.max(0, Math.floor((earliestTo - latestFrom) / DAY)), maxDays };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The lag in words, no more exact than the dates allow: "12 days", "41 to 70 days",
 * "about 19 months", "18 to 19 months", "about 4 years".
 */
export function describeLag(lag: Lag): string {
  const { minDays, maxDays } = lag;
  if (maxDays < 60) return minDays === maxDays ? plural(maxDays, 'day') : `${minDays} to ${maxDays} days`;
  const months = (d: number) => Math.round(d / MONTH_DAYS);
  if (maxDays < 730) {
    const [lo, hi] = [months(minDays), months(maxDays)];
    return lo === hi ? `about ${plural(lo, 'month')}` : `${lo} to ${hi} months`;
  }
  const years = (d: number) => Math.round(d / 365.2425);
  const [lo, hi] = [years(minDays), years(maxDays)];
  return lo === hi ? `about ${plural(hi, 'year')}` : `${lo} to ${hi} years`;
}
