import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { RULES, type RuleId } from '../diagnostics/rules.js';
import { locate, type Located, type Target } from '../load/positions.js';
import type { SourceFile } from '../load/source-file.js';

/** Collects diagnostics for one file, locating each at a path in its document. */
export class FileReporter {
  /** What was reported, in order. */
  readonly diagnostics: Diagnostic[] = [];
  private located: (Located & { source: SourceFile }) | undefined;

  /** Takes the parsed file, or a way to parse it when (and only when) a problem needs a position. */
  constructor(private readonly file: (Located & { source: SourceFile }) | (() => Located & { source: SourceFile })) {}

  /** Reports a breach of `rule` at the value (or key) at `path`. */
  add(rule: RuleId, message: string, path: readonly PropertyKey[], target: Target = 'value'): void {
    this.located ??= typeof this.file === 'function' ? this.file() : this.file;
    const span = locate(this.located, path, target);
    this.diagnostics.push({ file: this.located.source.display, ...span, severity: RULES[rule].severity, rule, message });
  }
}
