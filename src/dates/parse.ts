import { DateTime, FixedOffsetZone } from 'luxon';
import { isoInstant } from './format.js';

/** How much of a date was written down: the unit of its uncertainty. */
export type Precision = 'year' | 'month' | 'day' | 'minute' | 'second';

/** A record's date, read with the precision it was written at. */
export interface RecordDate {
  /** The value as written, without the approximate marker `~`. */
  text: string;
  /** The unit the value was written to. */
  precision: Precision;
  /** Marked as an estimate (`~`, or `approximate: true` on an event). */
  approximate: boolean;
  /** The first instant the value can mean, in milliseconds since the epoch. */
  readonly startMs: number;
  /** The first instant after everything the value can mean (exclusive), in milliseconds. */
  readonly endMs: number;
  /** The first instant, in the date's own offset (a new DateTime each time asked). */
  readonly start: DateTime;
  /** The first instant after it, in the date's own offset (a new DateTime each time asked). */
  readonly end: DateTime;
  /** The first instant as ISO 8601 in the date's own offset, as luxon writes it ("2018-04-01T00:00:00Z"). */
  readonly startIso: string;
  /** The first instant after it, the same way. */
  readonly endIso: string;
}

/**
 * A date read: its instants are numbers, and luxon DateTimes only when asked for, never kept.
 * Most of a build only orders and counts dates (by their milliseconds) and publishes them as
 * ISO text, which is written here without luxon: two DateTimes kept for each of a 10,000-record
 * dataset's distinct dates (each with a locale of its own, some 0.7 KB) held some 7 MB of every
 * build's heap, and making them took 0.03 s.
 */
class ReadDate implements RecordDate {
  constructor(
    readonly text: string,
    readonly precision: Precision,
    readonly approximate: boolean,
    readonly startMs: number,
    readonly endMs: number,
    /** The offset it was written with, in minutes east of UTC. */
    private readonly offset: number,
  ) {}

  get start(): DateTime {
    return inOffset(this.startMs, this.offset);
  }

  get end(): DateTime {
    return inOffset(this.endMs, this.offset);
  }

  get startIso(): string {
    return isoInstant(this.startMs, this.offset);
  }

  get endIso(): string {
    return isoInstant(this.endMs, this.offset);
  }
}

function inOffset(ms: number, offset: number): DateTime {
  return DateTime.fromMillis(ms, { zone: offset === 0 ? FixedOffsetZone.utcInstance : FixedOffsetZone.instance(offset), locale: DATETIME_LOCALE });
}

/**
 * The locale the tool's luxon DateTimes are made in. Nothing is written in it (dates are
 * written in the build's locale, see `formatDate`), but a DateTime made without one asks the
 * system for its own, which loads ICU's locale data: 13 ms of a 0.26 s build with nothing to
 * do, its one use of it there. Fixed, it also keeps what luxon writes off the machine's settings.
 */
export const DATETIME_LOCALE = 'en-US';

/** The outcome of reading a date: the date, or why it is not one. */
export type DateResult = { ok: true; date: RecordDate } | { ok: false; reason: string };

/** The written forms a date may take (the `~` marks an estimate); the JSON Schema reuses it. */
export const DATE_SYNTAX = /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}))?)?)?~?$/;

const PARTS = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** The forms a person can write, for messages. */
export const DATE_FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM';

function fail(reason: string): DateResult {
  return { ok: false, reason };
}

function offsetMinutes(offset: string): number | undefined {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 14 || minutes > 59) return undefined;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Reads a record date: an integer year or an ISO 8601 string of year, month, day or
 * date-time precision, optionally ending in `~` (approximate).
 */
export function parseDate(value: string | number, approximate = false): DateResult {
  // The same few thousand dates recur across a dataset; reading one is costly (luxon), so once.
  // A Map tells the number 2018 from the string "2018" itself: no key string to make.
  const memo = approximate ? approximateMemo : exactMemo;
  const hit = memo.get(value);
  if (hit) return hit;
  const result = readDate(value, approximate);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(value, result);
  return result;
}

const exactMemo = new Map<string | number, DateResult>();
const approximateMemo = new Map<string | number, DateResult>();
const MEMO_LIMIT = 100_000;

function readDate(value: string | number, approximate: boolean): DateResult {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1000 || value > 9999) {
      return fail(`a year must be a whole number from 1000 to 9999, not ${value}`);
    }
    return readDate(String(value), approximate);
  }
  const marked = value.endsWith('~');
  const text = marked ? value.slice(0, -1) : value;
  const m = PARTS.exec(text);
  if (!m) return fail(`"${value}" is not a date; write ${DATE_FORMS}`);
  const [, y, mo, d, h, mi, s, off] = m;
  const year = Number(y);
  if (year < 1000) return fail(`the year ${y} is out of range (1000 to 9999)`);
  const month = mo === undefined ? undefined : Number(mo);
  if (month !== undefined && (month < 1 || month > 12)) return fail(`month ${mo} does not exist in "${value}"`);
  const day = d === undefined ? undefined : Number(d);
  if (day !== undefined) {
    // Day 0 of the next month is the last of this one.
    const days = new Date(Date.UTC(year, month ?? 1, 0)).getUTCDate();
    if (day < 1 || day > days) {
      return fail(`"${value}" is not a real date: ${DateTime.utc(year, month ?? 1).toFormat('LLLL yyyy', { locale: 'en' })} has ${days} days`);
    }
  }
  let offset = 0;
  if (off !== undefined) {
    const minutes = offsetMinutes(off);
    if (minutes === undefined) return fail(`the offset ${off} in "${value}" is out of range`);
    offset = minutes;
  }
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return fail(`the time in "${value}" is not a real time of day`);
  const precision: Precision =
    s !== undefined ? 'second' : mi !== undefined ? 'minute' : day !== undefined ? 'day' : month !== undefined ? 'month' : 'year';
  // The instants are counted with Date.UTC, which carries a unit past its end into the next
  // (the 32nd of a month, the 13th month), as a calendar does, and the offset is fixed: luxon's
  // fromObject and plus took 30 µs a date, most of reading a 10,000-record dataset's few
  // thousand distinct dates (0.12 s of a build), where this takes a tenth.
  const one = (unit: Precision) => (unit === precision ? 1 : 0);
  const at = (more: (unit: Precision) => number) =>
    Date.UTC(year + more('year'), (month ?? 1) - 1 + more('month'), (day ?? 1) + more('day'), hour, minute + more('minute'), second + more('second')) - offset * 60_000;
  return { ok: true, date: new ReadDate(text, precision, approximate || marked, at(() => 0), at(one), offset) };
}

/** Reads a date known to be valid (already checked by the validator). */
export function toRecordDate(value: string | number, approximate = false): RecordDate {
  const result = parseDate(value, approximate);
  if (!result.ok) throw new Error(`invalid date reached the model: ${result.reason}`);
  return result.date;
}
