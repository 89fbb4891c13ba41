import { parseDate, type RecordDate } from '../dates/parse.js';

/**
 * Careful readers of data that may not have the record's shape: each returns what is usable
 * and nothing else, so record checks can run on a file whose shape has other problems.
 */

/** The items of a list, or none. */
export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A mapping's keys and values, or undefined. */
export function mapping(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A valid date, or undefined (bad dates are the shape check's to report). */
export function dateOf(value: unknown, approximate = false): RecordDate | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseDate(value, approximate);
  return parsed.ok ? parsed.date : undefined;
}
