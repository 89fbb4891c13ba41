import type { FoundFiles } from '../load/discover.js';

/** Where a command writes and what it knows of its surroundings; tests pass their own. */
export interface CliIO {
  /** Standard output: the command's result. */
  stdout: { write(text: string): unknown; isTTY?: boolean };
  /** Standard error: progress, summaries and problems. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Environment variables (SOURCE_DATE_EPOCH, NO_COLOR). */
  env: NodeJS.ProcessEnv;
  /** The working directory paths are relative to. */
  cwd: string;
  /** A full garbage collection, where the process allows one (the command line: see `gc.ts`). */
  collect?: () => void;
  /** Runs a load whose data all stays live with the heap let grow freely (see `growingFreely`). */
  loading?: <T>(load: () => Promise<T>) => Promise<T>;
  /** Told a build is likely to patch the last one's output: its heap may grow further (see `patchingHeap`). */
  patching?: () => void;
  /** The record files of the folder the command reads, as the process listed them when it started (see `recordFilesToRead`). */
  found?: FoundFiles;
}

/** Exit statuses: success, failed checks, wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
