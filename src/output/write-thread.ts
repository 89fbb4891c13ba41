import { Worker } from 'node:worker_threads';

/**
 * One file operation for the write thread: write `data` at `file` (or, when `previous` holds the
 * same bytes, link that instead), or link an existing file at `file`.
 */
export type WriteJob =
  | { op: 'write'; file: string; data: string | Uint8Array; previous?: string }
  | { op: 'link'; file: string; from: string };

/** The thread's answer to a flush: the first failure, if any, and each file's modification time. */
export interface FlushReply {
  failure: { message: string; code?: string } | undefined;
  times: Array<[file: string, mtimeMs: number]>;
}

/** How much may wait in the thread's queue (in characters, roughly bytes) before `add` waits. */
const IN_FLIGHT = 8 << 20;
/** Jobs travel in batches: a message per file would cost more than some of the writes. */
const BATCH_JOBS = 64;
const BATCH_WEIGHT = 1 << 20;
/** How long `add` waits for a thread that makes no progress before giving up. */
const STALLED_MS = 120_000;

/**
 * Writes files on a thread of their own, so that on a machine with a spare core the disk's work
 * (creating tens of thousands of files costs more in the kernel than drawing them) runs beside
 * the drawing rather than after each page. Jobs run in the order given. `add` never waits unless
 * the thread is far behind, which bounds the memory held by queued files.
 */
export class WriteThread {
  // Characters queued and not yet written, shared with the thread.
  private readonly pending = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;
  private crashed: Error | undefined;
  private batch: WriteJob[] = [];
  private weight = 0;

  /** Starts the thread for files under `root` (a folder that exists). */
  constructor(root: string) {
    this.worker = new Worker(new URL('./write-worker.js', import.meta.url), { workerData: { pending: this.pending, root } });
    this.worker.on('error', (error) => (this.crashed = error));
    // Only a flush keeps the process alive for the thread.
    this.worker.unref();
  }

  /** Queues one job. */
  add(job: WriteJob): void {
    this.batch.push(job);
    this.weight += 256 + (job.op === 'write' ? job.data.length : 0);
    if (this.batch.length >= BATCH_JOBS || this.weight >= BATCH_WEIGHT) this.post();
  }

  private post(): void {
    if (this.batch.length === 0) return;
    let waited = 0;
    for (let queued = Atomics.load(this.pending, 0); queued > IN_FLIGHT; queued = Atomics.load(this.pending, 0)) {
      if (this.crashed || waited >= STALLED_MS) throw new Error(`the output writer stopped: ${this.crashed?.message ?? 'no progress'}`);
      waited = Atomics.wait(this.pending, 0, queued, 1000) === 'timed-out' ? waited + 1000 : 0;
    }
    Atomics.add(this.pending, 0, this.weight);
    this.worker.postMessage({ jobs: this.batch, weight: this.weight });
    this.batch = [];
    this.weight = 0;
  }

  /**
   * Waits until every job queued so far is done. Resolves to the modification time of each file
   * made since the last flush; rejects with the first failure (as Node's fs error would read).
   */
  async flush(): Promise<Map<string, number>> {
    this.post();
    this.worker.ref();
    try {
      const reply = await new Promise<FlushReply>((resolve, reject) => {
        if (this.crashed) return reject(this.crashed);
        this.worker.once('message', resolve);
        this.worker.once('error', reject);
        this.worker.postMessage({ flush: true });
      });
      if (reply.failure) throw Object.assign(new Error(reply.failure.message), { code: reply.failure.code });
      return new Map(reply.times);
    } finally {
      this.worker.unref();
    }
  }

  /** Stops the thread (after a flush, or to abandon what is queued). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
