import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** True for the names the format reads: `.yaml` or `.yml`, in any case. */
export function isRecordFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
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
