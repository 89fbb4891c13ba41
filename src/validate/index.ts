import type { DateTime } from 'luxon';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ParsedFile } from '../load/parse.js';
import type { DisclosureRecord } from '../schema/record.js';
import { checkDataset, type DatasetEntry } from './dataset-checks.js';
import { checkRecord } from './record-checks.js';
import { FileReporter } from './report.js';
import { checkShape } from './shape.js';

/** A record that has the format's shape, with the file it came from. */
export interface ValidRecord {
  /** The typed record, as written. */
  record: DisclosureRecord;
  /** Its parsed file, for positions. */
  file: ParsedFile;
}

/** The outcome of validating a dataset: the well-shaped records and every problem, sorted. */
export interface Validation {
  /** Records with the format's shape (they may still have record or dataset errors). */
  records: ValidRecord[];
  /** Every problem of every file, in file and position order. */
  diagnostics: Diagnostic[];
}

/**
 * Validates parsed record files against the format: shape, then each record's own checks,
 * then the checks across the dataset. Pure: the clock comes in as `now`.
 */
export function validateFiles(files: readonly ParsedFile[], now: DateTime): Validation {
  const records: ValidRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries: DatasetEntry[] = [];
  for (const file of files) {
    diagnostics.push(...file.diagnostics);
    if (file.data === undefined) continue;
    const shape = checkShape(file);
    diagnostics.push(...shape.diagnostics);
    const out = new FileReporter(file);
    checkRecord(file.data, now, out);
    if (shape.record) records.push({ record: shape.record, file });
    entries.push({ relative: file.source.relative, display: file.source.display, data: file.data, out });
  }
  checkDataset(entries);
  for (const entry of entries) diagnostics.push(...entry.out.diagnostics);
  return { records, diagnostics: diagnostics.sort(compareDiagnostics) };
}
