import type { Diagnostic } from './diagnostic.js';

/** ANSI styles, or none: colour only where the terminal shows it and NO_COLOR is unset. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const COLOR: Style = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
const MAX_WIDTH = 120;
const PLAIN: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s };

/** The style for a stream: colour on a TTY unless NO_COLOR is set (https://no-color.org). */
export function styleFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  return isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb' ? COLOR : PLAIN;
}

/**
 * The lines around a problem with a marker under it, like Babel's and Rust's code frames:
 *
 *      11 |   by: press
 *    > 12 |   sorces: [a]
 *         |   ^^^^^^
 */
export function codeFrame(text: string, d: Diagnostic, style: Style = PLAIN, context = 2): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, d.start.line - context);
  const last = Math.min(lines.length, d.start.line + context);
  const width = String(last).length;
  const out: string[] = [];
  // Long lines (minified data, a hostile file) are cut to a window around the problem.
  const from = Math.max(0, d.start.column - 1 - 40);
  const cut = (line: string) => (line.length <= MAX_WIDTH ? line : `${from > 0 ? '…' : ''}${line.slice(from, from + MAX_WIDTH)}…`);
  const shift = (lines[d.start.line - 1] ?? '').length > MAX_WIDTH ? from - (from > 0 ? 1 : 0) : 0;
  for (let n = first; n <= last; n++) {
    const line = cut((lines[n - 1] ?? '').replace(/\t/g, ' '));
    const gutter = `${String(n).padStart(width)} |`;
    if (n !== d.start.line) {
      out.push(style.dim(`  ${gutter}`) + (line ? ` ${line}` : ''));
      continue;
    }
    out.push(`${style.bold('>')} ${style.dim(gutter)} ${line}`);
    const column = d.start.column - shift;
    const span = d.end.line === d.start.line ? d.end.column - d.start.column : line.length - column + 1;
    const length = Math.max(1, Math.min(span, line.length - column + 1));
    const marker = d.severity === 'error' ? style.red : style.yellow;
    out.push(`  ${style.dim(`${' '.repeat(width)} |`)} ${' '.repeat(Math.max(0, column - 1))}${marker('^'.repeat(length))}`);
  }
  return out.join('\n');
}

/** Problems for a person at a terminal: location, severity, message, rule, and the code frame. */
export function formatPretty(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, style: Style): string {
  return diagnostics
    .map((d) => {
      const severity = d.severity === 'error' ? style.red(style.bold('error')) : style.yellow(style.bold('warning'));
      const head = `${style.cyan(`${d.file}:${d.start.line}:${d.start.column}`)}: ${severity}: ${d.message} ${style.dim(`[${d.rule}]`)}`;
      const text = sources.get(d.file);
      return text === undefined ? `${head}\n` : `${head}\n${codeFrame(text, d, style)}\n\n`;
    })
    .join('');
}

// GitHub's workflow-command escaping: data escapes % CR LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations, so a pull request shows each problem on its line. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        `file=${escapeProperty(d.file)}`, `line=${d.start.line}`, `col=${d.start.column}`,
        `endLine=${d.end.line}`, `endColumn=${d.end.column}`, `title=${escapeProperty(d.rule)}`,
      ].join(',');
      return `::${d.severity} ${props}::${escapeData(d.message)}\n`;
    })
    .join('');
}
