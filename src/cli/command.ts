import type { DateTime } from 'luxon';
import { resolveNow } from '../dates/now.js';
import type { OptionSpecs, ParsedArgs } from './args.js';
import type { CliIO } from './io.js';

/** A subcommand of `disclosed`. */
export interface Command {
  /** The word that names it. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line after `disclosed NAME`. */
  usage: string;
  /** Its options. */
  options: OptionSpecs;
  /** How many positional arguments it takes at most. */
  positionals: number;
  /** Runs it; resolves to the exit status. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** The options every command that reads records takes. */
export const RECORD_OPTIONS: OptionSpecs = {
  dir: { type: 'string', placeholder: 'DIR', default: 'incidents', description: 'the folder of record files' },
  now: { type: 'string', placeholder: 'DATE', description: 'the date taken as today (default: SOURCE_DATE_EPOCH, else the clock)' },
};

/** Reads `--now`, or writes why it cannot and returns undefined. */
export function nowFrom(args: ParsedArgs, io: CliIO): DateTime | undefined {
  const now = resolveNow(args.values.now as string | undefined, io.env);
  if (now.ok) return now.now;
  io.stderr.write(`disclosed: ${now.reason}\n`);
  return undefined;
}
