import path from 'node:path';
import type { DateTime } from 'luxon';
import { checkSources, type Runtime } from './check-files.js';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { loadDataset, type LoadedDataset, type SourceFile } from './load/index.js';
import { FileChanged, textOnDisk } from './load/text-on-disk.js';
import { fileUnder } from './slash-paths.js';
import { buildModel, type ModelRecord } from './model/normalize.js';
import { validateFiles, type ValidRecord } from './validate/index.js';

/** The outcome of checking a records folder. */
export interface CheckResult {
  /** The text of every file with a problem, by the path shown in messages (for code frames). */
  sources: Map<string, string>;
  /** How many record files were found. */
  fileCount: number;
  /** The records with the format's shape. */
  records: ValidRecord[];
  /** Every problem, sorted by file and position. */
  diagnostics: Diagnostic[];
}

/** Options shared by every command that reads the records. */
export interface CheckOptions {
  /** The records folder. */
  dir: string;
  /** The build's clock: dates after it are errors. */
  now: DateTime;
  /** The working directory that paths in messages are relative to. */
  cwd?: string;
  /** A cache and worker threads to go faster with; without them, a plain single-threaded run. */
  runtime?: Runtime;
}

/** Loads and validates every record under `dir`: the first two stages of every command. */
export async function checkDirectory(options: CheckOptions, read?: LoadedDataset): Promise<CheckResult> {
  const timings = options.runtime?.timings;
  const loaded = read ?? (await loadDataset(options.dir, options.cwd, { found: options.runtime?.found }));
  if (!read) timings?.mark('read');
  const results = await checkSources(loaded.files, options.now, options.runtime);
  timings?.mark('check files');
  const validation = validateFiles(results);
  timings?.mark('check dataset');
  const diagnostics = [...loaded.diagnostics, ...validation.diagnostics].sort(compareDiagnostics);
  return {
    sources: sourcesOf(loaded.files, new Set(diagnostics.map((d) => d.file))),
    fileCount: loaded.files.length + loaded.diagnostics.length,
    records: validation.records,
    diagnostics,
  };
}

/**
 * The texts of the files named in `files`. Only those: a file a build did not read (see
 * `knownSource`) is read for its message's code frame, or left without one if it changed since.
 */
function sourcesOf(sources: readonly SourceFile[], files: ReadonlySet<string>): Map<string, string> {
  const texts = new Map<string, string>();
  for (const source of sources) {
    if (!files.has(source.display)) continue;
    try {
      texts.set(source.display, source.text);
    } catch (error) {
      if (!(error instanceof FileChanged)) throw error;
    }
  }
  return texts;
}

/** The model of a valid dataset, or the problems that stop every command that publishes. */
export type ModelResult = { ok: true; records: ModelRecord[] } | { ok: false; diagnostics: Diagnostic[]; sources: Map<string, string> };

/**
 * Loads, validates and models the records: what `build` and `report` start from. With
 * `onDisk`, the models leave their files' texts on disk, to be read again when asked for (a
 * build, which asks once, for the YAML downloads).
 */
export async function loadModel(options: CheckOptions, read?: LoadedDataset, onDisk = false): Promise<ModelResult> {
  const checked = await checkDirectory(options, read);
  if (checked.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: checked.diagnostics, sources: checked.sources };
  const root = path.resolve(options.cwd ?? process.cwd(), options.dir);
  const text = (source: SourceFile) => (onDisk ? textOnDisk(source, fileUnder(root, source.relative)) : source.text);
  const records = buildModel(checked.records.map((r) => ({ record: r.record, text: text(r.source) })));
  options.runtime?.timings?.mark('model');
  return { ok: true, records };
}
