import test from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PatchWriter, recoverInterruptedPatch } from '../src/output/patch-dir.js';
import { recoverInterruptedSwap, TreeWriter } from '../src/output/swap-dir.js';
import { openRanges } from '../src/output/files.js';
import { statAhead } from '../src/output/stat-ahead.js';
import { RING_BYTES, WriteThread } from '../src/output/write-thread.js';

const BEFORE = { 'a.txt': 'old a', 'dir/b.txt': 'old b', 'gone/deep/c.txt': 'c' };
const AFTER = { 'a.txt': 'new a', 'dir/b.txt': 'old b', 'new/d.txt': 'd' };

async function outFolder(): Promise<string> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-patch-')), 'out');
  for (const [name, text] of Object.entries(BEFORE)) {
    await mkdir(path.dirname(path.join(out, name)), { recursive: true });
    await writeFile(path.join(out, name), text);
  }
  return out;
}

/** Every file and folder under `dir`, with file contents. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    found[rel] = entry.isDirectory() ? '<dir>' : await readFile(path.join(dir, rel), 'utf8');
  }
  return found;
}

const tree = (files: Record<string, string>) => {
  const out: Record<string, string> = { ...files };
  for (const name of Object.keys(files)) for (let d = path.posix.dirname(name); d !== '.'; d = path.posix.dirname(d)) out[d] = '<dir>';
  return out;
};

test('a patch changes only what differs, drops what the new build lacks, and prunes empty folders', async (t) => {
  const out = await outFolder();
  const writer = await PatchWriter.begin(out);
  for (const [name, text] of Object.entries(AFTER)) writer.write(name, text);
  t.deepEqual(await snapshot(out), tree(BEFORE), 'nothing moves before the commit');
  const unchanged = await stat(path.join(out, 'dir/b.txt'));
  await writer.commit();
  t.deepEqual(writer.counts, { written: 2, kept: 1 });
  t.deepEqual(await snapshot(out), tree(AFTER));
  t.like(await stat(path.join(out, 'dir/b.txt')), { ino: unchanged.ino, mtimeMs: unchanged.mtimeMs }, 'the unchanged file is left as it was');
});

test('a patch that fails while moving files is rolled back at once', async (t) => {
  const out = await outFolder();
  const writer = await PatchWriter.begin(out);
  for (const [name, text] of Object.entries(AFTER)) writer.write(name, text);
  let moves = 0;
  await t.throwsAsync(
    writer.commit((from, to) => {
      if (++moves === 3) throw new Error('disk full');
      renameSync(from, to);
    }),
    { message: 'disk full' },
  );
  t.deepEqual(await snapshot(out), tree(BEFORE));
});

// A child process patches the folder and dies (exit, no clean-up) after `k` moves. It runs
// from a file: code given with `-e` would be given to the patch's write thread too.
const CHILD = `
import { renameSync } from 'node:fs';
const [module, out, k, files] = [process.argv[2], process.argv[3], Number(process.argv[4]), JSON.parse(process.argv[5])];
const { PatchWriter } = await import(module);
const writer = await PatchWriter.begin(out);
for (const [name, text] of Object.entries(files)) writer.write(name, text);
let moves = 0;
await writer.commit((from, to) => { if (moves++ === k) process.exit(9); renameSync(from, to); });
`;

test('a build killed at any point of a patch is rolled back by the next one', async (t) => {
  const module = pathToFileURL(path.resolve('dist/src/output/patch-dir.js')).href;
  const child = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-child-')), 'patch.mjs');
  await writeFile(child, CHILD);
  // AFTER takes four moves (a.txt out and in, d.txt in, c.txt out).
  for (let k = 0; k <= 4; k++) {
    const out = await outFolder();
    try {
      execFileSync(process.execPath, [child, module, out, String(k), JSON.stringify(AFTER)], { stdio: 'ignore' });
    } catch {
      // The child dies on purpose.
    }
    await recoverInterruptedPatch(out);
    t.deepEqual(await snapshot(out), tree(k < 4 ? BEFORE : AFTER), `killed after ${k} moves`);
    t.deepEqual((await readdir(path.dirname(out))).filter((n) => n !== 'out'), [], 'no journal or patch folder left');
  }
});

test('a patch killed part-way by an older version (files moved out kept under their paths) is rolled back too', async (t) => {
  const out = await outFolder();
  const stage = path.join(path.dirname(out), '.out.patch-old');
  // a.txt moved out and its new text moved in, d.txt moved in, c.txt moved out; then killed.
  for (const name of ['a.txt', 'gone/deep/c.txt']) {
    await mkdir(path.dirname(path.join(stage, 'old', name)), { recursive: true });
    await rename(path.join(out, name), path.join(stage, 'old', name));
  }
  await writeFile(path.join(out, 'a.txt'), 'new a');
  await mkdir(path.join(out, 'new'));
  await writeFile(path.join(out, 'new/d.txt'), 'd');
  const journal = { stage, changed: [['a.txt', true], ['new/d.txt', false]], deleted: ['gone/deep/c.txt'] };
  await writeFile(path.join(path.dirname(out), '.out.journal.json'), JSON.stringify(journal));
  await recoverInterruptedPatch(out);
  t.deepEqual(await snapshot(out), tree(BEFORE));
  t.deepEqual((await readdir(path.dirname(out))).filter((n) => n !== 'out'), [], 'no journal or patch folder left');
});

test('a file given in parts is written whole, and left alone when its bytes have not changed', async (t) => {
  const out = await outFolder();
  const first = await PatchWriter.begin(out);
  for (const [name, text] of Object.entries(BEFORE)) first.write(name, name === 'a.txt' ? ['old', ' ', 'a'] : text);
  await first.commit();
  t.deepEqual(first.counts, { written: 0, kept: 3 });
  t.deepEqual(await snapshot(out), tree(BEFORE));

  const second = await PatchWriter.begin(out);
  for (const [name, text] of Object.entries(AFTER)) second.write(name, name === 'a.txt' ? (function* () { yield 'new'; yield ' a'; })() : text);
  await second.commit();
  t.deepEqual(second.counts, { written: 2, kept: 1 });
  t.deepEqual(await snapshot(out), tree(AFTER));
});

test('a new tree is written by its own thread, links files whose bytes are unchanged, and is swapped in whole', async (t) => {
  const out = await outFolder();
  const before = await stat(path.join(out, 'dir/b.txt'));
  const writer = await TreeWriter.begin(out);
  // Some 50 MB, several times the ring the bytes wait in: `write` must wait for the thread, and
  // files of uneven sizes (some of two-byte characters) wrap around the ring's end.
  const big = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`big/${i}.txt`, `${i}`.repeat(200_000) + (i % 7 === 0 ? 'é€😀'.repeat(1000) : '')]));
  // Files that travel with their jobs: larger than a quarter of the ring, and than all of it.
  const huge = { 'huge/quarter.txt': 'é'.repeat(2_500_000), 'huge/ring.txt': 'x'.repeat(RING_BYTES + 1) };
  // Files that fill the ring to its last byte, and one after them.
  const exact: Record<string, string> = Object.fromEntries([...Array.from({ length: 4 }, (_, i) => [`exact/${i}.txt`, String(i).repeat(RING_BYTES / 4)]), ['exact/after.txt', 'after']]);
  for (const [name, text] of Object.entries({ ...exact, ...AFTER, ...big, ...huge })) writer.write(name, text);
  writer.write('parts/e.txt', ['e', 'e']);
  writer.write('bytes/f.txt', new TextEncoder().encode('bytes ü'));
  t.deepEqual(await snapshot(out), tree(BEFORE), 'nothing moves before the commit');
  await writer.commit();
  t.deepEqual(await snapshot(out), tree({ ...exact, ...AFTER, ...big, ...huge, 'parts/e.txt': 'ee', 'bytes/f.txt': 'bytes ü' }));
  const after = await stat(path.join(out, 'dir/b.txt'));
  t.is(after.ino, before.ino, 'the unchanged file is the same file, linked');
  const d = await stat(path.join(out, 'new/d.txt'));
  t.deepEqual(writer.writtenAs('new/d.txt'), { bytes: d.size, mtimeMs: d.mtimeMs });
  const linked = await stat(path.join(out, 'dir/b.txt'));
  t.deepEqual(writer.writtenAs('dir/b.txt'), { bytes: linked.size, mtimeMs: linked.mtimeMs }, 'a linked file too');
});

test('texts encoded straight into the ring arrive whole, whatever their sizes and characters', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'disclosed-ring-'));
  // Sizes from none to past a quarter of the ring, in characters of one to four UTF-8 bytes:
  // texts that fit after the ring's head by their length and not by their bytes, texts that
  // meet the ring's end, and texts that find the ring full all take the measured path.
  let seed = 7;
  const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const alphabet = ['a', 'é', '€', '😀'];
  const texts = Array.from({ length: 160 }, (_, i) => {
    const units = i % 20 === 0 ? 0 : next(i % 9 === 0 ? RING_BYTES / 3 : 200_000);
    const char = alphabet[next(alphabet.length)]!;
    return `${i}:` + char.repeat(Math.ceil(units / char.length)) + alphabet[i % alphabet.length]!;
  });
  const thread = new WriteThread(root);
  try {
    texts.forEach((text, i) => thread.add({ op: 'write', file: path.join(root, `${i}.txt`), data: text }));
    const written = await thread.flush();
    t.is(written.size, texts.length);
  } finally {
    await thread.close();
  }
  for (const [i, text] of texts.entries()) t.is(await readFile(path.join(root, `${i}.txt`), 'utf8'), text, `file ${i}`);
});

test('a writer thread that fails is noticed at once by a build waiting for it, with its reason', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'disclosed-stopped-'));
  // A module that fails to load, and one that throws at its first job: either way no job is
  // ever done, and a build that fills the ring waits for room it never gets.
  const failing = {
    load: "throw new Error('no such module: ./gone.js');",
    job: "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => { throw new Error('disk on fire'); });",
  };
  for (const [when, code] of Object.entries(failing)) {
    const module = path.join(root, `${when}.mjs`);
    await writeFile(module, code);
    const thread = new WriteThread(root, pathToFileURL(module));
    const started = Date.now();
    try {
      const error = t.throws(() => {
        for (let i = 0; i < 3; i++) thread.add({ op: 'write', file: path.join(root, `${i}.txt`), data: 'x'.repeat(RING_BYTES / 2) });
      });
      t.regex(error!.message, when === 'load' ? /the output writer stopped: no such module: \.\/gone\.js/ : /the output writer stopped: disk on fire/);
      // Noticed when it happened, not when the wait for room timed out (two minutes).
      t.true(Date.now() - started < 10_000, `${when}: noticed after ${Date.now() - started} ms`);
    } finally {
      await thread.close();
    }
  }
});

test('a text is encoded into the ring only up to the oldest bytes the thread has yet to write', async (t) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'disclosed-ring-'));
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  const thread = new WriteThread(root);
  const add = (name: string, data: string) => thread.add({ op: 'write', file: path.join(root, name), data });
  const mega = (n: number, char = 'a') => char.repeat(n * 1_000_000);
  const files: Record<string, string> = { b: mega(2, 'b'), c: mega(1, 'c'), e: mega(2, 'e'), f: mega(2, 'f'), g: mega(0.6, 'é') };
  let reader: ReturnType<typeof spawn> | undefined;
  try {
    // 6 MB to write, then a file the thread will stop at: a pipe no one reads yet.
    for (const name of ['a1', 'a2', 'a3']) add(name, mega(2));
    add('pipe', 'through the pipe');
    await new Promise((resolve) => setTimeout(resolve, 300));
    reader = spawn('sh', ['-c', 'sleep 1; cat pipe > /dev/null'], { cwd: root });
    // b runs on to near the ring's end, c starts again at its beginning, e and f follow: 1 MB
    // is free, from f's end up to the pipe's bytes and b's, which wait. g is shorter than that
    // in characters and longer in bytes: it must wait for them to be written, not overwrite them.
    for (const [name, text] of Object.entries(files)) add(name, text);
    await thread.flush();
  } finally {
    await thread.close();
    reader?.kill();
  }
  for (const [name, text] of Object.entries(files)) t.true((await readFile(path.join(root, name), 'utf8')) === text, name);
});

test('the write thread makes the folders of a file outside its root, up to the root of the file system', async (t) => {
  const [root, elsewhere] = [await mkdtemp(path.join(os.tmpdir(), 'disclosed-root-')), await mkdtemp(path.join(os.tmpdir(), 'disclosed-elsewhere-'))];
  const thread = new WriteThread(root);
  try {
    thread.add({ op: 'write', file: path.join(elsewhere, 'deep/er/file.txt'), data: 'written' });
    await thread.flush();
  } finally {
    await thread.close();
  }
  t.is(await readFile(path.join(elsewhere, 'deep/er/file.txt'), 'utf8'), 'written');
});

test('a file the write thread cannot write fails the commit, and the old tree stays', async (t) => {
  const out = await outFolder();
  const writer = await TreeWriter.begin(out);
  writer.write('a.txt', 'a file');
  writer.write('a.txt/under-a-file.txt', 'cannot be');
  await t.throwsAsync(writer.commit(), { code: 'ENOTDIR' });
  await writer.abort();
  t.deepEqual(await snapshot(out), tree(BEFORE));
  t.deepEqual((await readdir(path.dirname(out))).filter((n) => n !== 'out'), [], 'no staging folder left');
});

test('stats taken ahead on a thread are those of the files, and say when a file is gone', async (t) => {
  const out = await outFolder();
  // A folder where a file was: its files cannot be stat'ed at all.
  await writeFile(path.join(out, 'was-a-folder'), 'x');
  const ahead = statAhead(out, [...Object.keys(BEFORE), 'missing.txt', 'was-a-folder/e.txt']);
  try {
    for (const name of Object.keys(BEFORE)) {
      const info = await stat(path.join(out, name));
      t.deepEqual(ahead.stat(name), { size: info.size, mtimeMs: info.mtimeMs }, name);
    }
    t.is(ahead.stat('missing.txt')?.size, -1);
    t.is(ahead.stat('was-a-folder/e.txt')?.size, -1);
    t.is(ahead.stat('not-asked.txt'), undefined, 'a file it was not asked about is left to the caller');
  } finally {
    ahead.close();
  }
});

test('a file written in parts copies stretches of a kept file on the thread, and fails if that file changed', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-kept-'));
  // A kept file of some 3 MB: stretches of it span several of the thread's reads.
  const keptText = Array.from({ length: 400_000 }, (_, i) => `${i}é,`).join('');
  const kept = path.join(dir, 'kept.txt');
  await writeFile(kept, keptText);
  const info = await stat(kept);
  const written = { bytes: info.size, mtimeMs: info.mtimeMs };
  const bytes = Buffer.from(keptText);
  const stretches: Array<[number, number]> = [[0, 10], [10, 10], [5, 2_500_000], [bytes.byteLength - 7, bytes.byteLength], [100, 1_200_100]];
  const parts = stretches.flatMap(([start, end], i) => [`part ${i} ü `, { kept, start, end, written }]);
  const whole = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : bytes.subarray(p.start, p.end))));
  const thread = new WriteThread(dir);
  try {
    thread.file(path.join(dir, 'out.txt'), parts, { digest: 'out' });
    const digests = thread.digests();
    await thread.flush();
    t.true((await readFile(path.join(dir, 'out.txt'))).equals(whole));
    t.is(digests.get('out')?.sha256, createHash('sha256').update(whole).digest('hex'));
    // The same parts once the kept file is no longer as it was written: the flush fails.
    await writeFile(kept, `${keptText}.`);
    thread.file(path.join(dir, 'again.txt'), parts);
    await t.throwsAsync(thread.flush(), { message: /kept\.txt changed while the build was copying from it/ });
  } finally {
    await thread.close();
  }
});

test('a file written in parts holds every part in order, hashed whole, and ranges read ahead are those of the file', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-parts-'));
  const file = path.join(dir, 'parts.txt');
  // About 5 MB in parts of uneven sizes, text and bytes, some of several-byte characters, and
  // parts larger than what is gathered for one write, and empty ones.
  const parts: Array<string | Buffer> = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? Buffer.from(`${i}:`.repeat(i % 500)) : `${i}é€😀`.repeat(i % 700)));
  parts.splice(1000, 0, 'é'.repeat(400_000), Buffer.alloc(1_100_000, 'b'), '', Buffer.alloc(0), `${'x'.repeat(349_520)}€`);
  const thread = new WriteThread(dir);
  try {
    thread.file(file, parts, { digest: 'the parts' });
    const digests = thread.digests();
    await thread.flush();
    const whole = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    t.true((await readFile(file)).equals(whole));
    t.deepEqual(digests, new Map([['the parts', { bytes: whole.byteLength, sha256: createHash('sha256').update(whole).digest('hex') }]]));
  } finally {
    await thread.close();
  }
  const whole = await readFile(file);

  const info = await stat(file);
  const ranges = openRanges(file, { bytes: info.size, mtimeMs: info.mtimeMs }, 1 << 20)!;
  try {
    // Each part's range, in order (most from a read made for an earlier one), then backwards.
    const spans = parts.map((p) => (typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength)).map((n, i, sizes) => {
      const start = sizes.slice(0, i).reduce((a, b) => a + b, 0);
      return [start, start + n] as const;
    });
    for (const [start, end] of [...spans, ...[...spans].reverse()]) t.true(ranges.read(start, end)?.equals(whole.subarray(start, end)), `${start}-${end}`);
    t.is(ranges.read(whole.byteLength - 2, whole.byteLength + 1), undefined, 'a range past the end');
  } finally {
    ranges.close();
  }
  t.is(openRanges(file, { bytes: info.size + 1, mtimeMs: info.mtimeMs }), undefined, 'a file not as it was written');
});

test('the last tree still being removed, and stale staging folders, are left to a removal in the background: a build does not wait for them', async (t) => {
  const out = await outFolder();
  const parent = path.dirname(out);
  for (const name of ['.out.retired-1-1', '.out.staging-2-2', 'elsewhere']) await mkdir(path.join(parent, name, 'deep'), { recursive: true });
  const removing: string[] = [];
  await recoverInterruptedSwap(out, (dir) => removing.push(path.basename(dir)));
  t.deepEqual(removing.sort(), ['.out.retired-1-1', '.out.staging-2-2']);
  t.deepEqual((await readdir(parent)).sort(), ['.out.retired-1-1', '.out.staging-2-2', 'elsewhere', 'out'], 'nothing removed before it returns');
  // With the output folder gone (a swap killed between its renames), the retired copy returns instead.
  await rename(out, path.join(parent, 'lost'));
  removing.length = 0;
  await recoverInterruptedSwap(out, (dir) => removing.push(path.basename(dir)));
  t.deepEqual(removing, ['.out.staging-2-2']);
  t.true((await stat(path.join(out, 'deep'))).isDirectory());
});
