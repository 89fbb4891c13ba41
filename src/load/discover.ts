import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** True for the names the format reads: `.yaml` or `.yml`, in any case. */
export function isRecordFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * A folder's record files as a caller has just listed them, handed on so that the next stage
 * does not list them again: walking 10,000 files took 15-30 ms, and the command line walks
 * them before a command starts, to size its heap (see `recordFilesToRead`).
 */
export interface FoundFiles {
  /** The folder, as an absolute path. */
  dir: string;
  /** Its record files, as `discoverRecordFiles` lists them. */
  files: string[];
}

/** The record files `found` lists, if it lists the folder `dir` (absolute); a listing of another folder counts for nothing. */
export function listedFiles(found: FoundFiles | undefined, dir: string): string[] | undefined {
  return found?.dir === dir ? found.files : undefined;
}

/**
 * Every record file under `dir`, as sorted paths relative to it with `/` separators.
 * Hidden files and folders (`.git`, editors' `.#swap` files) and links are skipped.
 */
export async function discoverRecordFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && isRecordFileName(entry.name)) found.push(child);
    }
  };
  await walk('');
  return found.sort();
}
