export type { Diagnostic, Severity, Point } from './diagnostic.js';
export { compareDiagnostics, failsRun } from './diagnostic.js';
export { RULES } from './rules.js';
export type { Rule, RuleId } from './rules.js';
export { formatText, formatJson, formatSummary } from './format.js';
export { formatPretty, formatGithub, codeFrame, styleFor } from './pretty.js';
export type { Style } from './pretty.js';
