import { access } from 'node:fs/promises';
import path from 'node:path';
import { checkDirectory } from '../../check.js';
import { failsRun } from '../../diagnostics/diagnostic.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatJson, formatSummary, formatText } from '../../diagnostics/format.js';
import { formatGithub, formatPretty, styleFor } from '../../diagnostics/pretty.js';
import { nowFrom, RECORD_OPTIONS, withRuntime, type Command } from '../command.js';
import { EXIT, type CliIO } from '../io.js';

/** Says the records folder is missing, if it is. */
export async function missingDir(dir: string, io: CliIO): Promise<boolean> {
  const ok = await access(path.resolve(io.cwd, dir)).then(() => true, () => false);
  if (!ok) io.stderr.write(`disclosed: the records folder "${dir}" does not exist (set it with --dir)\n`);
  return !ok;
}

/** Problems as a stream should show them: plain lines, or colour and code frames on a terminal. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>, stream: CliIO['stdout'], env: NodeJS.ProcessEnv): string {
  return stream.isTTY ? formatPretty(diagnostics, sources, styleFor(true, env)) : formatText(diagnostics);
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check every record file and report each problem with its position',
  usage: 'validate [--dir incidents] [--format text|json] [--strict] [--now DATE]',
  positionals: 0,
  options: {
    ...RECORD_OPTIONS,
    format: { type: 'string', placeholder: 'FORMAT', default: 'text', choices: ['text', 'json', 'github'], description: 'text (file:line:col lines; colour and code frames on a terminal), json, or github (Actions annotations)' },
    strict: { type: 'boolean', description: 'fail on warnings too' },
  },
  async run(args, io) {
    const now = nowFrom(args, io);
    const dir = args.values.dir as string;
    if (!now || (await missingDir(dir, io))) return EXIT.usage;
    const result = await withRuntime(args, io, (runtime) => checkDirectory({ dir, now, cwd: io.cwd, runtime }));
    if (args.values.format === 'json') io.stdout.write(formatJson(result.diagnostics));
    else if (args.values.format === 'github') io.stdout.write(formatGithub(result.diagnostics));
    else {
      io.stdout.write(printDiagnostics(result.diagnostics, result.sources, io.stdout, io.env));
      io.stderr.write(formatSummary(result.diagnostics, result.fileCount));
    }
    return failsRun(result.diagnostics, args.values.strict === true) ? EXIT.failed : EXIT.ok;
  },
};
