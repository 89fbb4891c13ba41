import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection on demand, for the command line to make between a build's phases.
 * V8 gives its `gc` function only to contexts made with `--expose-gc`: on the first call the
 * flag is set and a context made to fetch it (a command that never collects makes neither).
 */
export function garbageCollector(): () => void {
  let gc: (() => void) | undefined;
  return () => {
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    gc();
  };
}

/**
 * How far V8 lets the heap grow past what its last full collection found live, in percent, for
 * the command line. A build holds a few hundred MiB of live data and allocates gigabytes
 * around it; at a fifth more than is live, a cold 10,000-record build peaks at 369-384 MiB
 * (417-445 MiB at half as much again, V8's committed heap never shrinking within a build) in
 * the same time: the drawing's garbage dies young, and what is promoted is collected a little
 * more often. (V8's own default lets it grow to up to four times.)
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Runs `load`, whose data all stays live (the build cache's file results), with the heap let
 * grow by as much again as is live, then by a fifth again. At a fifth, V8 collected six times
 * and more while a one-record rebuild read 10,000 records' results, marking what it had just
 * read each time (reading went from 0.6 to 0.45 s, at the same peak: the limit is set again at
 * the next full collection, from what is live then).
 */
export async function growingFreely<T>(load: () => Promise<T>): Promise<T> {
  setFlagsFromString('--heap-growing-percent=100');
  try {
    return await load();
  } finally {
    setFlagsFromString(`--heap-growing-percent=${growing}`);
  }
}

// How far the heap may grow now, outside a load (see `patchingHeap`).
let growing = HEAP_GROWING_PERCENT;

/**
 * How far the heap may grow past what is live, in percent, once a build is likely to patch the
 * last one's output (a one-record rebuild): it holds less than a cold build, and at a fifth it
 * collected fully four times while reading the cache and the records, and again while saving
 * the cache, its last step. At two fifths, a one-record rebuild at 10,000 records took 0.08 s
 * less and peaked 10 MiB higher (360-375 MiB).
 */
export const PATCHING_GROWING_PERCENT = 40;

/** Lets the heap grow further between full collections from now on (see `PATCHING_GROWING_PERCENT`). */
export function patchingHeap(): void {
  growing = PATCHING_GROWING_PERCENT;
  setFlagsFromString(`--heap-growing-percent=${growing}`);
}
