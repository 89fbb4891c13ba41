import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PatchWriter, recoverInterruptedPatch, removeStalePatches } from './patch-dir.js';
import type { StatsAhead } from './stat-ahead.js';
import { recoverInterruptedSwap, TreeWriter, type OutputTree } from './swap-dir.js';

/**
 * Opens the output folder for a build, first repairing whatever an interrupted build left.
 * `inPlace` (a warm build, whose cache knows the last output) patches the existing folder;
 * otherwise a whole new tree is written beside it and swapped in. `previous` lists the files
 * of the last build, when the caller knows the folder is still that build's; `ahead`, their
 * stats if the caller started taking them (a patch uses them, a new tree lets them go).
 */
export async function openOutput(outDir: string, inPlace: boolean, previous?: readonly string[], ahead?: StatsAhead): Promise<OutputTree> {
  const target = path.resolve(outDir);
  await recoverInterruptedPatch(target);
  try {
    removeStalePatches(target);
  } catch {
    // A parent folder that cannot be listed holds no patch this build could remove.
  }
  await recoverInterruptedSwap(target);
  const isFolder = (await stat(target).catch(() => undefined))?.isDirectory() === true;
  if (inPlace && isFolder) return PatchWriter.begin(target, previous, ahead);
  ahead?.close();
  return TreeWriter.begin(target);
}
