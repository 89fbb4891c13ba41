// The thread that writes a new output tree's files while the main thread draws the next ones.
// Plain file operations, one job at a time, in the order given; see write-thread.ts.
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, fstatSync, linkSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { Gatherer, type Digest, type Gathered, type GatherLayout } from './gather.js';
import { MAX_FILE_BYTES } from '../load/source-file.js';
import path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { sameBytes } from './files.js';
import type { Answer, CopyText, FlushReply, QueuedJob, Question } from './write-thread.js';
import type { WrittenAs } from './swap-dir.js';

const { queued, ring: shared, answered, answers, root } = workerData as { queued: Int32Array; ring: SharedArrayBuffer; answered: Int32Array; answers: MessagePort; root: string };
const ring = Buffer.from(shared);
// The file being gathered, if any (see `WriteThread.gather`).
let gathering: { fd: number; file: Gatherer } | undefined;
// The digests of files written with `digest`, until asked for.
let digests: Array<[string, Digest]> = [];
const dirs = new Set<string>([root]);
const written = new Map<string, WrittenAs>();
let failure: FlushReply['failure'];

// Folders are made once each, parent first; one made meanwhile by the main thread is fine.
function ensureDir(dir: string): void {
  if (dirs.has(dir)) return;
  // A root ('/', '.') is its own parent.
  const parent = path.dirname(dir);
  if (parent !== dir) ensureDir(parent);
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  dirs.add(dir);
}

/** Writes a file whole; its size and modification time. */
function write(file: string, data: Uint8Array): WrittenAs {
  const fd = openSync(file, 'w');
  try {
    writeFileSync(fd, data);
    return { bytes: data.byteLength, mtimeMs: fstatSync(fd).mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** Links `from` at `to`, or copies it where links are not allowed. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** A record file's text still as checked: `FileChanged` names the file in the failure. */
class Changed extends Error {
  constructor(readonly display: string) {
    super(`${display} changed`);
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// One buffer for every record file copied (the format caps them at 1 MiB): a buffer each
// (46 MB at 10,000 records) waited for this thread's garbage collector.
const record = Buffer.allocUnsafe(MAX_FILE_BYTES + BOM.byteLength);

/** The text of a record file, as bytes, if it is still the text checked (see `CopyText`). */
function checkedText(job: CopyText): Buffer {
  let data: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(job.from, 'r');
    const size = fstatSync(fd).size;
    if (size > record.byteLength) throw new Changed(job.display);
    let filled = 0;
    for (let n = -1; n !== 0 && filled < size; filled += n) n = readSync(fd, record, filled, size - filled, filled);
    data = record.subarray(0, filled);
  } catch {
    throw new Changed(job.display);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const text = data.byteLength === job.bytes + BOM.byteLength && data.subarray(0, BOM.byteLength).equals(BOM) ? data.subarray(BOM.byteLength) : data;
  if (text.byteLength !== job.bytes || createHash('sha256').update(text).digest('base64url') !== job.hash) throw new Changed(job.display);
  return text;
}

/** Starts gathering a file: it is written as its pieces come. */
function gather(file: string, layout: GatherLayout): void {
  ensureDir(path.dirname(file));
  const fd = openSync(file, 'w');
  gathering = { fd, file: new Gatherer(layout, (bytes) => writeFileSync(fd, bytes)) };
}

/** Ends the file being gathered: what it came to, or null when it failed. */
function endGathering(): Gathered | null {
  try {
    return !failure && gathering ? gathering.file.end() : null;
  } catch (error) {
    failure = { message: `the file gathered could not be made: ${(error as Error).message}` };
    return null;
  } finally {
    if (gathering) closeSync(gathering.fd);
    gathering = undefined;
  }
}

/** Answers the main thread, which waits for it (see `WriteThread.ask`). */
function answer(question: Question): void {
  let reply: Answer;
  if (question.op === 'gathered') reply = endGathering();
  else {
    reply = digests;
    digests = [];
  }
  answers.postMessage(reply);
  // Counted after it is posted: the main thread reads it as soon as it sees the count.
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
}

function run(job: Exclude<QueuedJob, Question>): void {
  if (job.op === 'gather') return gather(job.file, job.layout);
  ensureDir(path.dirname(job.file));
  if (job.op === 'link') linkOrCopy(job.from, job.file);
  else {
    const bytes = job.op === 'copy' ? checkedText(job) : 'data' in job ? Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength) : ring.subarray(job.at, job.at + job.bytes);
    if (job.op === 'write' && job.gather) {
      if (!gathering) throw new Error(`${job.file} is a piece of no file being gathered`);
      gathering.file.piece(bytes);
    }
    if (job.op === 'write' && job.digest) digests.push([job.file, { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }]);
    // When the last build's file holds the same bytes, it is linked rather than written again.
    if (job.previous === undefined || !sameBytes(job.previous, bytes)) return void written.set(job.file, write(job.file, bytes));
    linkOrCopy(job.previous, job.file);
  }
  const info = statSync(job.file);
  written.set(job.file, { bytes: info.size, mtimeMs: info.mtimeMs });
}

parentPort!.on('message', (message: { jobs: QueuedJob[] } | { flush: true }) => {
  if ('flush' in message) {
    const reply: FlushReply = { failure, written: [...written] };
    written.clear();
    parentPort!.postMessage(reply);
    return;
  }
  for (const job of message.jobs) {
    // The main thread waits for an answer, failure or not.
    if (job.op === 'gathered' || job.op === 'digests') {
      answer(job);
      continue;
    }
    // After a failure the rest are not written, but their space is still given back.
    if (!failure) {
      try {
        run(job);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        failure = { message: e.message, code: e.code, ...(error instanceof Changed ? { changed: error.display } : {}) };
      }
    }
    // Each file's space is given back as soon as it is written, for the next to be drawn into.
    if (job.release > 0) {
      Atomics.sub(queued, 0, job.release);
      Atomics.notify(queued, 0);
    }
  }
});
