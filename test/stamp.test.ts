import test from 'ava';
import { cp, mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { prepareSite } from '../src/build.js';
import { openCache } from '../src/cache/build-cache.js';
import { knownTexts } from '../src/cache/known-files.js';
import { loadDataset } from '../src/load/index.js';
import { stampDataset, stampProvesUnchanged } from '../src/load/stamp.js';
import { FileChanged } from '../src/load/text-on-disk.js';
import { NOW } from './helpers/records.js';

const HOUR_AGO = new Date(Date.now() - 3_600_000);

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-stamp-'));
  await mkdir(path.join(dir, 'a'));
  for (const name of ['a/one.yaml', 'two.yml']) {
    await writeFile(path.join(dir, name), `title: ${name}\n`);
    await utimes(path.join(dir, name), HOUR_AGO, HOUR_AGO);
  }
  await writeFile(path.join(dir, 'notes.txt'), 'not a record');
  return dir;
}

test('an untouched folder stamps the same, and the stamp proves it unchanged', async (t) => {
  const dir = await folder();
  const first = await stampDataset(dir);
  const second = await stampDataset(dir);
  t.is(first.files.length, 2);
  t.is(second.key, first.key);
  t.true(stampProvesUnchanged(second, first));
});

test('an edit of the same size, with its time set back, still changes the stamp', async (t) => {
  const dir = await folder();
  const first = await stampDataset(dir);
  const file = path.join(dir, 'a/one.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('one', 'ONE'));
  await utimes(file, HOUR_AGO, HOUR_AGO);
  t.false(stampProvesUnchanged(await stampDataset(dir), first));
});

test('added and removed record files change the stamp; other files do not', async (t) => {
  const dir = await folder();
  const first = await stampDataset(dir);
  await writeFile(path.join(dir, 'readme.md'), 'hello');
  t.is((await stampDataset(dir)).key, first.key);
  await writeFile(path.join(dir, 'three.yaml'), 'title: three\n');
  const added = await stampDataset(dir);
  t.is(added.files.length, 3);
  t.not(added.key, first.key);
});

test('a file written within a second of the earlier stamp proves nothing (it may have changed again unseen)', async (t) => {
  const dir = await folder();
  await writeFile(path.join(dir, 'two.yml'), 'title: fresh\n');
  const first = await stampDataset(dir);
  const second = await stampDataset(dir);
  t.is(second.key, first.key);
  t.false(stampProvesUnchanged(second, first));
});

test('a file is settled once its time lies over a second before the stamp: its signature then proves it', async (t) => {
  const dir = await folder();
  await writeFile(path.join(dir, 'fresh.yaml'), 'title: fresh\n');
  const stamp = await stampDataset(dir);
  t.deepEqual(stamp.files, ['a/one.yaml', 'fresh.yaml', 'two.yml']);
  t.truthy(stamp.settled[0]);
  t.is(stamp.settled[1], undefined, 'written just now: it could change again within its clock tick');
  t.is((await stampDataset(dir)).settled[0], stamp.settled[0]);
  // Rewritten with the same size and its time set back: the change time still moves.
  const file = path.join(dir, 'a/one.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('one', 'ONE'));
  await utimes(file, HOUR_AGO, HOUR_AGO);
  t.not((await stampDataset(dir)).settled[0], stamp.settled[0]);
});

test('a build reads only the record files whose stat changed since the last build read them', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-known-'));
  await cp('incidents', path.join(cwd, 'incidents'), { recursive: true });
  const files = (await readdir(path.join(cwd, 'incidents'), { recursive: true })).filter((f) => f.endsWith('.yaml'));
  for (const f of files) await utimes(path.join(cwd, 'incidents', f), HOUR_AGO, HOUR_AGO);
  const cache = await openCache(path.join(cwd, '.cache'));
  const build = () => prepareSite({ dir: 'incidents', cwd, now: NOW, runtime: { cache } }, async () => false);
  t.true((await build()).ok);
  t.is(cache.known?.size, files.length, 'every settled file is remembered');

  // One file edited (its time now unsettled), one rewritten with the same size and an old time.
  const [edited, sneaky] = files.map((f) => path.join(cwd, 'incidents', f));
  await writeFile(edited!, (await readFile(edited!, 'utf8')).replace(/^title: .*$/m, 'title: An edited title'));
  const before = await readFile(sneaky!, 'utf8');
  const after = before.replace(/^title: (.)/m, (_, c: string) => `title: ${c === 'X' ? 'Y' : 'X'}`);
  await writeFile(sneaky!, after);
  await utimes(sneaky!, HOUR_AGO, HOUR_AGO);
  const stamp = await stampDataset('incidents', cwd);
  const read = await loadDataset('incidents', cwd, { found: stamp, known: await knownTexts(cache, stamp) });
  const byPath = new Map(read.files.map((f) => [path.join(cwd, 'incidents', f.relative), f]));
  t.is(byPath.get(edited!)?.hash, undefined, 'the edited file was read');
  t.is(byPath.get(sneaky!)?.hash, undefined, 'so was the one whose change time moved');
  const untouched = read.files.find((f) => f.hash !== undefined)!;
  t.truthy(untouched, 'the rest were not');
  // A text not read at first is read when asked for, and refused if it changed meanwhile.
  const file = path.join(cwd, 'incidents', untouched.relative);
  const text = await readFile(file, 'utf8');
  await writeFile(file, `${text}# changed\n`);
  t.throws(() => untouched.text, { instanceOf: FileChanged });

  const rebuilt = await build();
  t.true(rebuilt.ok && !rebuilt.upToDate && rebuilt.site.records.some((m) => m.source.title === 'An edited title'));
});

test('files are shown by their path from the working folder, wherever the records folder lies', async (t) => {
  const dir = await folder();
  const shown = async (records: string, cwd: string) => (await loadDataset(records, cwd)).files.map((f) => f.display);
  t.deepEqual(await shown('.', dir), ['a/one.yaml', 'two.yml']);
  t.deepEqual(await shown(dir, path.dirname(dir)), [`${path.basename(dir)}/a/one.yaml`, `${path.basename(dir)}/two.yml`]);
  t.deepEqual(await shown('.', path.join(dir, 'a')), ['one.yaml']);
  t.deepEqual(await shown(dir, path.join(dir, 'a')), ['../a/one.yaml', '../two.yml']);
});
