import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAfter } from '../../dates/compare.js';
import { parseDate, type RecordDate } from '../../dates/parse.js';
import { formatText } from '../../diagnostics/format.js';
import { makeReport, REPORT_FORMATS } from '../../reports/adhoc.js';
import { findChromium, htmlToPdf, NO_CHROMIUM } from '../../reports/pdf.js';
import { nowFrom, RECORD_OPTIONS, RENDER_OPTIONS, renderOptionsFrom, withRuntime, type Command } from '../command.js';
import { EXIT, type CliIO } from '../io.js';
import { missingDir } from './validate.js';

const TABLES = ['incidents', 'enforcement', 'totals', 'summary', 'lags'] as const;

function dateFlag(name: string, value: unknown, io: CliIO): RecordDate | undefined | false {
  if (value === undefined) return undefined;
  const parsed = parseDate(String(value));
  if (parsed.ok) return parsed.date;
  io.stderr.write(`disclosed report: --${name}: ${parsed.reason}\n`);
  return false;
}

async function emit(io: CliIO, cwd: string, out: string | undefined, bytes: string | Uint8Array): Promise<void> {
  if (out === undefined) {
    io.stdout.write(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1'));
    return;
  }
  const file = path.resolve(cwd, out);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  io.stderr.write(`wrote ${out}\n`);
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'make one transparency report (whole dataset, an organization, a date range)',
  usage: 'report [--org NAME] [--from DATE] [--to DATE] [--format md|html|csv|json|pdf] [--out FILE] [--dir incidents] [--now DATE]',
  positionals: 0,
  options: {
    ...RECORD_OPTIONS,
    org: { type: 'string', placeholder: 'NAME', description: 'only records about this organization' },
    from: { type: 'string', placeholder: 'DATE', description: 'only records disclosed (or actions taken) from this date' },
    to: { type: 'string', placeholder: 'DATE', description: 'only records disclosed (or actions taken) up to this date' },
    format: { type: 'string', placeholder: 'FORMAT', default: 'md', choices: REPORT_FORMATS, description: 'md, html, csv, json or pdf (pdf needs Chromium)' },
    out: { type: 'string', placeholder: 'FILE', description: 'write here instead of standard output (for csv: a folder of tables)' },
    table: { type: 'string', placeholder: 'TABLE', default: 'incidents', choices: TABLES, description: 'for csv on standard output: which table' },
    ...RENDER_OPTIONS,
  },
  async run(args, io) {
    const now = nowFrom(args, io);
    const dir = args.values.dir as string;
    const from = dateFlag('from', args.values.from, io);
    const to = dateFlag('to', args.values.to, io);
    const render = renderOptionsFrom('report', args, io);
    if (!now || !render || from === false || to === false || (await missingDir(dir, io))) return EXIT.usage;
    if (from && to && isAfter(from, to)) {
      io.stderr.write('disclosed report: --from comes after --to\n');
      return EXIT.usage;
    }
    const format = args.values.format as (typeof REPORT_FORMATS)[number];
    const out = args.values.out as string | undefined;
    const chromium = format === 'pdf' ? findChromium(io.env) : undefined;
    if (format === 'pdf' && !chromium) {
      io.stderr.write(`disclosed report: ${NO_CHROMIUM}\n`);
      return EXIT.failed;
    }
    const org = args.values.org as string | undefined;
    const result = await withRuntime(args, io, (runtime) => makeReport({
      dir, now, cwd: io.cwd, runtime,
      scope: { ...(org !== undefined ? { organization: org } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) },
      ...render,
    }));
    if (!result.ok) {
      io.stderr.write(result.error ? `disclosed report: ${result.error}\n` : formatText(result.diagnostics));
      return EXIT.failed;
    }
    if (format === 'csv' && out !== undefined) {
      for (const [name, text] of result.csv) await emit(io, io.cwd, path.join(out, name), text);
    } else if (format === 'csv') {
      io.stdout.write(result.csv.get(`${args.values.table as string}.csv`) ?? '');
    } else if (format === 'pdf') {
      await emit(io, io.cwd, out, await htmlToPdf(result.html, chromium!));
    } else {
      await emit(io, io.cwd, out, result[format]);
    }
    return EXIT.ok;
  },
};
