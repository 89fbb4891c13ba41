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
