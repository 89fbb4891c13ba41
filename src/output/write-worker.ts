// The thread that writes a build's files (a new output tree's, or a patch's) while the main
// thread draws the next ones.
// Plain file operations, one job at a time, in the order given; see write-thread.ts.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, copyFileSync, fstatSync, linkSync, mkdirSync, openSync, readSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { Gatherer, type Digest, type Gathered, type GatherLayout } from './gather.js';
import { MAX_FILE_BYTES } from '../load/source-file.js';
import path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { matchesWritten, sameBytes, sameFiles, type KeptRange } from './files.js';
import type { Answer, CopyText, FlushReply, Placed, QueuedJob, Question, WriteHow } from './write-thread.js';
import type { WrittenAs } from './swap-dir.js';

const { queued, ring: shared, answered, answers, root } = workerData as { queued: Int32Array; ring: SharedArrayBuffer; answered: Int32Array; answers: MessagePort; root: string };
const ring = Buffer.from(shared);
// The file being gathered, if any (see `WriteThread.gather`).
let gathering: { fd: number; file: Gatherer } | undefined;
// The file being written part by part, if any, and the last build's files it copies from
// (open, and found as that build left them).
let streaming: { fd: number; file: string; how: WriteHow; hash: Hash | undefined; bytes: number; from: Map<string, number> } | undefined;
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

/** A job's bytes, where they lie. */
const bytesOf = (job: Placed) => ('data' in job ? Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength) : ring.subarray(job.at, job.at + job.bytes));

/** Records how a file made at `file` lies on disk. */
function made(file: string): void {
  const info = statSync(file);
  written.set(file, { bytes: info.size, mtimeMs: info.mtimeMs });
}

/** Links `from` at `file` (or copies it), and records how it lies on disk. */
function linkAt(from: string, file: string): void {
  ensureDir(path.dirname(file));
  linkOrCopy(from, file);
  made(file);
}

/**
 * Puts a file's bytes at `file`, unless the last build's copy (`previous`) holds them: then it
 * is linked instead, or in a patch left as it is.
 */
function put(file: string, bytes: Buffer, how: WriteHow): void {
  if (how.previous === undefined || !sameBytes(how.previous, bytes)) {
    ensureDir(path.dirname(file));
    return void written.set(file, write(file, bytes));
  }
  if (!how.patch) linkAt(how.previous, file);
}

/** Starts a file written part by part. */
function begin(file: string, how: WriteHow): void {
  ensureDir(path.dirname(file));
  streaming = { fd: openSync(file, 'w'), file, how, hash: how.digest === undefined ? undefined : createHash('sha256'), bytes: 0, from: new Map() };
}

/** Adds bytes to the file written part by part. */
function append(bytes: Uint8Array): void {
  if (!streaming) throw new Error('a part of no file being written');
  writeFileSync(streaming.fd, bytes);
  streaming.hash?.update(bytes);
  streaming.bytes += bytes.byteLength;
}

/**
 * How much of a kept range is read and written at once, into one buffer for the thread's
 * life: a buffer a read (90 at 10,000 records) waited for the garbage collector, which V8
 * starts for memory outside its heap only after some 64 MB.
 */
const RANGE_READ = 1 << 20;
let rangeBuffer: Buffer | undefined;

/** Adds a stretch of a file of the last build, if that file is still as the build left it. */
function copyRange(range: KeptRange): void {
  if (!streaming) throw new Error('a part of no file being written');
  let fd = streaming.from.get(range.kept);
  if (fd === undefined) {
    fd = openSync(range.kept, 'r');
    streaming.from.set(range.kept, fd);
    if (!matchesWritten(fstatSync(fd), range.written)) throw new Error(`${range.kept} changed while the build was copying from it`);
  }
  const buffer = (rangeBuffer ??= Buffer.allocUnsafe(RANGE_READ));
  for (let at = range.start; at < range.end; ) {
    const read = readSync(fd, buffer, 0, Math.min(RANGE_READ, range.end - at), at);
    if (read === 0) throw new Error(`${range.kept} ended before the build had copied from it`);
    append(buffer.subarray(0, read));
    at += read;
  }
}

/** Ends the file written part by part: kept, or linked or left as the last build's copy (see `put`). */
function end(): void {
  if (!streaming) return;
  const { fd, file, how, hash, bytes, from } = streaming;
  streaming = undefined;
  for (const kept of from.values()) closeSync(kept);
  closeSync(fd);
  if (failure) return;
  if (how.digest !== undefined) digests.push([how.digest, { bytes, sha256: hash!.digest('hex') }]);
  if (how.previous === undefined || !sameFiles(file, how.previous)) return made(file);
  unlinkSync(file);
  if (!how.patch) linkAt(how.previous, file);
}

function run(job: Exclude<QueuedJob, Question | { op: 'end' }>): void {
  switch (job.op) {
    case 'gather':
      return gather(job.file, job.layout);
    case 'begin':
      return begin(job.file, job);
    case 'part':
      return append(bytesOf(job));
    case 'range':
      return copyRange(job);
    case 'link':
      return linkAt(job.from, job.file);
    case 'copy':
      return put(job.file, checkedText(job), job);
    case 'write': {
      const bytes = bytesOf(job);
      if (job.gather) {
        if (!gathering) throw new Error(`${job.file} is a piece of no file being gathered`);
        gathering.file.piece(bytes);
      }
      if (job.digest !== undefined) digests.push([job.digest, { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }]);
      return put(job.file, bytes, job);
    }
  }
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
    // After a failure the rest are not written, but their space is still given back (and a
    // file written part by part is closed).
    if (!failure || job.op === 'end') {
      try {
        if (job.op === 'end') end();
        else run(job);
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
