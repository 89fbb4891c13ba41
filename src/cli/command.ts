import type { DateTime } from 'luxon';
import path from 'node:path';
import { openCache, saveCache } from '../cache/build-cache.js';
import type { Runtime } from '../check-files.js';
import { WorkerPool } from '../parallel/pool.js';
import { Timings } from '../timings.js';
import { ProgressLine } from './progress-line.js';
import { resolveNow } from '../dates/now.js';
import type { OptionSpecs, ParsedArgs } from './args.js';
import type { CliIO } from './io.js';
import { DEFAULT_BASE_URL } from '../build.js';

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
  'no-cache': { type: 'boolean', description: 'neither read nor write the build cache in .cache/' },
  quiet: { type: 'boolean', description: 'no progress line on a terminal' },
};

/**
 * Runs `work` with worker threads and the build cache (`.cache/` in the working directory,
 * unless `--no-cache`), saving the cache and stopping the threads afterwards.
 */
export async function withRuntime<T>(args: ParsedArgs, io: CliIO, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const cache = args.values['no-cache'] === true ? undefined : await openCache(path.join(io.cwd, '.cache'));
  const pool = new WorkerPool();
  // A progress line on a terminal (unless --quiet); phase timings on request.
  const line = io.stderr.isTTY && args.values.quiet !== true ? new ProgressLine((text) => io.stderr.write(text)) : undefined;
  const timings = line || io.env.DISCLOSED_TIMINGS ? new Timings(line && ((phase) => line.phaseDone(phase))) : undefined;
  let result: T;
  try {
    result = await work({ cache, pool, timings, progress: line, collect: io.collect, loading: io.loading, patching: io.patching, found: io.found });
    if (cache) await saveCache(cache).catch(() => undefined);
    timings?.mark('save cache');
  } finally {
    line?.clear();
    await pool.close();
  }
  if (timings && io.env.DISCLOSED_TIMINGS) io.stderr.write(`timings: ${timings}\n`);
  return result;
}

/** Reads `--now`, or writes why it cannot and returns undefined. */
export function nowFrom(args: ParsedArgs, io: CliIO): DateTime | undefined {
  const now = resolveNow(args.values.now as string | undefined, io.env);
  if (now.ok) return now.now;
  io.stderr.write(`disclosed: ${now.reason}\n`);
  return undefined;
}

/** The options of every command that draws pages or reports. */
export const RENDER_OPTIONS: OptionSpecs = {
  'base-url': { type: 'string', placeholder: 'URL', default: DEFAULT_BASE_URL, description: 'the address the site is (or will be) published at' },
  templates: { type: 'string', placeholder: 'DIR', description: 'templates that replace the defaults, file by file' },
  locale: { type: 'string', placeholder: 'LOCALE', default: 'en', description: 'the language dates and numbers are written in' },
};

function supportedLocale(locale: string): boolean {
  // Asking ICU loads its locale data (12 ms of a 0.26 s build with nothing to do): not for the
  // default, which every build of Node has.
  if (locale === RENDER_OPTIONS.locale!.default) return true;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

/** Reads and checks the render options, or says what is wrong and returns undefined. */
export function renderOptionsFrom(command: string, args: ParsedArgs, io: CliIO): { baseUrl: string; locale: string; templates: string | undefined } | undefined {
  const baseUrl = args.values['base-url'] as string;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    io.stderr.write(`disclosed ${command}: --base-url must be an absolute http or https URL, not "${baseUrl}"\n`);
    return undefined;
  }
  const locale = args.values.locale as string;
  if (!supportedLocale(locale)) {
    io.stderr.write(`disclosed ${command}: the locale "${locale}" is not supported\n`);
    return undefined;
  }
  return { baseUrl, locale, templates: args.values.templates as string | undefined };
}
