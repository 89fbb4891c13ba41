import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The files of a generated tree: site-relative paths (with `/`) to their bytes. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

function siblings(outDir: string) {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  return { parent, staging: `.${base}.staging-`, retired: `.${base}.retired-` };
}

/**
 * Puts back what an interrupted swap left: if the output folder is missing but a retired copy
 * exists (the process died between the two renames), the retired copy returns; stale staging
 * folders are removed.
 */
export async function recoverInterruptedSwap(outDir: string): Promise<void> {
  const { parent, staging, retired } = siblings(outDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  const old = names.filter((n) => n.startsWith(retired)).sort();
  if (!(await exists(outDir)) && old.length > 0) await rename(path.join(parent, old.at(-1)!), outDir);
  for (const n of names) {
    if (n.startsWith(staging) || (n.startsWith(retired) && (await exists(outDir)))) {
      await rm(path.join(parent, n), { recursive: true, force: true });
    }
  }
}

/**
 * Writes a whole tree beside `outDir` and swaps it in only once complete, so a failed or
 * killed build never leaves a half-written tree where the last good one was.
 */
export async function writeTreeAtomically(outDir: string, files: OutputFiles): Promise<void> {
  const target = path.resolve(outDir);
  await mkdir(path.dirname(target), { recursive: true });
  await recoverInterruptedSwap(target);
  const { parent, staging, retired } = siblings(target);
  const tag = `${process.pid}-${Date.now()}`;
  const stage = path.join(parent, staging + tag);
  try {
    for (const [rel, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const file = path.join(stage, ...rel.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
    await mkdir(stage, { recursive: true });
    const old = path.join(parent, retired + tag);
    const hadOld = await exists(target);
    if (hadOld) await rename(target, old);
    await rename(stage, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(stage, { recursive: true, force: true });
    throw error;
  }
}
