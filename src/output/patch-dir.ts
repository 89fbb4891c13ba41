import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileUnder } from '../slash-paths.js';
import { matchesWritten, removeInBackground, stillAsWritten, type Content } from './files.js';
import { siblings, statOf, type OutputTree, type WrittenAs } from './swap-dir.js';
import { statAhead, type StatsAhead } from './stat-ahead.js';
import { WriteThread } from './write-thread.js';
import type { Digest } from './gather.js';

/** From this many files, a patch takes the last build's files' stats ahead, on a thread. */
const STAT_AHEAD_FROM = 1000;

/**
 * Starts taking the stats of the last build's files (`previous`, in the folder `target`) on a
 * thread, when there are enough of them to be worth it. A build starts this as soon as it
 * knows it will patch, so the stats are taken while it reads and checks the records.
 */
export function statPrevious(target: string, previous: readonly string[] | undefined): StatsAhead | undefined {
  return previous && previous.length >= STAT_AHEAD_FROM ? statAhead(path.resolve(target), previous) : undefined;
}

/**
 * What a patch is about to do to the output folder, written down before it starts: if the
 * process dies part-way, the next build reads it and puts every file back.
 */
interface Journal {
  /** The patch's own folder: `new/` holds the files moving in, `old/` the files moved out. */
  stage: string;
  /** Files replaced or added, and whether each existed before. */
  changed: Array<[sitePath: string, existed: boolean]>;
  /** Files the new build no longer has. */
  deleted: string[];
  /** Files moved out are numbered (see `outgoing`); a journal without it is an older patch's. */
  numbered?: true;
}

/** Where, in a patch's folder, a file moving in waits. */
const incoming = (stage: string, sitePath: string) => fileUnder(path.join(stage, 'new'), sitePath);

/**
 * Where a file moved out goes: `old/` and its number among the journal's files (the changed,
 * then the deleted). Kept under its site path, each needed its folders made first: some 150
 * `mkdir`s of a one-record rebuild, 25 to 50 ms. Older journals kept that layout.
 */
function outgoing(journal: Journal, i: number, sitePath: string): string {
  return journal.numbered ? path.join(journal.stage, 'old', String(i)) : fileUnder(path.join(journal.stage, 'old'), sitePath);
}

const journalFile = (target: string) => {
  const { parent } = siblings(target);
  return path.join(parent, `.${path.basename(target)}.journal.json`);
};

function ensureParent(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
}

/** Removes the now-empty folders above a removed file, up to (not including) `root`. */
function pruneEmpty(root: string, file: string): void {
  for (let dir = path.dirname(file); dir.length > root.length && dir.startsWith(root); dir = path.dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // Not empty (or already gone): the folders above are not empty either.
    }
  }
}

/** Every file under `root`, as site paths. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const sitePath = prefix + entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${sitePath}/`);
      else out.push(sitePath);
    }
  };
  walk(root, '');
  return out;
}

/** Undoes a patch from its journal: every file moved out goes back, every file added goes. */
function rollBack(target: string, journal: Journal): void {
  for (const [i, [sitePath, existed]] of journal.changed.entries()) {
    const live = fileUnder(target, sitePath);
    const moved = outgoing(journal, i, sitePath);
    if (existsSync(moved)) {
      ensureParent(live);
      renameSync(moved, live);
    } else if (!existed) {
      // Added: remove it if it moved in, and any folder made for it.
      if (!existsSync(incoming(journal.stage, sitePath)) && existsSync(live)) unlinkSync(live);
      pruneEmpty(target, live);
    }
  }
  for (const [j, sitePath] of journal.deleted.entries()) {
    const moved = outgoing(journal, journal.changed.length + j, sitePath);
    if (!existsSync(moved)) continue;
    ensureParent(fileUnder(target, sitePath));
    renameSync(moved, fileUnder(target, sitePath));
  }
}

/**
 * Puts the output folder back as it was if a patch was interrupted (the journal is still
 * there), and removes the patch's leftovers.
 */
export async function recoverInterruptedPatch(outDir: string): Promise<void> {
  const target = path.resolve(outDir);
  const file = journalFile(target);
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch {
    return; // No patch was under way.
  }
  rollBack(target, journal);
  await rm(journal.stage, { recursive: true, force: true });
  await rm(file, { force: true });
}

/**
 * Removes the folders of patches that died before they began to move files (no journal), and
 * of those whose removal after their commit had not ended: in the background, as the build
 * needs nothing of them (see `recoverInterruptedSwap`).
 */
export function removeStalePatches(outDir: string): void {
  const target = path.resolve(outDir);
  const { parent } = siblings(target);
  const prefix = `.${path.basename(target)}.patch-`;
  for (const name of readdirSync(parent)) if (name.startsWith(prefix)) removeInBackground(path.join(parent, name));
}

/**
 * Updates an existing output folder in place, touching only the files whose bytes change: a
 * warm build after a one-record edit moves a few hundred files instead of laying out a tree
 * of tens of thousands. New files are written aside first, by a thread of their own (see
 * `WriteThread`), which leaves out those whose bytes the folder holds already; nothing in the
 * folder changes until every file is drawn, so a failed build leaves it exactly as it was.
 * The moves themselves are journaled: a build killed while moving is rolled back by the next
 * one.
 */
export class PatchWriter implements OutputTree {
  readonly produced = new Set<string>();
  // Each file added and not kept, by where it waits in the patch's folder.
  private readonly added = new Map<string, string>();
  private isDigested: ((sitePath: string) => boolean) | undefined;
  /** Files written and files left as they were: known once the patch is committed. */
  readonly counts = { written: 0, kept: 0 };

  private constructor(
    private readonly target: string,
    private readonly stage: string,
    private readonly thread: WriteThread,
    private readonly previous: readonly string[] | undefined,
    // The last build's files' sizes and times, taken ahead on a thread (a large folder only).
    private readonly ahead: StatsAhead | undefined,
  ) {}

  /**
   * Starts a patch of `outDir`, which must exist. `previous` lists the files the last build
   * put there, when that is known for sure; otherwise the folder is read to find them. `ahead`
   * holds their stats if already being taken (see `statPrevious`).
   */
  static async begin(target: string, previous?: readonly string[], ahead = statPrevious(target, previous)): Promise<PatchWriter> {
    const { parent } = siblings(target);
    const stage = path.join(parent, `.${path.basename(target)}.patch-${process.pid}-${Date.now()}`);
    await mkdir(path.join(stage, 'new'), { recursive: true });
    return new PatchWriter(target, stage, new WriteThread(path.join(stage, 'new')), previous, ahead);
  }

  write(sitePath: string, content: Content): void {
    this.produced.add(sitePath);
    const file = incoming(this.stage, sitePath);
    this.added.set(file, sitePath);
    const digest = this.isDigested?.(sitePath) ? sitePath : undefined;
    this.thread.file(file, content, { previous: fileUnder(this.target, sitePath), patch: true, digest });
  }

  digests(isDigested: (sitePath: string) => boolean): () => Map<string, Digest> {
    this.isDigested = isDigested;
    return () => this.thread.digests();
  }

  holds(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean {
    return files.every((f) => {
      const seen = this.ahead?.stat(f.path);
      return seen ? matchesWritten(seen, f) : stillAsWritten(fileUnder(this.target, f.path), f);
    });
  }

  keep(files: ReadonlyArray<{ path: string; bytes: number; mtimeMs: number }>): boolean {
    if (!this.holds(files)) return false;
    for (const f of files) this.produced.add(f.path);
    this.counts.kept += files.length;
    return true;
  }

  /**
   * Keeps every file of the last build not added, without a look at any: for a build that
   * changes a few of them and trusts the folder to be as the last build left it, as a build
   * with nothing to do does (see `restampSite`).
   */
  keepRest(): void {
    for (const sitePath of this.previous ?? listFiles(this.target)) {
      if (this.produced.has(sitePath)) continue;
      this.produced.add(sitePath);
      this.counts.kept++;
    }
  }

  keptFile(sitePath: string): string {
    return fileUnder(this.target, sitePath);
  }

  /** The size and modification time of a file added (asked once the patch is committed: every file is in place). */
  writtenAs(sitePath: string): WrittenAs {
    return statOf(fileUnder(this.target, sitePath));
  }

  /**
   * Moves the changed files in and the dropped ones out, journaled; rolls back on any failure.
   * (`move` is replaceable so tests can stop a patch part-way.)
   */
  async commit(move: (from: string, to: string) => void = renameSync): Promise<void> {
    this.ahead?.close();
    let written: Map<string, unknown>;
    try {
      written = await this.thread.flush();
    } finally {
      await this.thread.close();
    }
    // The files the thread wrote are the ones that changed; it left out the others.
    const changed = [...this.added].filter(([file]) => written.has(file)).map(([, sitePath]) => sitePath);
    this.counts.written = changed.length;
    this.counts.kept += this.added.size - changed.length;
    const journal: Journal = {
      stage: this.stage,
      changed: changed.map((p) => [p, existsSync(fileUnder(this.target, p))]),
      deleted: (this.previous ?? listFiles(this.target)).filter((p) => !this.produced.has(p)),
      numbered: true,
    };
    const file = journalFile(this.target);
    writeFileSync(`${file}.tmp`, JSON.stringify(journal));
    renameSync(`${file}.tmp`, file);
    try {
      mkdirSync(path.join(this.stage, 'old'), { recursive: true });
      for (const [i, [sitePath, existed]] of journal.changed.entries()) {
        const live = fileUnder(this.target, sitePath);
        if (existed) move(live, outgoing(journal, i, sitePath));
        else ensureParent(live);
        move(incoming(this.stage, sitePath), live);
      }
      for (const [j, sitePath] of journal.deleted.entries()) {
        const live = fileUnder(this.target, sitePath);
        move(live, outgoing(journal, journal.changed.length + j, sitePath));
        pruneEmpty(this.target, live);
      }
    } catch (error) {
      rollBack(this.target, journal);
      unlinkSync(file);
      await this.abort();
      throw error;
    }
    // The patch is complete once its journal is gone.
    unlinkSync(file);
    removeInBackground(this.stage);
  }

  async abort(): Promise<void> {
    this.ahead?.close();
    await this.thread.close();
    await rm(this.stage, { recursive: true, force: true });
  }
}
