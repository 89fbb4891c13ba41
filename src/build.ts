import path from 'node:path';
import { checkDirectory, type CheckOptions } from './check.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { buildModel } from './model/normalize.js';
import { writeTreeAtomically } from './output/swap-dir.js';
import { dataFiles } from './site/data-files.js';

/** Options of a site build. */
export interface BuildOptions extends CheckOptions {
  /** The output folder, replaced whole on success and untouched on failure. */
  out: string;
}

/** The outcome of a build: written, or refused with the problems that stopped it. */
export type BuildResult =
  | { ok: true; records: number; files: number }
  | { ok: false; diagnostics: Diagnostic[] };

/** Validates the records and, only when none has an error, writes the site into `out`. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const checked = await checkDirectory(options);
  if (checked.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics: checked.diagnostics };
  const model = buildModel(checked.records.map((r) => r.record));
  const files = dataFiles(model);
  await writeTreeAtomically(path.resolve(options.cwd ?? process.cwd(), options.out), files);
  return { ok: true, records: model.length, files: files.size };
}
