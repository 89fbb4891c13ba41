import path from 'node:path';
import { fileUnder } from '../slash-paths.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { stat } from 'node:fs/promises';
import { discoverRecordFiles, isRecordFileName, listedFiles, type FoundFiles } from './discover.js';
import { readSourceFile, type SourceFile } from './source-file.js';
import { knownSource, type KnownText } from './text-on-disk.js';

export { parseRecordFile, MAX_DEPTH, MAX_ALIASES } from './parse.js';

export type { ParsedFile } from './parse.js';
export { MAX_FILE_BYTES } from './source-file.js';
export type { SourceFile } from './source-file.js';

/** Every record file of a folder, read, and the files that could not be read. */
export interface LoadedDataset {
  /** Files that were read (they may still hold bad YAML). */
  files: SourceFile[];
  /** Problems of files that could not be read at all (too large, not UTF-8). */
  diagnostics: Diagnostic[];
}

/** The path shown in messages for a file: relative to `cwd`, with `/` separators. */
export function displayPath(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/');
}

/** What a caller that knows more about the folder can tell `loadDataset`. */
export interface LoadOptions {
  /** The folder's record files, when the caller has just listed them (a build's stamp, the command line). */
  found?: FoundFiles;
  /**
   * A file's text as the last build read it, when the file (`found.files[index]`) is proven
   * unchanged since: the file is then not read (see `knownSource`). Asked only when `found`
   * lists the folder read.
   */
  known?: (display: string, index: number) => Pick<KnownText, 'hash' | 'bytes'> | undefined;
}

/** Reads every record file under `dir`: the only stage that reads the records folder. */
export async function loadDataset(dir: string, cwd: string = process.cwd(), options: LoadOptions = {}): Promise<LoadedDataset> {
  const root = path.resolve(cwd, dir);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  // `known` speaks of the files of the listing it came with: of no others.
  const listed = listedFiles(options.found, root);
  const relatives = listed ?? (await discoverRecordFiles(root));
  // A file's display path is the folder's and its own path under it (a clean `/` path):
  // path.relative for each of 10,000 files took 0.02 s of every build.
  const folder = displayPath(cwd, root);
  for (const [i, relative] of relatives.entries()) {
    const absolute = fileUnder(root, relative);
    const display = folder === '' ? relative : `${folder}/${relative}`;
    const known = listed ? options.known?.(display, i) : undefined;
    const source = known ? knownSource(absolute, display, relative, known) : readSourceFile(absolute, display, relative);
    if ('text' in source) files.push(source);
    else diagnostics.push(source);
  }
  return { files, diagnostics };
}

/**
 * Reads a records folder again and again (the dev server), re-reading only the files a watcher
 * reported changed. Anything it cannot place (a folder renamed, an unnamed event) reads all.
 */
export class DatasetReader {
  private readonly entries = new Map<string, SourceFile | Diagnostic>();
  private loaded = false;

  constructor(private readonly dir: string, private readonly cwd: string) {}

  /** The dataset now; `changed` holds paths relative to the folder, or undefined for everything. */
  async read(changed?: ReadonlySet<string>): Promise<LoadedDataset> {
    const root = path.resolve(this.cwd, this.dir);
    const recordPath = (rel: string) => isRecordFileName(rel) && !rel.split('/').some((s) => s.startsWith('.'));
    if (!this.loaded || changed === undefined || [...changed].some((rel) => !recordPath(rel))) {
      const all = await loadDataset(this.dir, this.cwd);
      this.entries.clear();
      for (const f of all.files) this.entries.set(f.relative, f);
      for (const d of all.diagnostics) this.entries.set(path.relative(root, path.resolve(this.cwd, d.file)).split(path.sep).join('/'), d);
      this.loaded = true;
      return all;
    }
    for (const rel of changed) {
      const absolute = fileUnder(root, rel);
      const info = await stat(absolute).catch(() => undefined);
      if (info?.isFile()) this.entries.set(rel, readSourceFile(absolute, displayPath(this.cwd, absolute), rel));
      else this.entries.delete(rel);
    }
    const files: SourceFile[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const rel of [...this.entries.keys()].sort()) {
      const entry = this.entries.get(rel)!;
      if ('text' in entry) files.push(entry);
      else diagnostics.push(entry);
    }
    return { files, diagnostics };
  }
}
