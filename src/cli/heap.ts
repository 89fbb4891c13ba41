import path from 'node:path';
import { discoverRecordFiles, type FoundFiles } from '../load/discover.js';
import { parseCommandArgs } from './args.js';
import type { Command } from './command.js';

/**
 * What a cold build may keep live at its peak, per record, with room to spare: measured at
 * 10,000 records, about 44 KB until the timelines were drawn year by year, about 23 KB then,
 * and about 14 KB since the files' texts stay on disk (not lowered: a 100,000-record build was
 * not measured in V8's default heap).
 */
const BYTES_PER_RECORD = 48 * 1024;

/**
 * The heap (in MiB) to run a command over `records` records in, when V8's limit (`limitBytes`:
 * about 4 GiB by default, whatever the machine holds) is too small for them and the machine
 * (`totalBytes` of memory) can give more; otherwise undefined. At 100,000 records a cold
 * build needs some 5 GiB.
 */
export function largerHeap(records: number, limitBytes: number, totalBytes: number): number | undefined {
  const needed = records * BYTES_PER_RECORD * 1.25;
  if (needed <= limitBytes) return undefined;
  const wanted = Math.min(totalBytes * 0.75, needed * 2);
  return wanted > limitBytes ? Math.floor(wanted / 2 ** 20) : undefined;
}

/**
 * The record files the command line `argv` will read, listed: none for a command that reads
 * none, or a folder that cannot be listed (the command says so). The command is handed them.
 */
export async function recordFilesToRead(argv: readonly string[], commands: readonly Command[], cwd: string): Promise<FoundFiles | undefined> {
  const command = commands.find((c) => c.name === argv[0]);
  if (!command || !('dir' in command.options)) return undefined;
  const args = parseCommandArgs(argv.slice(1), command.options, command.positionals);
  if ('error' in args || args.values.help) return undefined;
  const dir = path.resolve(cwd, typeof args.values.dir === 'string' ? args.values.dir : 'incidents');
  return discoverRecordFiles(dir).then((files) => ({ dir, files }), () => undefined);
}
