import { runCli } from '../../src/cli/run.js';
import type { FoundFiles } from '../../src/load/discover.js';

/** What a CLI run printed and how it ended. */
export interface CliRun {
  /** The exit status. */
  code: number;
  /** Everything written to standard output. */
  stdout: string;
  /** Everything written to standard error. */
  stderr: string;
}

/** Runs `disclosed ARGS` in-process with captured streams. */
export async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean; found?: FoundFiles } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty === true },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty === true },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    found: options.found,
  });
  return { code, stdout, stderr };
}
