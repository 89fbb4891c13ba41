import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts one of this tool's threads. A thread takes none of the process's Node options: it
 * runs this tool's own modules and needs none, and some break it. A program run as
 * `node --input-type=module -e ...` (or with its code on standard input) handed that option
 * to every thread, whose module then failed to load (`ERR_INPUT_TYPE_NOT_ALLOWED`): the
 * build waited two minutes on the writer thread, then gave up with "no progress". Babel's
 * register hook met the same (babel/babel#18131); Node's documentation advises as much for
 * threads started by preloaded code.
 */
export function startThread(module: URL, options: WorkerOptions = {}): Worker {
  return new Worker(module, { ...options, execArgv: [] });
}
