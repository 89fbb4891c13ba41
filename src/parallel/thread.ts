import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts one of this tool's threads (a module, or code with `eval`). A thread takes none of
 * the process's Node options: it runs this tool's own modules and needs none, and some break
 * it. A program run as `node --input-type=module -e ...` (or with its code on standard input)
 * handed that option to every thread, whose module then failed to load
 * (`ERR_INPUT_TYPE_NOT_ALLOWED`): the build waited two minutes on the writer thread, then gave
 * up with "no progress". Babel's register hook met the same (babel/babel#18131); Node's
 * documentation advises as much for threads started by preloaded code.
 */
export function startThread(module: URL | string, options: WorkerOptions = {}): Worker {
  return new Worker(module, { ...options, execArgv: [] });
}

/** How many bytes of a stopped thread's reason are kept (see `startWatchedThread`). */
const REASON_BYTES = 1024;

/**
 * Runs in the new thread before its module: if the module fails to load, or the thread throws
 * anywhere later, it writes why into the shared buffer, marks it stopped and wakes whoever
 * waits on the cells given. CommonJS, with nothing to load but Node's own modules, so that it
 * runs whatever the module's state.
 */
const WATCHED = `
const { workerData } = require('node:worker_threads');
const { module, state, wake } = workerData.watch;
process.on('uncaughtExceptionMonitor', (error) => {
  const reason = new Uint8Array(state.buffer, 4);
  const { written } = new TextEncoder().encodeInto(String(error && error.message || error), reason.subarray(0, reason.length - 1));
  reason[written] = 0;
  Atomics.store(state, 0, 1);
  for (const cell of wake) Atomics.notify(cell, 0);
});
import(module);
`;

/** A thread started by `startWatchedThread`. */
export interface WatchedThread {
  worker: Worker;
  /** Why the thread stopped (its module failed to load, or it threw), once it has; else undefined. */
  stopped(): string | undefined;
}

/**
 * Starts a thread that another waits on synchronously (with `Atomics.wait` on the cells in
 * `wake`): a Worker's "error" event reaches its parent only through the event loop, which such
 * a wait does not return to, so a thread that failed was noticed only when the wait timed out
 * (two minutes for the writer). This one says so in shared memory, and wakes the waiters.
 * `options.workerData` (an object) is given to the module as it is.
 */
export function startWatchedThread(module: URL, options: WorkerOptions & { workerData: object }, wake: readonly Int32Array[]): WatchedThread {
  const state = new Int32Array(new SharedArrayBuffer(4 + REASON_BYTES));
  const worker = startThread(WATCHED, { ...options, eval: true, workerData: { ...options.workerData, watch: { module: module.href, state, wake } } });
  return {
    worker,
    stopped() {
      if (Atomics.load(state, 0) === 0) return undefined;
      const reason = new Uint8Array(state.buffer, 4);
      return new TextDecoder().decode(reason.subarray(0, reason.indexOf(0)));
    },
  };
}
