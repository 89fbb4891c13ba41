import test from 'ava';
import { mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stampDataset, stampProvesUnchanged } from '../src/load/stamp.js';

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
