import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { checkFile } from '../../src/validate/file.js';
import { validateFiles } from '../../src/validate/index.js';

/** The clock every test uses unless it says otherwise. */
export const NOW = DateTime.fromISO('2026-11-22T12:00:00Z', { zone: 'utc' });

/** Validates in-memory files (relative path to text) as one dataset. */
export function validateTexts(files: Record<string, string>, now = NOW): Diagnostic[] {
  const results = Object.entries(files).map(([relative, text]) => checkFile({ display: relative, relative, text }, now));
  return validateFiles(results).diagnostics;
}

/** A minimal valid incident, as plain data to mutate. */
export function incident(id = 'sample-incident'): Record<string, any> {
  return {
    id,
    kind: 'incident',
    title: 'A sample incident',
    organization: 'Example Corp',
    summary: 'Something happened.',
    period: { start: '2018-04', end: '2019-01' },
    disclosed: { date: '2019-02-01', by: 'press', source: 'article' },
    events: [{ date: '2019-02-01', type: 'disclosure', title: 'Reported', sources: ['article'] }],
    sources: [{ id: 'article', title: 'An article', publisher: 'A paper', url: 'https://example.com/article' }],
  };
}

/** A minimal valid enforcement action, as plain data to mutate. */
export function enforcement(id = 'sample-enforcement'): Record<string, any> {
  return {
    id,
    kind: 'enforcement',
    title: 'A sample fine',
    organization: 'Example Corp',
    summary: 'A regulator acted.',
    authority: 'A regulator',
    jurisdiction: 'GB',
    action: 'fine',
    date: '2019-03',
    amount: { value: 1000, currency: 'GBP' },
    events: [{ date: '2019-03', type: 'enforcement', title: 'Fined', sources: ['release'] }],
    sources: [{ id: 'release', title: 'A release', publisher: 'A regulator', url: 'https://example.org/release' }],
  };
}

/** Records as YAML files named after their ids. */
export function asFiles(...records: Array<Record<string, any>>): Record<string, string> {
  return Object.fromEntries(records.map((r) => [`${r.id}.yaml`, stringify(r)]));
}
