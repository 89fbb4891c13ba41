import type { Severity } from './diagnostic.js';

/** A rule of the record format: its permanent id, severity and a one-line explanation. */
export interface Rule {
  /** Error or warning. */
  severity: Severity;
  /** Which part of the format the rule belongs to, for the docs. */
  group: 'file' | 'shape' | 'record' | 'dataset';
  /** What the rule checks and how to fix a breach, in one sentence. */
  hint: string;
}

/**
 * The catalogue of rules. Ids are permanent: add new ones, never rename or reuse one.
 * The docs' rule table is generated from this object (`npm run docs`).
 */
export const RULES = {
  'file-too-large': { severity: 'error', group: 'file', hint: 'A record file may hold at most 1 MiB; split the record or trim quotations.' },
  'file-encoding': { severity: 'error', group: 'file', hint: 'Record files are UTF-8 text; re-save the file as UTF-8.' },
  'file-unreadable': { severity: 'error', group: 'file', hint: 'The file could not be read (permissions, or it vanished during the run).' },
  'empty-file': { severity: 'error', group: 'file', hint: 'The file holds no record; write one, or delete the file.' },
  'yaml-syntax': { severity: 'error', group: 'file', hint: 'The file is not valid YAML: fix the quoting, indentation or brackets at the position shown.' },
  'multiple-documents': { severity: 'error', group: 'file', hint: 'One record per file: remove the `---` separator and move the second record to its own file.' },
  'duplicate-key': { severity: 'error', group: 'file', hint: 'A key appears twice in one mapping; YAML keeps only one, so delete or merge the other.' },
  'alias-limit': { severity: 'error', group: 'file', hint: 'Aliases expand to too much data (a "billion laughs" file) or name an anchor that does not exist.' },
  'nesting-limit': { severity: 'error', group: 'file', hint: 'Values are nested deeper than 64 levels; no record needs that.' },
  'not-a-mapping': { severity: 'error', group: 'shape', hint: 'A record is a mapping of keys (`id: ...`), not a list or a single value.' },
  'unknown-key': { severity: 'error', group: 'shape', hint: 'The key is not part of the format; check its spelling, or keep free-form data under `extra`.' },
  'wrong-kind-key': { severity: 'error', group: 'shape', hint: 'The key belongs to the other kind of record (incident or enforcement); move it, or fix `kind`.' },
  'missing-key': { severity: 'error', group: 'shape', hint: 'A required key is absent from the mapping shown.' },
  'invalid-type': { severity: 'error', group: 'shape', hint: 'The value has the wrong type (text, number, list, mapping); a number meant as text needs quotes.' },
  'invalid-value': { severity: 'error', group: 'shape', hint: 'The value is not one of the words the format allows for this key.' },
  'invalid-slug': { severity: 'error', group: 'shape', hint: 'Ids, tags and data types are slugs: lower-case letters and digits joined by single hyphens.' },
  'invalid-text': { severity: 'error', group: 'shape', hint: 'Plain-text fields are one line without control characters, and not empty.' },
  'text-too-long': { severity: 'error', group: 'shape', hint: 'The text is longer than the format allows (titles: 200 characters, ids: 80).' },
  'empty-list': { severity: 'error', group: 'shape', hint: 'The list must hold at least one item.' },
  'invalid-number': { severity: 'error', group: 'shape', hint: 'Amounts are numbers of at least 0; counts are whole numbers from 0 to 2^53 - 1.' },
  'invalid-count': { severity: 'error', group: 'shape', hint: 'A count mapping needs at least one number, and min <= estimate <= max, confirmed <= max.' },
  'invalid-date': { severity: 'error', group: 'shape', hint: 'Dates are YYYY, YYYY-MM, YYYY-MM-DD or a date-time with an offset, and must exist in the calendar.' },
  'invalid-url': { severity: 'error', group: 'shape', hint: 'URLs are absolute http or https addresses with a host and no user name or password.' },
  'invalid-currency': { severity: 'error', group: 'shape', hint: 'Currencies are upper-case ISO 4217 codes such as USD, GBP or EUR.' },
  'invalid-jurisdiction': { severity: 'error', group: 'shape', hint: 'Jurisdictions are ISO 3166-1 alpha-2 codes (US, GB), ISO 3166-2 subdivisions (US-CA) or EU.' },
  'placeholder': { severity: 'error', group: 'shape', hint: 'A value still starts with TODO, as `disclosed new` wrote it; replace it with the real value.' },
  'bidi-text': { severity: 'warning', group: 'shape', hint: 'The text holds bidirectional override characters, which can make it read differently from what it says.' },
  'duplicate-source-id': { severity: 'error', group: 'record', hint: 'Two sources of one record share an id; rename one.' },
  'unknown-source': { severity: 'error', group: 'record', hint: 'An event or `disclosed.source` cites a source id that the record does not define.' },
  'unused-source': { severity: 'warning', group: 'record', hint: 'Nothing in the record cites this source; cite it from an event or remove it.' },
  'duplicate-source-url': { severity: 'warning', group: 'record', hint: 'Two sources of one record point at the same page (scheme, host and path alike).' },
  'date-order': { severity: 'error', group: 'record', hint: 'A range ends before it starts, or a disclosure precedes the exposure it discloses.' },
  'future-date': { severity: 'error', group: 'record', hint: 'The date lies after today (the build clock, set with --now or SOURCE_DATE_EPOCH).' },
  'self-related': { severity: 'error', group: 'record', hint: 'A record cannot list itself in `related`.' },
  'duplicate-related': { severity: 'error', group: 'record', hint: 'The same id appears twice in `related` or `concerns`.' },
  'id-mismatch': { severity: 'error', group: 'dataset', hint: 'The `id` must equal the file name without its extension.' },
  'duplicate-id': { severity: 'error', group: 'dataset', hint: 'Two records share an id; ids are unique across the dataset.' },
  'dangling-reference': { severity: 'error', group: 'dataset', hint: 'A `related` or `concerns` entry names a record that does not exist.' },
  'concerns-not-incident': { severity: 'error', group: 'dataset', hint: '`concerns` may only name records of kind incident.' },
} as const satisfies Record<string, Rule>;

/** The id of a rule in the catalogue. */
export type RuleId = keyof typeof RULES;
