// The thread that writes a new output tree's files while the main thread draws the next ones.
// Plain file operations, one job at a time, in the order given; see write-thread.ts.
import { closeSync, copyFileSync, fstatSync, linkSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { sameBytes, toBytes } from './files.js';
import type { FlushReply, WriteJob } from './write-thread.js';

const { pending, root } = workerData as { pending: Int32Array; root: string };
const dirs = new Set<string>([root]);
const times = new Map<string, number>();
let failure: FlushReply['failure'];

// Folders are made once each, parent first; one made meanwhile by the main thread is fine.
function ensureDir(dir: string): void {
  if (dirs.has(dir)) return;
  ensureDir(path.dirname(dir));
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  dirs.add(dir);
}

/** Writes a file whole; its modification time. */
function write(file: string, data: Uint8Array): number {
  const fd = openSync(file, 'w');
  try {
    writeFileSync(fd, data);
    return fstatSync(fd).mtimeMs;
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

function run(job: WriteJob): void {
  ensureDir(path.dirname(job.file));
  if (job.op === 'link') linkOrCopy(job.from, job.file);
  else {
    const bytes = toBytes(job.data);
    // When the last build's file holds the same bytes, it is linked rather than written again.
    if (job.previous === undefined || !sameBytes(job.previous, bytes)) return void times.set(job.file, write(job.file, bytes));
    linkOrCopy(job.previous, job.file);
  }
  times.set(job.file, statSync(job.file).mtimeMs);
}

parentPort!.on('message', (message: { jobs: WriteJob[]; weight: number } | { flush: true }) => {
  if ('flush' in message) {
    const reply: FlushReply = { failure, times: [...times] };
    times.clear();
    parentPort!.postMessage(reply);
    return;
  }
  for (const job of message.jobs) {
    if (failure) break;
    try {
      run(job);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      failure = { message: e.message, code: e.code };
    }
  }
  Atomics.sub(pending, 0, message.weight);
  Atomics.notify(pending, 0);
});
