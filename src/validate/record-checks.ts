import type { DateTime } from 'luxon';
import { isAfter, isFuture } from '../dates/compare.js';
import { formatDate } from '../dates/format.js';
import { urlProblem } from '../text/urls.js';
import { dateOf, items, mapping, str } from './loose.js';
import type { FileReporter } from './report.js';
import { recordDates } from './record-dates.js';

/**
 * Checks within one record (format checks 5, 6, 7, 10, 11, the bidi warning and placeholders). They read
 * the data carefully rather than the typed record, so they still run, on what is usable, when
 * the record's shape has other problems: one mistake never hides another.
 */

type Data = Record<string, unknown>;

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

function checkSources(data: Data, out: FileReporter): void {
  const sources = items(data.sources).map((s) => mapping(s));
  const firstById = new Map<string, number>();
  sources.forEach((s, i) => {
    const id = str(s?.id);
    if (id === undefined) return;
    const first = firstById.get(id);
    if (first === undefined) firstById.set(id, i);
    else out.add('duplicate-source-id', `source id "${id}" is already used by source ${first + 1}`, ['sources', i, 'id']);
  });
  const cited = new Set<string>();
  const cite = (id: unknown, path: PropertyKey[]) => {
    if (typeof id !== 'string') return;
    cited.add(id);
    if (!firstById.has(id)) out.add('unknown-source', `no source of this record has the id "${id}"`, path);
  };
  items(data.events).forEach((e, i) => items(mapping(e)?.sources).forEach((id, j) => cite(id, ['events', i, 'sources', j])));
  if (data.kind === 'incident') cite(mapping(data.disclosed)?.source, ['disclosed', 'source']);
  for (const [id, i] of firstById) {
    if (!cited.has(id)) out.add('unused-source', `source "${id}" is not cited by any event or by disclosed.source`, ['sources', i, 'id']);
  }
  const pages = new Map<string, string>();
  sources.forEach((s, i) => {
    const url = str(s?.url);
    if (url === undefined || urlProblem(url) !== undefined) return;
    const u = new URL(url);
    const page = `${u.protocol}//${u.host}${u.pathname}`;
    const twin = pages.get(page);
    if (twin !== undefined) out.add('duplicate-source-url', `source "${str(s?.id) ?? i + 1}" points at the same page as source "${twin}"`, ['sources', i, 'url']);
    else pages.set(page, str(s?.id) ?? String(i + 1));
  });
}

function checkOrder(first: unknown, second: unknown, message: (a: string, b: string) => string, path: PropertyKey[], out: FileReporter): void {
  const a = dateOf(first);
  const b = dateOf(second);
  if (a && b && isAfter(a, b)) out.add('date-order', message(formatDate(a), formatDate(b)), path);
}

function checkDates(data: Data, now: DateTime, out: FileReporter): void {
  if (data.kind === 'incident') {
    const period = mapping(data.period);
    checkOrder(period?.start, period?.end, (a, b) => `the period ends (${b}) before it starts (${a})`, ['period', 'end'], out);
    checkOrder(period?.start, mapping(data.disclosed)?.date, (a, b) => `the disclosure (${b}) comes before the period it discloses starts (${a})`, ['disclosed', 'date'], out);
  }
  items(data.events).forEach((e, i) =>
    checkOrder(mapping(e)?.date, mapping(e)?.end, (a, b) => `the event ends (${b}) before it starts (${a})`, ['events', i, 'end'], out),
  );
  for (const { path, value } of recordDates(data)) {
    const date = dateOf(value);
    if (date && isFuture(date, now)) out.add('future-date', `${formatDate(date)} is in the future (today is ${now.toISODate()})`, path);
  }
}

function checkRelations(data: Data, out: FileReporter): void {
  for (const key of ['related', 'concerns'] as const) {
    const seen = new Set<string>();
    items(data[key]).forEach((id, i) => {
      if (typeof id !== 'string') return;
      if (id === data.id && key === 'related') out.add('self-related', 'a record cannot be related to itself', [key, i]);
      else if (seen.has(id)) out.add('duplicate-related', `"${id}" is listed twice in ${key}`, [key, i]);
      seen.add(id);
    });
  }
}

/**
 * Checks every text value (outside `extra`): hidden direction overrides, unfilled placeholders.
 * One path is grown and shrunk as the walk goes (a report locates it at once, and keeps none),
 * rather than a new array made for each of a record's hundred-odd values.
 */
function checkTexts(value: unknown, path: PropertyKey[], out: FileReporter): void {
  if (typeof value === 'string') {
    if (BIDI.test(value)) out.add('bidi-text', 'this text holds bidirectional override characters (U+202A to U+202E, U+2066 to U+2069)', path);
    if (/^\s*TODO\b/.test(value)) out.add('placeholder', `this still holds the placeholder "${value.trim().split('\n')[0]}"`, path);
  } else if (Array.isArray(value)) value.forEach((v, i) => checkTextsAt(i, v, path, out));
  else if (mapping(value)) {
    for (const [k, v] of Object.entries(value as Data)) if (!(path.length === 0 && k === 'extra')) checkTextsAt(k, v, path, out);
  }
}

/** `checkTexts` one step down the path, at `key`. */
function checkTextsAt(key: PropertyKey, inner: unknown, path: PropertyKey[], out: FileReporter): void {
  path.push(key);
  checkTexts(inner, path, out);
  path.pop();
}

/** Runs every check that needs only the record's data and the clock. */
export function checkRecord(data: Data, now: DateTime, out: FileReporter): void {
  checkSources(data, out);
  checkDates(data, now, out);
  checkRelations(data, out);
  checkTexts(data, [], out);
}
