import path from 'node:path';
import { skeleton, NEW_TEMPLATES, writeSkeleton } from '../../scaffold/new-record.js';
import { loadTemplates } from '../../site/templates.js';
import { didYouMean } from '../../text/suggest.js';
import { nowFrom, RECORD_OPTIONS, type Command } from '../command.js';
import { EXIT } from '../io.js';

const KINDS = ['incident', 'enforcement'] as const;

export const newCommand: Command = {
  name: 'new',
  summary: 'write a commented skeleton for a new record, named after its title',
  usage: 'new incident|enforcement "Title" [--org NAME] [--dir incidents] [--now DATE]',
  positionals: 2,
  options: {
    dir: RECORD_OPTIONS.dir!,
    now: RECORD_OPTIONS.now!,
    org: { type: 'string', placeholder: 'NAME', description: 'the organization the record is about' },
  },
  async run(args, io) {
    const [kind, title] = args.positionals;
    if (kind === undefined || !(KINDS as readonly string[]).includes(kind)) {
      io.stderr.write(`disclosed new: say which kind of record: incident or enforcement${kind ? `, not "${kind}"${didYouMean(kind, KINDS)}` : ''}\nUsage: disclosed ${this.usage}\n`);
      return EXIT.usage;
    }
    if (title === undefined || title.trim() === '') {
      io.stderr.write(`disclosed new: give the record's title in quotes\nUsage: disclosed ${this.usage}\n`);
      return EXIT.usage;
    }
    const now = nowFrom(args, io);
    if (!now) return EXIT.usage;
    const templates = await loadTemplates(undefined, NEW_TEMPLATES);
    const made = skeleton(templates, { kind: kind as (typeof KINDS)[number], title, organization: args.values.org as string | undefined, dir: args.values.dir as string, cwd: io.cwd, now });
    if (!made.ok) {
      io.stderr.write(`disclosed new: ${made.error}\n`);
      return EXIT.usage;
    }
    const shown = path.relative(io.cwd, made.file).split(path.sep).join('/');
    if (!(await writeSkeleton(made.file, made.text))) {
      io.stderr.write(`disclosed new: ${shown} already exists; choose another title or edit that file\n`);
      return EXIT.failed;
    }
    io.stdout.write(`${shown}\n`);
    io.stderr.write(`wrote ${shown}: replace each TODO, then run "disclosed validate"\n`);
    return EXIT.ok;
  },
};
