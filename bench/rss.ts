import { isMainThread } from 'node:worker_threads';

// Loaded with --import before the CLI: reports the process's peak resident memory (its worker
// threads included) when it exits, for the benchmark to read. Worker threads load it too (they
// inherit the process's flags), and one that ends before the process (the build's stat thread)
// would report the peak so far: only the main thread reports.
if (isMainThread) {
  process.on('exit', () => {
    process.stderr.write(`\nPEAK_RSS_KIB=${process.resourceUsage().maxRSS}\n`);
  });
}
