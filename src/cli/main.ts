#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { totalmem } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { useEnvironmentSnapshot } from '../parallel/environment.js';
import { largerHeap, recordFilesToRead } from './heap.js';
import type { FoundFiles } from '../load/discover.js';
import { garbageCollector, growingFreely, HEAP_GROWING_PERCENT, patchingHeap } from './gc.js';
import { COMMANDS, runCli } from './run.js';

useEnvironmentSnapshot();
// V8 lets the heap grow to up to four times what is live after each full collection when
// collecting costs little, which took a cold 10,000-record build to 1.6 GiB (see
// `HEAP_GROWING_PERCENT`). For the command line only.
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

const collect = garbageCollector();
const here = (argv: readonly string[], found?: FoundFiles) =>
  runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), collect, loading: growingFreely, patching: patchingHeap, found });

/**
 * Runs this command line again in a Node whose heap may grow to `mib` MiB, passing signals on,
 * and resolves to its exit status (V8's heap limit is fixed when a process starts). Should
 * that Node not start, the command runs here.
 */
function runWithHeap(mib: number, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${mib}`, process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, DISCLOSED_HEAP: String(mib) },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(here(argv)));
  });
}

// The edge of the program: real streams in, an exit status out. A bug still ends in one line,
// not a stack trace, unless DISCLOSED_DEBUG asks for it.
try {
  const argv = process.argv.slice(2);
  // A dataset too large for V8's default heap (about 4 GiB) runs in a Node with a larger one.
  const found = process.env.DISCLOSED_HEAP ? undefined : await recordFilesToRead(argv, COMMANDS, process.cwd());
  const heap = largerHeap(found?.files.length ?? 0, getHeapStatistics().heap_size_limit, totalmem());
  process.exitCode = heap === undefined ? await here(argv, found) : await runWithHeap(heap, argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`disclosed: internal error: ${message}\nThis is a bug in disclosed; please report it with the command you ran.\n`);
  if (process.env.DISCLOSED_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  process.exitCode = 1;
}
