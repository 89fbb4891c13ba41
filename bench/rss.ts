// Loaded with --import before the CLI: reports the process's peak resident memory (its worker
// threads included) when it exits, for the benchmark to read.
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_KIB=${process.resourceUsage().maxRSS}\n`);
});
