import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startThread } from './thread.js';
import { runTask, type Task, type TaskResult } from './tasks.js';

/**
 * Below this many items a task runs on the main thread: starting workers (loading the modules,
 * warming up) and copying the items both ways cost more. Measured at 10,000 records with one in
 * ten outside the plain subsets: 1,000 files for yaml's full parser checked faster on the main
 * thread (2.5-2.9 s against 2.8-3.1 s, and 110 MiB less), while 1,000 summaries for GFM
 * rendered faster on two workers (3.1 against 3.65 s).
 */
const PARALLEL_THRESHOLD = { check: 2500, markdown: 400 } as const;

/**
 * At most this many items a batch: a batch's results travel back as one message, copied whole
 * (a sixth of 100,000 records' results would be some 100 MB at once).
 */
const LARGEST_BATCH = 2000;

/**
 * Splits `count` items into batches for `workers` threads, handed out one at a time as each
 * thread finishes its last. Each batch is a share of what is left (guided self-scheduling), so
 * batches shrink towards the end and the threads finish close together: with one half each, a
 * worker that drew the slower records left the other idle some 9% of a 10,000-record check, and
 * with equal eighths still half a batch (0.4 s) on average.
 */
export function batchRanges(count: number, workers: number): Array<[start: number, end: number]> {
  const smallest = Math.min(LARGEST_BATCH, Math.max(1, Math.ceil(count / (workers * 64))));
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < count; ) {
    const size = Math.max(smallest, Math.min(LARGEST_BATCH, Math.ceil((count - start) / (workers * 3))));
    const end = Math.min(count, start + size);
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/**
 * A small pool of worker threads, one per core (at most four), started on first use. Each
 * task's items are split into batches handed to whichever worker is free; results come back in
 * the items' order.
 */
export class WorkerPool {
  private workers: Worker[] = [];
  private next = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly size = Math.min(4, Math.max(1, availableParallelism()))) {}

  /** The workers, started on first use: `count` of them (all, unless fewer are asked for). */
  private start(count = this.size): Worker[] {
    while (this.workers.length < count) {
      // A worker keeps little (schemas, one unified processor) and makes short-lived trees: with
      // V8's default young generation (up to 48 MiB) the Markdown worker's heap reached 75-80
      // MiB with some 17 MiB live while a cold build checked its files; with 16 MiB, that
      // phase's peak is some 30 MiB lower, at the same speed.
      const worker = startThread(new URL('./worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      });
      worker.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(worker);
    }
    return this.workers;
  }

  private send<T extends Task>(worker: Worker, task: T): Promise<TaskResult<T>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, task });
    });
  }

  /** Whether `check` sends this many files to the worker threads, rather than checking them here. */
  checksAside(count: number): boolean {
    return this.parallel(count, PARALLEL_THRESHOLD.check);
  }

  /** Whether a task of `count` items, worth spreading from `threshold` on, goes to the workers. */
  private parallel(count: number, threshold: number): boolean {
    return count >= threshold && this.size >= 2;
  }

  /** Checks files, in parallel when there are enough of them. */
  async check(sources: Task & { kind: 'check' }): Promise<TaskResult<typeof sources>> {
    return this.split(sources.sources, PARALLEL_THRESHOLD.check, (part) => ({ ...sources, sources: part })) as Promise<TaskResult<typeof sources>>;
  }

  /** Renders Markdown texts, in parallel when there are enough of them. */
  async markdown(texts: string[]): Promise<string[]> {
    return this.split(texts, PARALLEL_THRESHOLD.markdown, (part) => ({ kind: 'markdown', texts: part })) as Promise<string[]>;
  }

  /**
   * Renders texts on one worker thread, however few they are: for work handed over in small
   * batches while this thread does other work (see `MarkdownAhead`), where the thresholds
   * above do not apply. One worker, so that on two cores this thread keeps one to itself.
   */
  markdownAside(texts: string[]): Promise<string[]> {
    return this.send(this.start(1)[0]!, { kind: 'markdown', texts });
  }

  private async split<I>(items: I[], threshold: number, task: (part: I[]) => Task): Promise<unknown[]> {
    if (!this.parallel(items.length, threshold)) return await runTask(task(items));
    const workers = this.start();
    const batches = batchRanges(items.length, workers.length);
    const results: unknown[][] = [];
    let next = 0;
    const feed = async (worker: Worker): Promise<void> => {
      while (next < batches.length) {
        const i = next++;
        const [start, end] = batches[i]!;
        results[i] = (await this.send(worker, task(items.slice(start, end)))) as unknown[];
      }
    };
    // Two batches queued per worker: it starts the next while its last result travels back.
    await Promise.all(workers.flatMap((worker) => [feed(worker), feed(worker)]));
    return results.flat();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
