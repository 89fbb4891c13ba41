import test from 'ava';
import path from 'node:path';
import { largerHeap, recordFilesToRead } from '../src/cli/heap.js';
import { COMMANDS } from '../src/cli/run.js';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { cli } from './helpers/cli.js';

const GiB = 2 ** 30;

test('a dataset too large for the default heap runs with one sized to the machine', (t) => {
  t.is(largerHeap(10_000, 4 * GiB, 24 * GiB), undefined, '10,000 records fit in the default');
  const heap = largerHeap(100_000, 4 * GiB, 24 * GiB)!;
  t.true(heap > 5 * 1024 && heap <= 18 * 1024, `${heap} MiB`);
  t.is(largerHeap(100_000, 4 * GiB, 4 * GiB), undefined, 'no more than the machine can give');
});

test('the records a command line will read are listed only for commands that read records', async (t) => {
  const count = async (...argv: string[]) => (await recordFilesToRead(argv, COMMANDS, process.cwd()))?.files.length;
  t.is(await count('validate'), 5);
  t.is(await count('build', '--dir', 'incidents/facebook'), 5);
  t.is(await count('report', '--dir=incidents', '--org', 'Facebook'), 5);
  t.is(await count('schema'), undefined);
  t.is(await count('validate', '--dir', 'no-such-folder'), undefined);
  t.is(await count('--version'), undefined);
  const found = await recordFilesToRead(['build', '--dir', 'incidents/facebook'], COMMANDS, process.cwd());
  t.is(found?.dir, path.resolve('incidents/facebook'), 'the folder, as an absolute path');
  t.true(found?.files.every((file) => !file.startsWith('/') && file.endsWith('.yaml')));
});

test('a command reads the record files the command line listed as it started, rather than listing them again', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-found-'));
  await cp('incidents', path.join(cwd, 'incidents'), { recursive: true });
  for (const argv of [['validate'], ['build', '--out', 'site'], ['build', '--out', 'cold', '--no-cache']]) {
    const found = await recordFilesToRead(argv, COMMANDS, cwd);
    // A bad file added after the listing: this command does not read it; one that lists again does.
    const late = path.join(cwd, 'incidents', 'late.yaml');
    await writeFile(late, 'id: [not a record\n');
    const listed = await cli([...argv, '--now', '2026-11-22'], { cwd, found });
    t.is(listed.code, 0, `${argv.join(' ')}: ${listed.stderr}`);
    const again = await cli([...argv, '--now', '2026-11-22'], { cwd });
    t.is(again.code, 1, argv.join(' '));
    t.regex(`${again.stdout}${again.stderr}`, /late\.yaml/);
    // A listing of another folder is not taken for this one's.
    const other = await cli([...argv, '--now', '2026-11-22'], { cwd, found: { dir: path.join(cwd, 'elsewhere'), files: found!.files } });
    t.is(other.code, 1, argv.join(' '));
    await rm(late);
  }
});
