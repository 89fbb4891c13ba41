import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RULES, type RuleId } from '../diagnostics/rules.js';
import { locate, type Target } from '../load/positions.js';
import type { ParsedFile } from '../load/parse.js';

/** Collects diagnostics for one file, locating each at a path in its document. */
export class FileReporter {
  /** What was reported, in order. */
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly parsed: ParsedFile) {}

  /** Reports a breach of `rule` at the value (or key) at `path`. */
  add(rule: RuleId, message: string, path: readonly PropertyKey[], target: Target = 'value'): void {
    const span = locate(this.parsed, path, target);
    this.diagnostics.push({ file: this.parsed.source.display, ...span, severity: RULES[rule].severity, rule, message });
  }
}
