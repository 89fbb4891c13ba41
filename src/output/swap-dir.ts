import { statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileUnder } from '../slash-paths.js';
import { removeInBackground, stillAsWritten, type Content } from './files.js';
import { WriteThread } from './write-thread.js';
import type { Digest, Digests, Gather, Gathered, GatherLayout } from './gather.js';

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
 * folders and retired copies are removed, in the background. A retired copy is most often the
 * last build's tree, still being removed (40,000 files take seconds): removed here and awaited,
 * it took a one-record rebuild at 10,000 records run just after a full build from 2.4 to 4.4 s.
 */
export async function recoverInterruptedSwap(outDir: string, remove: (dir: string) => void = removeInBackground): Promise<void> {
  const { parent, staging, retired } = siblings(outDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  const restored = (await exists(outDir)) ? undefined : names.filter((n) => n.startsWith(retired)).sort().at(-1);
  if (restored) await rename(path.join(parent, restored), outDir);
  for (const n of names) if (n !== restored && (n.startsWith(staging) || n.startsWith(retired))) remove(path.join(parent, n));
}

/** How a file was left on disk: what recognises it in the next build. */
export interface WrittenAs {
  bytes: number;
  mtimeMs: number;
}

/** A file's size and modification time, as it is now. */
export function statOf(file: string): WrittenAs {
  const info = statSync(file);
  return { bytes: info.size, mtimeMs: info.mtimeMs };
}

/** Where a build puts its files: written as drawn, and put in place only when all are drawn. */
export interface OutputTree {
  /** The site path of every file added so far (written or kept). */
  readonly produced: ReadonlySet<string>;
  /** Adds one file (given whole, or in parts for a file too large to hold as one string). */
  write(sitePath: string, content: Content): void;
  /** Where offered (a new tree), adds a file made of pieces of the files added next. */
  gather?: Gather;
  /** Where offered, hashes the files added next that a predicate names, as it writes them. */
  digests?: Digests;
  /**
   * Keeps files from the last build as they are, if each is still the file that build wrote
   * (same size and modification time). All or none.
   */
  keep(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean;
  /** Whether `keep` would keep these files now (it looks at them, and keeps none). */
  holds(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean;
  /** Where the last build's copy of a file lies (to read back a file that `keep` kept). */
  keptFile(sitePath: string): string;
  /**
   * The size and modification time a file added has in place, to recognise it in the next
   * build. Known once `commit` has run.
   */
  writtenAs(sitePath: string): WrittenAs;
  /** Puts the finished tree in place. */
  commit(): Promise<void>;
  /** Throws the unfinished tree away; the output folder stays as it was. */
  abort(): Promise<void>;
}

/**
 * Writes a tree beside `outDir`, file by file as they are made (so a large site never sits in
 * memory whole), and swaps it in only when complete: a failed or killed build never leaves a
 * half-written tree where the last good one was. A file whose bytes equal the last build's is
 * hard-linked from it rather than written again. The files are written by a thread of their
 * own (see `WriteThread`) while the next ones are drawn.
 */
export class TreeWriter implements OutputTree {
  readonly produced = new Set<string>();
  private written = new Map<string, WrittenAs>();
  // Which files added are pieces of the file being gathered, and which are hashed.
  private isPiece: ((sitePath: string) => boolean) | undefined;
  private isDigested: ((sitePath: string) => boolean) | undefined;

  private constructor(
    private readonly target: string,
    private readonly stage: string,
    private readonly thread: WriteThread,
    private readonly hadTarget: boolean,
  ) {}

  /** Starts a tree for `outDir` (`openOutput` repairs an interrupted earlier build first). */
  static async begin(outDir: string): Promise<TreeWriter> {
    const target = path.resolve(outDir);
    await mkdir(path.dirname(target), { recursive: true });
    const { parent, staging } = siblings(target);
    const stage = path.join(parent, `${staging}${process.pid}-${Date.now()}`);
    await mkdir(stage, { recursive: true });
    return new TreeWriter(target, stage, new WriteThread(stage), await exists(target));
  }

  /** Adds one file. */
  write(sitePath: string, content: Content): void {
    this.produced.add(sitePath);
    const previous = this.hadTarget ? fileUnder(this.target, sitePath) : undefined;
    const digest = this.isDigested?.(sitePath) ? sitePath : undefined;
    this.thread.file(fileUnder(this.stage, sitePath), content, { previous, gather: this.isPiece?.(sitePath), digest });
  }

  digests(isDigested: (sitePath: string) => boolean): () => Map<string, Digest> {
    this.isDigested = isDigested;
    return () => this.thread.digests();
  }

  gather(sitePath: string, layout: GatherLayout, isPiece: (sitePath: string) => boolean): () => Gathered | undefined {
    this.produced.add(sitePath);
    this.thread.gather(fileUnder(this.stage, sitePath), layout);
    this.isPiece = isPiece;
    return () => {
      this.isPiece = undefined;
      return this.thread.gathered();
    };
  }

  /**
   * Keeps files from the last build as they are (hard links), if each is still the file that
   * build wrote: same size and modification time. All or none.
   */
  keep(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean {
    if (!this.holds(files)) return false;
    for (const f of files) {
      this.thread.add({ op: 'link', file: fileUnder(this.stage, f.path), from: fileUnder(this.target, f.path) });
      this.produced.add(f.path);
    }
    return true;
  }

  holds(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean {
    return files.every((f) => stillAsWritten(fileUnder(this.target, f.path), f));
  }

  keptFile(sitePath: string): string {
    return fileUnder(this.target, sitePath);
  }

  /** The size and modification time of a file added (known once the tree is committed). */
  writtenAs(sitePath: string): WrittenAs {
    return this.written.get(fileUnder(this.stage, sitePath)) ?? statOf(fileUnder(this.target, sitePath));
  }

  /** Waits for the last files to be written, then swaps the finished tree in for the old one. */
  async commit(): Promise<void> {
    try {
      this.written = await this.thread.flush();
    } finally {
      await this.thread.close();
    }
    const { parent, retired } = siblings(this.target);
    const old = path.join(parent, retired + path.basename(this.stage).split('-').slice(-2).join('-'));
    const hadOld = await exists(this.target);
    if (hadOld) await rename(this.target, old);
    await rename(this.stage, this.target);
    if (hadOld) removeInBackground(old);
  }

  /** Throws the unfinished tree away; the old one stays as it was. */
  async abort(): Promise<void> {
    await this.thread.close();
    await rm(this.stage, { recursive: true, force: true });
  }
}
