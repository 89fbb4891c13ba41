/**
 * The programmatic face of disclosed: load, validate, model and build. Everything not
 * exported here is internal and may change.
 */
export { checkDirectory } from './check.js';
export type { CheckOptions, CheckResult } from './check.js';
export { buildSite } from './build.js';
export type { BuildOptions, BuildResult } from './build.js';
export { loadDataset, parseRecordFile } from './load/index.js';
export type { LoadedDataset, ParsedFile, SourceFile } from './load/index.js';
export { validateFiles } from './validate/index.js';
export type { Validation, ValidRecord } from './validate/index.js';
export { buildModel, recordJson } from './model/normalize.js';
export type { ModelRecord, DateJson, LagJson } from './model/normalize.js';
export { RULES, formatText, formatJson } from './diagnostics/index.js';
export type { Diagnostic, Severity, Point, Rule, RuleId } from './diagnostics/index.js';
export { parseDate, formatDate, compareDates, isBefore, isAfter, lagBetween, describeLag, resolveNow } from './dates/index.js';
export type { RecordDate, Precision, Lag } from './dates/index.js';
export { RecordSchema, IncidentSchema, EnforcementSchema, FORMAT_VERSION, recordJsonSchema } from './schema/index.js';
export type { DisclosureRecord, IncidentRecord, EnforcementRecord, RecordEvent, RecordSource } from './schema/index.js';
export { makeReport } from './reports/adhoc.js';
export type { ReportOptions, AdhocResult } from './reports/adhoc.js';
export { reportData } from './reports/figures.js';
export type { ReportData } from './reports/figures.js';
export { verifyTree } from './reports/manifest.js';
export type { Manifest, ManifestEntry, Mismatch } from './reports/manifest.js';
export { runCli } from './cli/run.js';
export type { CliIO } from './cli/io.js';
