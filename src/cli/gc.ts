import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection on demand, for the command line to make between a build's phases.
 * V8 gives its `gc` function only to contexts made with `--expose-gc`: the flag is set, and
 * a context made to fetch it.
 */
export function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
