import { oncePerObject } from '../memo.js';
import type { RecordDate } from './parse.js';

/**
 * An instant (milliseconds) as ISO 8601 in a fixed offset of `offset` minutes, as luxon's
 * `toISO({ suppressMilliseconds: true })` writes it: "Z" for none, else "+05:30";
 * milliseconds only where there are some; a year past 9999 as "+010000". How the feed, the
 * reports and the data files give times and dates' instants, written without a DateTime (see
 * `ReadDate`); the dates property test holds it to luxon's.
 */
export function isoInstant(ms: number, offset = 0): string {
  const iso = new Date(ms + offset * 60_000).toISOString();
  const local = iso.endsWith('.000Z') ? iso.slice(0, -5) : iso.slice(0, -1);
  if (offset === 0) return `${local}Z`;
  const minutes = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const PATTERN = {
  year: 'yyyy',
  month: 'LLLL yyyy',
  day: 'd LLLL yyyy',
  minute: "d LLLL yyyy', 'HH:mm",
  second: "d LLLL yyyy', 'HH:mm:ss",
} as const;

function zoneLabel(date: RecordDate): string {
  const start = date.start;
  return start.offset === 0 ? ' UTC' : ` UTC${start.toFormat('ZZ')}`;
}

/**
 * Formats a date for readers at its real precision: "2018", "April 2018",
 * "5 November 2019", "5 November 2019, 14:30 UTC"; an estimate reads "about April 2018".
 */
export function formatDate(date: RecordDate, locale = 'en'): string {
  let formatted = byLocale.get(locale);
  if (!formatted) byLocale.set(locale, (formatted = oncePerObject((d: RecordDate) => format(d, locale))));
  return formatted(date);
}

// A build formats the same few thousand dates over and over; luxon's formatting is costly.
// Kept per date object (`parseDate` gives one object per distinct value): a key string made
// for each of a cold build's million calls took 0.7 s.
const byLocale = new Map<string, (date: RecordDate) => string>();

function format(date: RecordDate, locale: string): string {
  const timed = date.precision === 'minute' || date.precision === 'second';
  const text = (locale === 'en' && !timed ? inEnglish(date) : date.start.setLocale(locale).toFormat(PATTERN[date.precision])) + (timed ? zoneLabel(date) : '');
  return date.approximate ? `about ${text}` : text;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A year, month or day in English, as luxon writes it ("5 November 2019"), without luxon:
 * such a date is written in UTC, and luxon took some 2.5 µs a date, with a DateTime made for
 * each (0.03 s of a one-record rebuild at 10,000 records, whose reports list every record).
 */
function inEnglish(date: RecordDate): string {
  const d = new Date(date.startMs);
  const year = String(d.getUTCFullYear());
  if (date.precision === 'year') return year;
  const month = `${MONTHS[d.getUTCMonth()]!} ${year}`;
  return date.precision === 'month' ? month : `${d.getUTCDate()} ${month}`;
}

/** The machine-readable form for `<time datetime>` and data files: the value as written. */
export function machineDate(date: RecordDate): string {
  return date.text;
}
