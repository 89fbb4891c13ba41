import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { discoverRecordFiles } from './discover.js';
import { parseRecordFile, type ParsedFile } from './parse.js';
import { readSourceFile } from './source-file.js';

export { parseRecordFile, MAX_DEPTH, MAX_ALIASES } from './parse.js';
export type { ParsedFile } from './parse.js';
export { MAX_FILE_BYTES } from './source-file.js';
export type { SourceFile } from './source-file.js';

/** Every record file of a folder, parsed, and the files that could not be read. */
export interface LoadedDataset {
  /** Files that were read and parsed (they may carry YAML problems). */
  files: ParsedFile[];
  /** Problems of files that could not be read at all (too large, not UTF-8). */
  diagnostics: Diagnostic[];
}

/** The path shown in messages for a file: relative to `cwd`, with `/` separators. */
export function displayPath(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/');
}

/**
 * Parsed files kept between runs of a long-lived process (`disclosed dev`), by path: a file
 * whose text is unchanged is not parsed again.
 */
export type ParseCache = Map<string, ParsedFile>;

/** Reads and parses every record file under `dir` (the only stage that reads the records folder). */
export async function loadDataset(dir: string, cwd: string = process.cwd(), cache?: ParseCache): Promise<LoadedDataset> {
  const root = path.resolve(cwd, dir);
  const files: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const relative of await discoverRecordFiles(root)) {
    const absolute = path.join(root, ...relative.split('/'));
    const source = await readSourceFile(absolute, displayPath(cwd, absolute), relative);
    if (!('text' in source)) {
      diagnostics.push(source);
      continue;
    }
    const cached = cache?.get(source.display);
    const parsed = cached && cached.source.text === source.text ? cached : parseRecordFile(source);
    cache?.set(source.display, parsed);
    files.push(parsed);
  }
  return { files, diagnostics };
}
