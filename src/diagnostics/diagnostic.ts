import type { RuleId } from './rules.js';

/** How serious a problem is: errors fail the run, warnings only under `--strict`. */
export type Severity = 'error' | 'warning';

/** A position in a file, 1-based. */
export interface Point {
  /** Line number, from 1. */
  line: number;
  /** Column number, from 1, in UTF-16 code units as editors and the Language Server Protocol count. */
  column: number;
}

/** One problem found in the input, located in its file: the shape every stage reports. */
export interface Diagnostic {
  /** The file, as a path relative to the working directory, with `/` separators. */
  file: string;
  /** Where the offending key or value begins. */
  start: Point;
  /** Where it ends (exclusive). */
  end: Point;
  /** Error or warning. */
  severity: Severity;
  /** The stable rule id from the catalogue. */
  rule: RuleId;
  /** What is wrong, in plain English. */
  message: string;
}

/** Orders diagnostics by file, then position, then rule: the order every formatter prints. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** True when any diagnostic is an error (or, when strict, a warning). */
export function failsRun(diagnostics: readonly Diagnostic[], strict: boolean): boolean {
  return diagnostics.some((d) => d.severity === 'error' || strict);
}
