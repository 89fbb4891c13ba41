import { closeSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, readSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/** The names of the folders a build keeps beside the output folder. */
export function siblings(outDir: string) {
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

/** Where a site path lies under a folder. */
export function fileUnder(root: string, sitePath: string): string {
  return path.join(root, ...sitePath.split('/'));
}

/** A file's content as bytes. */
export function toBytes(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/** Whether a file on disk is still the one a build wrote: the same size and modification time. */
export function stillAsWritten(file: string, written: { bytes: number; mtimeMs: number }): boolean {
  const info = statSync(file, { throwIfNoEntry: false });
  return info !== undefined && info.size === written.bytes && info.mtimeMs === written.mtimeMs;
}

/** The text of a file under the output folder, or undefined when it cannot be read. */
export function readPrevious(target: string, sitePath: string): string | undefined {
  try {
    return readFileSync(fileUnder(target, sitePath), 'utf8');
  } catch {
    return undefined;
  }
}

/** Whether content is given in parts rather than whole. */
export function isParts(content: string | Uint8Array | Iterable<string>): content is Iterable<string> {
  return typeof content !== 'string' && !(content instanceof Uint8Array);
}

/** Writes a file part by part, never holding it whole. */
export function writeParts(file: string, parts: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    for (const part of parts) writeSync(fd, part);
  } finally {
    closeSync(fd);
  }
}

/** Whether two files hold the same bytes (false when either cannot be read). */
export function sameFiles(a: string, b: string): boolean {
  const fds: number[] = [];
  try {
    fds.push(openSync(a, 'r'), openSync(b, 'r'));
    if (fstatSync(fds[0]!).size !== fstatSync(fds[1]!).size) return false;
    const [x, y] = [Buffer.allocUnsafe(1 << 20), Buffer.allocUnsafe(1 << 20)];
    for (;;) {
      const n = readSync(fds[0]!, x, 0, x.byteLength, null);
      if (n === 0) return true;
      // Reads of a regular file return all that is asked, short only at its end.
      if (readSync(fds[1]!, y, 0, n, null) !== n || !x.subarray(0, n).equals(y.subarray(0, n))) return false;
    }
  } catch {
    return false;
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

/** Whether `file` holds exactly `bytes` (false when it cannot be read). */
export function sameBytes(file: string, bytes: Buffer): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).size !== bytes.byteLength) return false;
    const old = Buffer.allocUnsafe(bytes.byteLength);
    readSync(fd, old, 0, old.byteLength, 0);
    return old.equals(bytes);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Deletes a retired tree without making the build wait: a detached `rm -rf` where there is
 * one, else in-process. A tree left behind by a crash is removed by the next build.
 */
export function removeInBackground(dir: string): void {
  if (process.platform !== 'win32') {
    try {
      spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).on('error', () => void rm(dir, { recursive: true, force: true })).unref();
      return;
    } catch {
      // Fall through to removing it here.
    }
  }
  void rm(dir, { recursive: true, force: true });
}

/** Where a build puts its files: written as drawn, and put in place only when all are drawn. */
export interface OutputTree {
  /** How many files were written, and how many kept from the last build. */
  readonly counts: { written: number; kept: number };
  /** The site path of every file added so far (written or kept). */
  readonly produced: ReadonlySet<string>;
  /** Adds one file (given whole, or in parts for a file too large to hold as one string). */
  write(sitePath: string, content: string | Uint8Array | Iterable<string>): void;
  /**
   * Keeps files from the last build as they are, if each is still the file that build wrote
   * (same size and modification time). All or none.
   */
  keep(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean;
  /** The text of a file of the last build (one that `keep` kept), or undefined if unreadable. */
  readKept(sitePath: string): string | undefined;
  /** The modification time a file added will have in place, to recognise it in the next build. */
  mtimeOf(sitePath: string): number;
  /** Puts the finished tree in place. */
  commit(): Promise<void>;
  /** Throws the unfinished tree away; the output folder stays as it was. */
  abort(): Promise<void>;
}

/**
 * Writes a tree beside `outDir`, file by file as they are made (so a large site never sits in
 * memory whole), and swaps it in only when complete: a failed or killed build never leaves a
 * half-written tree where the last good one was. A file whose bytes equal the last build's is
 * hard-linked from it rather than written again.
 */
export class TreeWriter implements OutputTree {
  private readonly target: string;
  private readonly stage: string;
  private readonly dirs = new Set<string>();
  /** How many files were written, and how many kept from the last build. */
  readonly counts = { written: 0, kept: 0 };
  readonly produced = new Set<string>();

  private constructor(target: string, stage: string) {
    this.target = target;
    this.stage = stage;
  }

  /** Starts a tree for `outDir` (`openOutput` repairs an interrupted earlier build first). */
  static async begin(outDir: string): Promise<TreeWriter> {
    const target = path.resolve(outDir);
    await mkdir(path.dirname(target), { recursive: true });
    const { parent, staging } = siblings(target);
    const stage = path.join(parent, `${staging}${process.pid}-${Date.now()}`);
    await mkdir(stage, { recursive: true });
    return new TreeWriter(target, stage);
  }

  // Folders are made once each, parent first, without the cost of a recursive mkdir per file.
  private ensureDir(dir: string): void {
    if (dir === this.stage || this.dirs.has(dir)) return;
    this.ensureDir(path.dirname(dir));
    mkdirSync(dir);
    this.dirs.add(dir);
  }

  /** Adds one file. */
  write(sitePath: string, content: string | Uint8Array | Iterable<string>): void {
    this.produced.add(sitePath);
    const file = fileUnder(this.stage, sitePath);
    this.ensureDir(path.dirname(file));
    if (isParts(content)) {
      writeParts(file, content);
      this.counts.written++;
      return;
    }
    const bytes = toBytes(content);
    const previous = fileUnder(this.target, sitePath);
    if (sameBytes(previous, bytes)) {
      try {
        linkSync(previous, file);
        this.counts.kept++;
        return;
      } catch {
        // Another file system, or links not allowed: write it instead.
      }
    }
    writeFileSync(file, bytes);
    this.counts.written++;
  }

  /**
   * Keeps files from the last build as they are (hard links), if each is still the file that
   * build wrote: same size and modification time. All or none: false leaves nothing behind.
   */
  keep(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean {
    const pairs = files.map((f) => ({ from: fileUnder(this.target, f.path), to: fileUnder(this.stage, f.path), f }));
    if (!pairs.every(({ from, f }) => stillAsWritten(from, f))) return false;
    const linked: string[] = [];
    try {
      for (const { from, to } of pairs) {
        this.ensureDir(path.dirname(to));
        linkSync(from, to);
        linked.push(to);
      }
    } catch {
      for (const to of linked) unlinkSync(to);
      return false;
    }
    this.counts.kept += files.length;
    for (const f of files) this.produced.add(f.path);
    return true;
  }

  readKept(sitePath: string): string | undefined {
    return readPrevious(this.target, sitePath);
  }

  /** The modification time of a file already added, to recognise it in the next build. */
  mtimeOf(sitePath: string): number {
    return statSync(fileUnder(this.stage, sitePath)).mtimeMs;
  }

  /** Swaps the finished tree in for the old one. */
  async commit(): Promise<void> {
    const { parent, retired } = siblings(this.target);
    const old = path.join(parent, retired + path.basename(this.stage).split('-').slice(-2).join('-'));
    const hadOld = await exists(this.target);
    if (hadOld) await rename(this.target, old);
    await rename(this.stage, this.target);
    if (hadOld) removeInBackground(old);
  }

  /** Throws the unfinished tree away; the old one stays as it was. */
  async abort(): Promise<void> {
    await rm(this.stage, { recursive: true, force: true });
  }
}
