import { formatOptions, parseCommandArgs } from './args.js';
import type { Command } from './command.js';
import { buildCommand } from './commands/build.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { reportCommand } from './commands/report.js';
import { newCommand } from './commands/new.js';
import { devCommand } from './commands/dev.js';
import { verifyCommand } from './commands/verify.js';
import { EXIT, type CliIO } from './io.js';
import { didYouMean } from '../text/suggest.js';
import { VERSION } from '../version.js';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [validateCommand, buildCommand, devCommand, newCommand, reportCommand, verifyCommand, schemaCommand];


function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: disclosed COMMAND [options]',
    '',
    'Turns incident-disclosure records kept as YAML into a static site and transparency reports.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "disclosed COMMAND --help" for a command\'s options.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return `Usage: disclosed ${c.usage}\n\n${c.summary.charAt(0).toUpperCase()}${c.summary.slice(1)}.\n\nOptions:\n${formatOptions(c.options)}\n`;
}

/** Runs the command line `argv` (without node and script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`disclosed: unknown command "${name}"${didYouMean(name, COMMANDS.map((c) => c.name))}\nRun "disclosed --help" for the list of commands.\n`);
    return EXIT.usage;
  }
  const args = parseCommandArgs(rest, command.options, command.positionals);
  if ('error' in args) {
    io.stderr.write(`disclosed ${command.name}: ${args.error}\nUsage: disclosed ${command.usage}\n`);
    return EXIT.usage;
  }
  if (args.values.help) {
    io.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(args, io);
}
