import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseRecordFile } from '../load/parse.js';
import type { SourceFile } from '../load/source-file.js';
import type { DisclosureRecord } from '../schema/record.js';
import { checkDataset, type DatasetEntry } from './dataset-checks.js';
import type { FileResult } from './file.js';
import { FileReporter } from './report.js';

// `checkFile` is not re-exported: this module is on every build's path, and the one-file check
// (zod and the schemas, some 0.06 s to load) is loaded only where a file is checked.
export type { FileResult } from './file.js';

/** A record that has the format's shape, with the file it came from. */
export interface ValidRecord {
  /** The typed record, as written. */
  record: DisclosureRecord;
  /** Its file. */
  source: SourceFile;
}

/** The outcome of validating a dataset: the well-shaped records and every problem, sorted. */
export interface Validation {
  /** Records with the format's shape (they may still have record or dataset errors). */
  records: ValidRecord[];
  /** Every problem of every file, in file and position order. */
  diagnostics: Diagnostic[];
}

/**
 * Joins the files' own results and runs the checks across the dataset (ids, references).
 * A file is parsed again here only if a dataset check has to point into it. Pure.
 */
export function validateFiles(files: readonly FileResult[]): Validation {
  const records: ValidRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const entries: DatasetEntry[] = [];
  for (const file of files) {
    diagnostics.push(...file.diagnostics);
    if (file.data === undefined) continue;
    if (file.valid) records.push({ record: file.data as DisclosureRecord, source: file.source });
    entries.push({ relative: file.source.relative, display: file.source.display, data: file.data, out: new FileReporter(() => parseRecordFile(file.source)) });
  }
  checkDataset(entries);
  for (const entry of entries) diagnostics.push(...entry.out.diagnostics);
  return { records, diagnostics: diagnostics.sort(compareDiagnostics) };
}
