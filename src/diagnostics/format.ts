import type { Diagnostic } from './diagnostic.js';

/** One line per problem: `file:line:col: severity: message [rule]`. */
export function formatText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.file}:${d.start.line}:${d.start.column}: ${d.severity}: ${d.message} [${d.rule}]\n`)
    .join('');
}

/** The JSON array `validate --format json` prints: flat fields, positions 1-based. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => ({
    file: d.file,
    line: d.start.line,
    column: d.start.column,
    endLine: d.end.line,
    endColumn: d.end.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** A closing count such as "2 errors, 1 warning in 5 files". */
export function formatSummary(diagnostics: readonly Diagnostic[], files: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files, 'file')}\n`;
}
