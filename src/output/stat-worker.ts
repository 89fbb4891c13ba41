import { statSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { fileUnder } from '../slash-paths.js';

// Takes each file's size and modification time for `statAhead`, then says it is done.
const { root, sitePaths, shared } = workerData as { root: string; sitePaths: string[]; shared: SharedArrayBuffer };
const done = new Int32Array(shared, 0, 1);
const numbers = new Float64Array(shared, 8);
sitePaths.forEach((sitePath, i) => {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(fileUnder(root, sitePath), { throwIfNoEntry: false });
  } catch {
    info = undefined; // A folder on the way replaced by a file, say: not the file the build wrote.
  }
  numbers[2 * i] = info ? info.size : -1;
  numbers[2 * i + 1] = info ? info.mtimeMs : -1;
});
Atomics.store(done, 0, 1);
Atomics.notify(done, 0);
