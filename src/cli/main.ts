#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { useEnvironmentSnapshot } from '../parallel/environment.js';
import { runCli } from './run.js';

useEnvironmentSnapshot();
// A build holds a few hundred MiB of live data and allocates gigabytes around it. V8 lets the
// heap grow to up to four times what is live after each full collection when collecting costs
// little, which took a cold 10,000-record build to 1.6 GiB; at one and a half times it peaks
// near 1 GiB, with no difference in time we could measure. For the command line only.
setFlagsFromString('--heap-growing-percent=50');

// The edge of the program: real streams in, an exit status out. A bug still ends in one line,
// not a stack trace, unless DISCLOSED_DEBUG asks for it.
try {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`disclosed: internal error: ${message}\nThis is a bug in disclosed; please report it with the command you ran.\n`);
  if (process.env.DISCLOSED_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  process.exitCode = 1;
}
