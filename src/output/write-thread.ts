import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWatchedThread, type WatchedThread } from '../parallel/thread.js';
import { FileChanged, isTextOnDisk } from '../load/text-on-disk.js';
import { Chunks, isKeptRange, isParts, type Content, type KeptRange } from './files.js';
import type { WrittenAs } from './swap-dir.js';
import type { Digest, Gathered, GatherLayout } from './gather.js';

/**
 * How a file is to be written. `previous` is the last build's copy of it: when that holds the
 * same bytes, it is linked in place of the file, or with `patch` (a folder patched in place,
 * where `previous` is the file itself) the file is not written at all and the flush does not
 * list it. A file with `gather` is also the next piece of the file being gathered (see
 * `WriteThread.gather`); one with `digest` is hashed, its digest told under that name (see
 * `digests`).
 */
export interface WriteHow {
  previous?: string;
  patch?: boolean;
  gather?: boolean;
  digest?: string;
}

/**
 * One file operation for the write thread: write `data` at `file`, link an existing file at
 * `file`, or copy a record file's text (see `CopyText`). A file too large to hold whole is
 * written as `begin`, its parts (bytes, or stretches of the last build's files) in turn, and
 * `end`.
 */
export type WriteJob =
  | ({ op: 'write'; file: string; data: string | Uint8Array } & WriteHow)
  | ({ op: 'begin'; file: string } & Omit<WriteHow, 'gather'>)
  | { op: 'part'; data: Uint8Array }
  | ({ op: 'range' } & KeptRange)
  | { op: 'end' }
  | { op: 'link'; file: string; from: string }
  | CopyText;

/**
 * Writes at `file` the text of the record file `from`, if it still holds the text a build
 * checked: `bytes` long after any byte-order mark, with the SHA-256 `hash` (base64url). A file
 * that no longer does fails the build as `FileChanged` (naming `display`). Copied on the
 * thread, a cold build's 10,000 record downloads cost this thread no reading, decoding or
 * hashing (0.6 s when it read each file again).
 */
export interface CopyText extends Pick<WriteHow, 'previous' | 'patch'> {
  op: 'copy';
  file: string;
  from: string;
  display: string;
  bytes: number;
  hash: string;
}

/** Where a job's bytes are: in the shared ring (`at`, `bytes`), or with the job when too large for it. */
export type Placed = { at: number; bytes: number } | { data: Uint8Array };

/**
 * A job as the thread receives it, its bytes placed. `release` is what the job frees of the
 * queue once done: its bytes, and the end of the ring it skipped to start at its beginning.
 */
export type QueuedJob = (
  | ({ op: 'write'; file: string } & WriteHow & Placed)
  | ({ op: 'part' } & Placed)
  | Exclude<WriteJob, { op: 'write' } | { op: 'part' }>
  | { op: 'gather'; file: string; layout: GatherLayout }
  | Question
) & { release: number };

/**
 * What the main thread asks and waits for (see `WriteThread.ask`): what the file being gathered
 * came to (null when the thread failed), or the digests of the files written with `digest`
 * since the last time they were asked for.
 */
export type Question = { op: 'gathered' } | { op: 'digests' };
export type Answer = Gathered | null | Array<[name: string, digest: Digest]>;

/**
 * The thread's answer to a flush: the first failure, if any, and the size and modification
 * time of each file made (not of a patch's files left as they were, see `WriteHow.patch`).
 */
export interface FlushReply {
  /** `changed` names a record file that no longer held its text (see `CopyText`). */
  failure: { message: string; code?: string; changed?: string } | undefined;
  written: Array<[file: string, as: WrittenAs]>;
}

/**
 * The ring the files' bytes travel in, and the most that may wait to be written: `add` waits
 * only when the thread is this far behind. With 16 MiB, cold builds at 10,000 records peaked
 * some 10 MiB higher (380 to 397 MiB against 377 to 388 MiB, five each) in the same time.
 */
export const RING_BYTES = 8 << 20;
/** A file larger than this travels with its job rather than in the ring. */
const IN_RING = RING_BYTES / 4;
/** Jobs travel in batches: a message per file would cost more than some of the writes. */
const BATCH_JOBS = 64;
const BATCH_BYTES = 1 << 20;
/** How long `add` waits for a thread that makes no progress before giving up. */
const STALLED_MS = 120_000;
const encoder = new TextEncoder();

/**
 * Writes files on a thread of their own, so that on a machine with a spare core the disk's work
 * (creating tens of thousands of files costs more in the kernel than drawing them) runs beside
 * the drawing rather than after each page. Jobs run in the order given. `add` never waits unless
 * the thread is far behind, which bounds the memory held by queued files.
 *
 * A file's text is written as UTF-8 straight into a ring of memory shared with the thread, and
 * only its place in the ring is posted. Posting the texts themselves (copied out of this
 * thread's heap and into the thread's, then encoded there) took this thread 2 s of a cold
 * 10,000-record build, for 880 MB of pages; encoding them into the ring takes about 0.2 s.
 */
export class WriteThread {
  // Bytes queued and not yet written, shared with the thread.
  private readonly queued = new Int32Array(new SharedArrayBuffer(4));
  private readonly ring = Buffer.from(new SharedArrayBuffer(RING_BYTES));
  // How many questions the thread has answered, shared with it; each answer is a message on
  // a port of its own, read without returning to the event loop.
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private readonly answers: MessagePort;
  private asked = 0;
  private readonly worker: Worker;
  // Why the thread stopped, once it has (see `startWatchedThread`).
  private readonly stopped: WatchedThread['stopped'];
  private crashed: Error | undefined;
  private batch: QueuedJob[] = [];
  private batchBytes = 0;
  // Where the next file's bytes go in the ring.
  private head = 0;

  /** Starts the thread for files under `root` (a folder that exists); `module` is the thread's code (tests give another). */
  constructor(root: string, module = new URL('./write-worker.js', import.meta.url)) {
    const channel = new MessageChannel();
    this.answers = channel.port1;
    // Watched: this thread waits for it synchronously (see `reserve` and `ask`).
    ({ worker: this.worker, stopped: this.stopped } = startWatchedThread(
      module,
      {
        workerData: { queued: this.queued, ring: this.ring.buffer, answered: this.answered, answers: channel.port2, root },
        transferList: [channel.port2],
        // The thread keeps nothing: a young generation of V8's default size (tens of MiB, which
        // it filled with spent messages) only added to a build's peak memory.
        resourceLimits: { maxYoungGenerationSizeMb: 2 },
      },
      [this.queued, this.answered],
    ));
    this.worker.on('error', (error) => (this.crashed = error));
    // Only a flush keeps the process alive for the thread.
    this.worker.unref();
  }

  /** Queues one job. */
  add(job: WriteJob): void {
    if (job.op !== 'write' && job.op !== 'part') return this.queue({ ...job, release: 0 }, 0);
    const { data, ...rest } = job;
    const placed = typeof data === 'string' ? this.encodeInPlace(data) : undefined;
    if (placed) return this.queue({ ...rest, ...placed, release: placed.bytes }, placed.bytes);
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (bytes > IN_RING) {
      this.reserve(bytes);
      return this.queue({ ...rest, data: typeof data === 'string' ? Buffer.from(data) : data, release: bytes }, bytes);
    }
    // A file's bytes are never split: one that would pass the ring's end starts at its beginning.
    const wraps = this.head + bytes > RING_BYTES;
    const skip = wraps ? RING_BYTES - this.head : 0;
    const at = wraps ? 0 : this.head;
    this.reserve(skip + bytes);
    if (typeof data === 'string') this.ring.write(data, at, bytes, 'utf8');
    else this.ring.set(data, at);
    // Always short of the end: a file that ends there leaves the next to start at the beginning.
    this.head = (at + bytes) % RING_BYTES;
    this.queue({ ...rest, at, bytes, release: skip + bytes }, bytes);
  }

  /**
   * Queues a file whatever its content: whole, a record file's text left on disk, or parts.
   * Parts go through the ring a megabyte at a time, never held whole, and stretches of the
   * last build's files are copied by the thread: read, written, compared and hashed here,
   * `records.json` and `events.csv` took a one-record rebuild's main thread 0.3 s at 10,000
   * records.
   */
  file(file: string, content: Content, how: WriteHow = {}): void {
    if (isTextOnDisk(content)) return this.add({ op: 'copy', file, from: content.file, display: content.display, bytes: content.bytes, hash: content.hash, previous: how.previous, patch: how.patch });
    if (!isParts(content)) return this.add({ op: 'write', file, data: content, ...how });
    const { gather, ...rest } = how;
    if (gather) throw new Error(`${file} is given in parts and cannot be a piece of a file gathered`);
    this.add({ op: 'begin', file, ...rest });
    // Parts go in chunks of a megabyte (`records.json` comes as two parts a record: a write
    // each took 0.2 s of a one-record rebuild). A chunk is smaller than a file that travels
    // with its job, so each is copied into the ring before Chunks fills its buffer again.
    const chunks = new Chunks((data) => this.add({ op: 'part', data }));
    for (const part of content) {
      if (typeof part === 'string') chunks.text(part);
      else if (!isKeptRange(part)) chunks.bytes(part);
      else {
        // Copied by the thread, never read here.
        chunks.flush();
        this.add({ op: 'range', kept: part.kept, start: part.start, end: part.end, written: part.written });
      }
    }
    chunks.flush();
    this.add({ op: 'end' });
  }

  /**
   * Starts a file made of pieces of the files written next with `gather` (one at a time):
   * `records.json` of the records' JSON files, whose bytes are in the ring already. Made by the
   * build itself, each record's JSON was made a second time, then encoded and hashed (1.1 s of
   * a cold 10,000-record build's main thread).
   */
  gather(file: string, layout: GatherLayout): void {
    this.queue({ op: 'gather', file, layout, release: 0 }, 0);
  }

  /**
   * Ends the file being gathered, waiting for the thread to write it: what it came to, or
   * undefined when the thread failed (the failure is the flush's to report).
   */
  gathered(): Gathered | undefined {
    return (this.ask({ op: 'gathered' }) as Gathered | null) ?? undefined;
  }

  /**
   * The size and SHA-256 of each file written with `digest` since the last call, by its name,
   * waiting for the thread to write them: hashed there, as they are written, rather than
   * encoded and hashed again here (the downloads of a cold 10,000-record build, some 0.25 s).
   * Files missing were not written: the flush reports why.
   */
  digests(): Map<string, Digest> {
    return new Map(this.ask({ op: 'digests' }) as Array<[string, Digest]>);
  }

  /**
   * Asks the thread a question once every job queued before it is done, and waits for the
   * answer (as `reserve` waits for room in the ring): for what a build must know before it
   * goes on, such as the manifest's hashes.
   */
  private ask(question: Question): Answer {
    this.queue({ ...question, release: 0 }, 0);
    this.post();
    const expected = ++this.asked;
    for (let waited = 0, answered = Atomics.load(this.answered, 0); answered < expected; answered = Atomics.load(this.answered, 0)) {
      this.checkRunning(waited);
      waited = Atomics.wait(this.answered, 0, answered, 1000) === 'timed-out' ? waited + 1000 : 0;
    }
    return receiveMessageOnPort(this.answers)!.message as Answer;
  }

  /**
   * Encodes a text straight into the free space after `head`, if it fits there whole: where
   * its bytes lie, counted queued, or undefined (nothing queued) when it does not fit. Measuring
   * a text's UTF-8 length first, as the general path must, reads it once more (some 0.15 s for
   * 200 MB of pages alone; a cold 10,000-record build writes 880 MB).
   */
  private encodeInPlace(text: string): { at: number; bytes: number } | undefined {
    const queued = Atomics.load(this.queued, 0);
    // Nothing queued: the whole ring is free, from its start. (Only this thread adds to it.)
    if (queued === 0) this.head = 0;
    // A text takes at least a byte a character; the thread only ever frees more room.
    if (queued + text.length > RING_BYTES) return undefined;
    // What is queued is the stretch of the ring that ends at `head`: the room after `head` runs
    // up to that stretch's start, or to the ring's end. A file larger than a quarter of the
    // ring travels with its job.
    const at = this.head;
    const start = at - queued;
    const room = Math.min(start >= 0 ? RING_BYTES - at : start + RING_BYTES - at, IN_RING);
    const { read, written } = encoder.encodeInto(text, this.ring.subarray(at, at + room));
    if (read < text.length) return undefined;
    Atomics.add(this.queued, 0, written);
    this.head = (at + written) % RING_BYTES;
    return { at, bytes: written };
  }

  private queue(job: QueuedJob, bytes: number): void {
    this.batch.push(job);
    this.batchBytes += bytes;
    if (this.batch.length >= BATCH_JOBS || this.batchBytes >= BATCH_BYTES) this.post();
  }

  /**
   * Waits until `bytes` more may be queued, then counts them queued. With what is queued always
   * a stretch of the ring from its oldest job to `head`, the next `bytes` after `head` are free.
   */
  private reserve(bytes: number): void {
    // The thread frees space only for jobs it has been sent.
    if (Atomics.load(this.queued, 0) + bytes > RING_BYTES) this.post();
    let waited = 0;
    // A file larger than the ring waits for an empty queue.
    for (let queued = Atomics.load(this.queued, 0); queued > 0 && queued + bytes > RING_BYTES; queued = Atomics.load(this.queued, 0)) {
      this.checkRunning(waited);
      waited = Atomics.wait(this.queued, 0, queued, 1000) === 'timed-out' ? waited + 1000 : 0;
    }
    Atomics.add(this.queued, 0, bytes);
  }

  /** Throws if the thread has stopped (it says so at once: see `startWatchedThread`), or made no progress for `STALLED_MS`. */
  private checkRunning(waited: number): void {
    const stopped = this.crashed?.message ?? this.stopped();
    if (stopped !== undefined || waited >= STALLED_MS) throw new Error(`the output writer stopped: ${stopped ?? 'no progress'}`);
  }

  private post(): void {
    if (this.batch.length === 0) return;
    this.worker.postMessage({ jobs: this.batch });
    this.batch = [];
    this.batchBytes = 0;
  }

  /**
   * Waits until every job queued so far is done. Resolves to the size and modification time of each file
   * made since the last flush; rejects with the first failure (as Node's fs error would read).
   */
  async flush(): Promise<Map<string, WrittenAs>> {
    this.post();
    this.worker.ref();
    try {
      const reply = await new Promise<FlushReply>((resolve, reject) => {
        if (this.crashed) return reject(this.crashed);
        this.worker.once('message', resolve);
        this.worker.once('error', reject);
        this.worker.postMessage({ flush: true });
      });
      if (reply.failure?.changed !== undefined) throw new FileChanged(reply.failure.changed);
      if (reply.failure) throw Object.assign(new Error(reply.failure.message), { code: reply.failure.code });
      return new Map(reply.written);
    } finally {
      this.worker.unref();
    }
  }

  /** Stops the thread (after a flush, or to abandon what is queued). */
  async close(): Promise<void> {
    this.answers.close();
    await this.worker.terminate();
  }
}
