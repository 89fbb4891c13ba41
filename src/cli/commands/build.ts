import { buildSite } from '../../build.js';
import { formatSummary } from '../../diagnostics/format.js';
import { nowFrom, RECORD_OPTIONS, RENDER_OPTIONS, renderOptionsFrom, withRuntime, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { missingDir, printDiagnostics } from './validate.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'validate the records and write the site into the output folder',
  usage: 'build [--dir incidents] [--out out] [--base-url URL] [--templates DIR] [--locale en] [--now DATE]',
  positionals: 0,
  options: {
    ...RECORD_OPTIONS,
    out: { type: 'string', placeholder: 'DIR', default: 'out', description: 'the output folder, replaced only when the build succeeds' },
    ...RENDER_OPTIONS,
  },
  async run(args, io) {
    const now = nowFrom(args, io);
    const dir = args.values.dir as string;
    if (!now || (await missingDir(dir, io))) return EXIT.usage;
    const out = args.values.out as string;
    const render = renderOptionsFrom('build', args, io);
    if (!render) return EXIT.usage;
    const result = await withRuntime(args, io, (runtime) => buildSite({ dir, out, now, cwd: io.cwd, ...render, runtime }));
    if (!result.ok && result.error !== undefined) {
      io.stderr.write(`disclosed build: ${result.error}\nbuild stopped; ${out}/ was left as it was\n`);
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
