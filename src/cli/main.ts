#!/usr/bin/env node
import { useEnvironmentSnapshot } from '../parallel/environment.js';
import { runCli } from './run.js';

useEnvironmentSnapshot();

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
