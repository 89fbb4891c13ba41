import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runTask, type Task, type TaskResult } from './tasks.js';

/** Below this many items a batch runs on the main thread: starting workers costs more. */
const PARALLEL_THRESHOLD = 400;

/**
 * Each worker is sent this many batches in all, one at a time as it finishes the last: a
 * worker that drew the slower records does not leave the other idle at the end, as one half
 * each did (workers sat idle some 9% of a 10,000-record check).
 */
const BATCHES_PER_WORKER = 8;

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

  private start(): Worker[] {
    if (this.workers.length === 0) {
      for (let i = 0; i < this.size; i++) {
        const worker = new Worker(new URL('./worker.js', import.meta.url));
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

  /** Checks files, in parallel when there are enough of them. */
  async check(sources: Task & { kind: 'check' }): Promise<TaskResult<typeof sources>> {
    return this.split(sources.sources, (part) => ({ ...sources, sources: part })) as Promise<TaskResult<typeof sources>>;
  }

  /** Renders Markdown texts, in parallel when there are enough of them. */
  async markdown(texts: string[]): Promise<string[]> {
    return this.split(texts, (part) => ({ kind: 'markdown', texts: part })) as Promise<string[]>;
  }

  private async split<I>(items: I[], task: (part: I[]) => Task): Promise<unknown[]> {
    if (items.length < PARALLEL_THRESHOLD || this.size < 2) return runTask(task(items));
    const workers = this.start();
    const size = Math.ceil(items.length / (workers.length * BATCHES_PER_WORKER));
    const results: unknown[][] = [];
    let next = 0;
    const feed = async (worker: Worker): Promise<void> => {
      while (next * size < items.length) {
        const i = next++;
        results[i] = (await this.send(worker, task(items.slice(i * size, (i + 1) * size)))) as unknown[];
      }
    };
    await Promise.all(workers.map(feed));
    return results.flat();
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
