import { buildSite, DEFAULT_BASE_URL } from '../../build.js';
import { formatSummary } from '../../diagnostics/format.js';
import { nowFrom, RECORD_OPTIONS, withRuntime, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { missingDir, printDiagnostics } from './validate.js';

function supportedLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'validate the records and write the site into the output folder',
  usage: 'build [--dir incidents] [--out out] [--base-url URL] [--templates DIR] [--locale en] [--now DATE]',
  positionals: 0,
  options: {
    ...RECORD_OPTIONS,
    out: { type: 'string', placeholder: 'DIR', default: 'out', description: 'the output folder, replaced only when the build succeeds' },
    'base-url': { type: 'string', placeholder: 'URL', default: DEFAULT_BASE_URL, description: 'the address the site is published at' },
    templates: { type: 'string', placeholder: 'DIR', description: 'templates that replace the defaults, file by file' },
    locale: { type: 'string', placeholder: 'LOCALE', default: 'en', description: 'the language dates and numbers are written in' },
  },
  async run(args, io) {
    const now = nowFrom(args, io);
    const dir = args.values.dir as string;
    if (!now || (await missingDir(dir, io))) return EXIT.usage;
    const out = args.values.out as string;
    const baseUrl = args.values['base-url'] as string;
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
      io.stderr.write(`disclosed build: --base-url must be an absolute http or https URL, not "${baseUrl}"\n`);
      return EXIT.usage;
    }
    const locale = args.values.locale as string;
    if (!supportedLocale(locale)) {
      io.stderr.write(`disclosed build: the locale "${locale}" is not supported\n`);
      return EXIT.usage;
    }
    const result = await withRuntime(args, io, (runtime) => buildSite({ dir, out, now, cwd: io.cwd, baseUrl, locale, templates: args.values.templates as string | undefined, runtime }));
    if (!result.ok && result.error !== undefined) {
      io.stderr.write(`disclosed build: template error: ${result.error}\nbuild stopped; ${out}/ was left as it was\n`);
      return EXIT.failed;
    }
    if (!result.ok) {
      io.stderr.write(printDiagnostics(result.diagnostics, result.sources, io.stderr, io.env));
      io.stderr.write(`build stopped: ${formatSummary(result.diagnostics, new Set(result.diagnostics.map((d) => d.file)).size).trim()} with problems; ${out}/ was left as it was\n`);
      return EXIT.failed;
    }
    io.stderr.write(result.upToDate ? `${out}/ is up to date (${result.records} records; nothing changed since the last build)\n` : `built ${result.records} records into ${out}/ (${result.files} files)\n`);
    return EXIT.ok;
  },
};
