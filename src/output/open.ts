import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PatchWriter, recoverInterruptedPatch, removeStalePatches } from './patch-dir.js';
import { recoverInterruptedSwap, TreeWriter, type OutputTree } from './swap-dir.js';

/**
 * Opens the output folder for a build, first repairing whatever an interrupted build left.
 * `inPlace` (a warm build, whose cache knows the last output) patches the existing folder;
 * otherwise a whole new tree is written beside it and swapped in. `previous` lists the files
 * of the last build, when the caller knows the folder is still that build's.
 */
export async function openOutput(outDir: string, inPlace: boolean, previous?: readonly string[]): Promise<OutputTree> {
  const target = path.resolve(outDir);
  await recoverInterruptedPatch(target);
  await removeStalePatches(target).catch(() => undefined);
  await recoverInterruptedSwap(target);
  const isFolder = (await stat(target).catch(() => undefined))?.isDirectory() === true;
  return inPlace && isFolder ? PatchWriter.begin(target, previous) : TreeWriter.begin(target);
}
