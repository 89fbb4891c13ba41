import { buildSite } from '../../build.js';
import { formatSummary, formatText } from '../../diagnostics/format.js';
import { nowFrom, RECORD_OPTIONS, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { missingDir } from './validate.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'validate the records and write the site into the output folder',
  usage: 'build [--dir incidents] [--out out] [--now DATE]',
  positionals: 0,
  options: {
    ...RECORD_OPTIONS,
    out: { type: 'string', placeholder: 'DIR', default: 'out', description: 'the output folder, replaced only when the build succeeds' },
  },
  async run(args, io) {
    const now = nowFrom(args, io);
    const dir = args.values.dir as string;
    if (!now || (await missingDir(dir, io))) return EXIT.usage;
    const out = args.values.out as string;
    const result = await buildSite({ dir, out, now, cwd: io.cwd });
    if (!result.ok) {
      io.stderr.write(formatText(result.diagnostics));
      io.stderr.write(`build stopped: ${formatSummary(result.diagnostics, new Set(result.diagnostics.map((d) => d.file)).size).trim()} with problems; ${out}/ was left as it was\n`);
      return EXIT.failed;
    }
    io.stderr.write(`built ${result.records} records into ${out}/ (${result.files} files)\n`);
    return EXIT.ok;
  },
};
