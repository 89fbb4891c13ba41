import type { ExecutionContext } from 'ava';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './cli.js';

/** Builds a records folder into a fresh temporary output folder; returns it. */
export async function buildInto(dir: string, extra: string[] = []): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'disclosed-site-'));
  const run = await cli(['build', '--dir', dir, '--out', out, '--now', '2026-11-22', ...extra]);
  if (run.code !== 0) throw new Error(`build failed: ${run.stderr}`);
  return out;
}

/** Every file under a folder, as sorted relative paths. */
export async function listTree(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listTree(root, child)));
    else out.push(child);
  }
  return out.sort();
}

/** A file of a built site, as text. */
export function readSite(out: string, file: string): Promise<string> {
  return readFile(path.join(out, file), 'utf8');
}

/** Asserts two built trees hold the same files with the same bytes. */
export async function sameTree(t: ExecutionContext, a: string, b: string): Promise<void> {
  const files = await listTree(a);
  t.deepEqual(await listTree(b), files);
  for (const f of files) t.true((await readFile(path.join(a, f))).equals(await readFile(path.join(b, f))), f);
}
