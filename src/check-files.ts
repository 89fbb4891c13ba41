import type { DateTime } from 'luxon';
import { contentKey, loadCache, type BuildCache, type CachedFile } from './cache/build-cache.js';
import { readPlainRecordFile, type ParsedFile } from './load/parse.js';
import { sourceHash, type SourceFile } from './load/source-file.js';
import type { WorkerPool } from './parallel/pool.js';
import type { MarkdownAhead } from './markdown/ahead.js';
import type { DisclosureRecord } from './schema/record.js';
import type { FoundFiles } from './load/discover.js';
import { runTask } from './parallel/tasks.js';
import type { FileResult } from './validate/file.js';
import type { Timings } from './timings.js';
import type { Progress } from './progress.js';
import { oncePerObject } from './memo.js';

/** What speeds a run up: a cache of earlier results and worker threads. Both optional. */
export interface Runtime {
  /** Results of earlier runs to reuse. */
  cache?: BuildCache;
  /** Worker threads for parsing, checking and rendering. */
  pool?: WorkerPool;
  /** Where phase timings go, when someone is measuring. */
  timings?: Timings;
  /** Starts on each record's Markdown as soon as its file is checked (a build's, not `validate`'s). */
  ahead?: MarkdownAhead;
  /** Hears how far the run has come (the progress line on a terminal). */
  progress?: Progress;
  /** Collects garbage between phases, where the process allows it (the command line). */
  collect?: () => void;
  /** Runs a load whose data all stays live (the cache's file results) with the heap let grow freely, where the process allows it. */
  loading?: <T>(load: () => Promise<T>) => Promise<T>;
  /** Told that a build is likely to patch the last one's output (and again once it does), where the process can use it (see `patchingHeap`). */
  patching?: () => void;
  /** The records folder's files, where the process listed them as it started (the command line, see `recordFilesToRead`). */
  found?: FoundFiles;
}

/**
 * A file's content key: the hash of its path and text (its `sourceHash`, which a build's model
 * keeps too), which its cached check result is kept under. Made once per file object (the dev
 * server hands the same objects to every rebuild until a file changes, and a build keys the
 * whole dataset with the same hashes).
 */
export const fileKey = oncePerObject((source: SourceFile) => contentKey(source.display, sourceHash(source)));

// A cached result joined to its file once per file object and result, not once per save of
// the dev server (which hands over the same objects for unchanged files).
const joined = new WeakMap<SourceFile, { hit: CachedFile; result: FileResult }>();
function resultOf(source: SourceFile, hit: CachedFile): FileResult {
  const last = joined.get(source);
  if (last?.hit === hit) return last.result;
  const result = { source, ...hit };
  joined.set(source, { hit, result });
  return result;
}

/**
 * Checks each file on its own, reusing a cached result where the file's path and text are
 * unchanged and none of its dates has since become "today" or earlier. Results keep the files'
 * order.
 *
 * A file in the plain subset of YAML (nearly all) is checked on this thread: about 0.15 ms, less
 * than handing it to a worker and its result back costs (10,000 such files took 1.5 s here and
 * 1.9 s on two workers, with 300 MiB more memory). The rest, which need yaml's full parser (four
 * or five times as long), are checked here too when fewer than 2,500 (see `WorkerPool.check`);
 * more go to the worker threads, which check them while this thread does the plain ones.
 *
 * The validator (zod and the schemas, some 0.06 s to load) is loaded only when this thread
 * checks a file: a build that finds every result in the cache never loads it.
 */
export async function checkSources(sources: readonly SourceFile[], now: DateTime, runtime: Runtime = {}): Promise<FileResult[]> {
  const { cache, pool, ahead, progress } = runtime;
  if (cache) await (runtime.loading ?? ((load) => load()))(() => loadCache(cache));
  const nowMs = now.toMillis();
  const results = new Array<FileResult | undefined>(sources.length);
  const todo: number[] = [];
  const keys = sources.map(fileKey);
  sources.forEach((source, i) => {
    const hit = cache?.files.get(keys[i]!);
    if (hit && (hit.latest === undefined || hit.latest <= nowMs)) {
      results[i] = resultOf(source, hit);
      cache!.used.files.add(keys[i]!);
    } else todo.push(i);
  });
  progress?.checked(sources.length - todo.length);
  ahead?.expect(todo.length);
  const settle = (i: number, result: FileResult) => {
    results[i] = result;
    progress?.checked(1);
    if (result.valid) ahead?.offer(result.data as DisclosureRecord);
    // A result with a future date depends on today; only timeless results are kept.
    if (cache && !result.diagnostics.some((d) => d.rule === 'future-date')) {
      const { source: _source, ...rest } = result;
      cache.files.set(keys[i]!, rest);
      cache.used.files.add(keys[i]!);
      cache.dirty = true;
    }
  };
  const plain: Array<[number, ParsedFile]> = [];
  const full: number[] = [];
  for (const i of todo) {
    const parsed = readPlainRecordFile(sources[i]!);
    if (parsed) plain.push([i, parsed]);
    else full.push(i);
  }
  const task = { kind: 'check' as const, sources: full.map((i) => sources[i]!), now: now.toUTC().toISO()! };
  // Files for the workers go first, to be checked while this thread checks the plain ones.
  // Those this thread checks itself come after the plain ones: the plain files' Markdown then
  // reaches the Markdown worker (see `MarkdownAhead`) from the start. Checked first, 1,000 of
  // them at 10,000 records held the first batch back until 3 s into checking, and a cold build
  // waited 1.3 to 1.6 s for the worker once checking was done.
  const elsewhere = pool?.checksAside(full.length) ? pool.check(task) : undefined;
  if (plain.length > 0) {
    const { checkFile } = await import('./validate/file.js');
    for (const [i, parsed] of plain) settle(i, checkFile(sources[i]!, now, parsed));
  }
  const rest = elsewhere ? await elsewhere : full.length > 0 ? ((await runTask(task)) as FileResult[]) : [];
  rest.forEach((result, j) => settle(full[j]!, result));
  return results as FileResult[];
}
