import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { discoverRecordFiles } from './discover.js';
import { readSourceFile, type SourceFile } from './source-file.js';

export { parseRecordFile, MAX_DEPTH, MAX_ALIASES } from './parse.js';

/** Maps items through an async function, at most `limit` at a time, keeping their order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
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

/** Reads every record file under `dir` (the only stage that reads the records folder). */
export async function loadDataset(dir: string, cwd: string = process.cwd()): Promise<LoadedDataset> {
  const root = path.resolve(cwd, dir);
  const files: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const relatives = await discoverRecordFiles(root);
  // Reads overlap (the disk is the wait); parsing stays in order, so results are deterministic.
  const sources = await mapConcurrent(relatives, 32, (relative) => {
    const absolute = path.join(root, ...relative.split('/'));
    return readSourceFile(absolute, displayPath(cwd, absolute), relative);
  });
  for (const source of sources) {
    if ('text' in source) files.push(source);
    else diagnostics.push(source);
  }
  return { files, diagnostics };
}
