import test from 'ava';
import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MarkdownStore } from '../src/cache/markdown-store.js';

const PRINT = 'fingerprint-1';
const everyKey = () => true;

/** A shard file of these entries, written by one store, and a second store that has read its index. */
async function shard(entries: Record<string, string[]>): Promise<{ file: string; bytes: Buffer; store: MarkdownStore }> {
  const maker = new MarkdownStore();
  for (const [key, html] of Object.entries(entries)) maker.set(key, html);
  const { bytes, keys } = maker.shardBytes(Object.keys(entries), PRINT);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-md-')), 'markdown-0.bin');
  await writeFile(file, bytes);
  const store = new MarkdownStore();
  const read = await store.readIndex(file, PRINT, everyKey);
  if (read.join() !== keys.join()) throw new Error(`index read ${read.join()}, made ${keys.join()}`);
  return { file, bytes, store };
}

test('a shard is read an entry at a time: counts from its index, HTML when asked for', async (t) => {
  const { store } = await shard({ a: ['<p>One</p>', '<p>Two ü</p>'], b: ['<p>Three</p>'] });
  t.is(store.count('a'), 2);
  t.is(store.count('b'), 1);
  t.is(store.count('c'), undefined);
  t.deepEqual(store.get('a'), ['<p>One</p>', '<p>Two ü</p>']);
  t.deepEqual(store.get('b'), ['<p>Three</p>']);
  t.is(store.get('c'), undefined);
});

test('an index of another fingerprint, or a file that is not a shard, gives no entries', async (t) => {
  const { file } = await shard({ a: ['<p>One</p>'] });
  t.deepEqual(await new MarkdownStore().readIndex(file, 'another', everyKey), []);
  await writeFile(file, 'not a shard at all');
  t.deepEqual(await new MarkdownStore().readIndex(file, PRINT, everyKey), []);
  t.deepEqual(await new MarkdownStore().readIndex(path.join(path.dirname(file), 'missing.bin'), PRINT, everyKey), []);
  // The index says more than the file holds: cut short.
  const whole = (await shard({ a: ['<p>One</p>'] })).bytes;
  await writeFile(file, whole.subarray(0, whole.byteLength - 3));
  t.deepEqual(await new MarkdownStore().readIndex(file, PRINT, everyKey), []);
});

test('only the keys the caller accepts are taken (an entry in the wrong shard is not used)', async (t) => {
  const { file } = await shard({ a: ['<p>One</p>'], b: ['<p>Two</p>'] });
  const store = new MarkdownStore();
  t.deepEqual(await store.readIndex(file, PRINT, (key) => key === 'b'), ['b']);
  t.is(store.count('a'), undefined);
});

test('an entry whose file changed after its index was read, or that reads back wrong, is a miss and is not saved again', async (t) => {
  const { file, bytes, store } = await shard({ a: ['<p>One</p>'], b: ['<p>Two</p>'] });
  // The same size, another modification time: the file is no longer the one indexed.
  await utimes(file, new Date(), new Date(Date.now() + 5000));
  t.is(store.get('a'), undefined);
  t.is(store.count('a'), undefined, 'a miss is forgotten');
  t.deepEqual(store.shardBytes(['a', 'b'], PRINT).keys, [], 'nothing readable is left to save');

  // Bytes that are not the entry's JSON, in the file as indexed.
  const spoiled = Buffer.from(bytes);
  spoiled[spoiled.byteLength - 2] = 0x7b;
  await writeFile(file, spoiled);
  const again = new MarkdownStore();
  await again.readIndex(file, PRINT, everyKey);
  t.deepEqual(again.get('a'), ['<p>One</p>']);
  t.is(again.get('b'), undefined);
});

test('a shard saved over the one its entries were read from: they are copied as bytes, and every entry is then read from it', async (t) => {
  const { file, store } = await shard({ a: ['<p>One</p>'], b: ['<p>Two</p>'] });
  store.set('c', ['<p>New</p>', '<p>Also</p>']);
  const made = store.shardBytes(['a', 'c'], PRINT);
  t.deepEqual(made.keys, ['a', 'c']);
  await writeFile(file, made.bytes);
  await store.written(file, made.bytes);
  t.deepEqual(store.get('a'), ['<p>One</p>']);
  t.deepEqual(store.get('c'), ['<p>New</p>', '<p>Also</p>']);
  const reader = new MarkdownStore();
  t.deepEqual(await reader.readIndex(file, PRINT, everyKey), ['a', 'c']);
  t.deepEqual(reader.get('c'), ['<p>New</p>', '<p>Also</p>']);
  t.is((await readFile(file)).includes('Two'), false);
  // The entry made in this run is no longer held: with the file gone, it is a miss.
  await writeFile(file, 'gone');
  t.is(store.get('c'), undefined);
  t.is(store.count('c'), undefined);
});
