import { describeLag, type Lag } from '../dates/lag.js';

/**
 * A statistic over lags whose dates are only known to a month or a year. Each lag is a range
 * of days; median, mean and maximum only grow when any input grows, so the true figure lies
 * between the statistic of the shortest possible lags and that of the longest.
 */
export interface LagStat {
  /** The statistic of the lowest possible lags, in days. */
  minDays: number;
  /** The statistic of the highest possible lags, in days. */
  maxDays: number;
  /** The range in words ("about 19 months"). */
  display: string;
}

/** Median, mean and maximum of a set of lags, each as a range. */
export interface LagSummary {
  /** How many incidents the figures cover. */
  count: number;
  /** The median lag, as a range. */
  median: LagStat | undefined;
  /** The mean lag, as a range. */
  mean: LagStat | undefined;
  /** The longest lag, as a range. */
  max: LagStat | undefined;
}

/** The middle value (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The arithmetic mean, to one decimal place. */
export function mean(values: readonly number[]): number {
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function stat(lags: readonly Lag[], f: (v: readonly number[]) => number): LagStat | undefined {
  if (lags.length === 0) return undefined;
  const minDays = f(lags.map((l) => l.minDays));
  const maxDays = f(lags.map((l) => l.maxDays));
  return { minDays, maxDays, display: describeLag({ minDays: Math.round(minDays), maxDays: Math.round(maxDays) }) };
}

/** The median, mean and maximum of the given lags. */
export function summarizeLags(lags: readonly Lag[]): LagSummary {
  return { count: lags.length, median: stat(lags, median), mean: stat(lags, mean), max: stat(lags, (v) => Math.max(...v)) };
}
