import type { DateTime } from 'luxon';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseRecordFile, type ParsedFile } from '../load/parse.js';
import type { SourceFile } from '../load/source-file.js';
import { dateOf } from './loose.js';
import { recordDates } from './record-dates.js';
import { checkRecord } from './record-checks.js';
import { FileReporter } from './report.js';
import { checkShape } from './shape.js';

/**
 * Everything one file yields on its own: its data, its own problems (YAML, shape and the
 * record's own checks) and whether it has the record's shape. Plain data, so it can cross
 * to and from worker threads and be kept in the build cache.
 */
export interface FileResult {
  /** The file. */
  source: SourceFile;
  /** Its plain data; undefined when the YAML gave no usable mapping. */
  data: Record<string, unknown> | undefined;
  /** Its own problems, located. */
  diagnostics: Diagnostic[];
  /** The data has the record format's shape. */
  valid: boolean;
  /** The first instant of the record's latest date (ms), to know when "today" makes one future. */
  latest: number | undefined;
}

/** Checks one file on its own (parsed already, or now). Pure: the same text and clock give the same result. */
export function checkFile(source: SourceFile, now: DateTime, parsed: ParsedFile = parseRecordFile(source)): FileResult {
  const diagnostics = [...parsed.diagnostics];
  if (parsed.data === undefined) return { source, data: undefined, diagnostics, valid: false, latest: undefined };
  const shape = checkShape(parsed);
  const out = new FileReporter(parsed);
  checkRecord(parsed.data, now, out);
  diagnostics.push(...shape.diagnostics, ...out.diagnostics);
  const starts = recordDates(parsed.data).flatMap(({ value }) => dateOf(value)?.startMs ?? []);
  return { source, data: parsed.data, diagnostics, valid: shape.record !== undefined, latest: starts.length ? Math.max(...starts) : undefined };
}
