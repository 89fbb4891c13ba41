import test from 'ava';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { Gatherer, type GatherLayout } from '../src/output/gather.js';
import { TreeWriter } from '../src/output/swap-dir.js';
import { loadModel } from '../src/check.js';
import { recordJsonText, recordsJson, recordsJsonLayout } from '../src/site/data-files.js';

/** What a gathered file should hold, made the way `recordsJsonParts` makes records.json's pieces. */
function expected(layout: GatherLayout, pieces: readonly string[]): string {
  const indent = ' '.repeat(layout.indent);
  return layout.head + pieces.map((p) => `${indent}${p.trimEnd().replaceAll('\n', `\n${indent}`)}`).join(layout.between) + layout.tail;
}

function gather(layout: GatherLayout, pieces: readonly string[]): { bytes: Buffer; made: ReturnType<Gatherer['end']>; writes: number } {
  const out: Buffer[] = [];
  const file = new Gatherer(layout, (bytes) => out.push(Buffer.from(bytes)));
  for (const p of pieces) file.piece(Buffer.from(p));
  const made = file.end();
  return { bytes: Buffer.concat(out), made, writes: out.length };
}

test('a gathered file is its pieces re-indented between head and tail, with its size and hash', (t) => {
  // Lines of JSON-like text: non-ASCII characters, and the white space JSON allows (only
  // ASCII white space is dropped from a piece's end, which is all a JSON text can end in).
  const line = fc.array(fc.constantFrom('a', '{', '"', ' ', '\t', '\r', 'é', '€', '😀', ','), { maxLength: 12 }).map((cs) => cs.join(''));
  const piece = fc.array(line, { maxLength: 6 }).map((lines) => lines.join('\n'));
  const layout = fc.record({ head: line, between: line, tail: line, indent: fc.integer({ min: 0, max: 6 }) });
  t.notThrows(() =>
    fc.assert(
      fc.property(layout, fc.array(piece, { maxLength: 8 }), (l, pieces) => {
        const full = { ...l, pieces: pieces.length };
        const { bytes, made } = gather(full, pieces);
        const want = Buffer.from(expected(full, pieces));
        // Each piece's span holds exactly that piece, re-indented.
        const indent = ' '.repeat(full.indent);
        const spans = pieces.every((p, i) => bytes.subarray(made.spans[2 * i]!, made.spans[2 * i + 1]!).equals(Buffer.from(`${indent}${p.trimEnd().replaceAll('\n', `\n${indent}`)}`)));
        return bytes.equals(want) && spans && made.spans.length === 2 * pieces.length && made.bytes === want.byteLength && made.sha256 === createHash('sha256').update(want).digest('hex');
      }),
      { numRuns: 2000 },
    ),
  );
});

test('a gathered file goes out a megabyte at a time, pieces larger than that included', (t) => {
  const layout: GatherLayout = { head: '[\n', between: ',\n', tail: '\n]\n', indent: 2, pieces: 5 };
  const pieces = [300_000, 900_000, 2_500_000, 10, 700_000].map((n, i) => `{\n"${i}": "${'x'.repeat(n)}"\n}\n`);
  const { bytes, made, writes } = gather(layout, pieces);
  t.true(bytes.equals(Buffer.from(expected(layout, pieces))));
  t.is(made.bytes, bytes.byteLength);
  t.true(writes >= 4 && writes <= 8, `${writes} writes`);
});

test('a gathered file with more or fewer pieces than its layout says is not made', (t) => {
  const layout: GatherLayout = { head: '[', between: ',', tail: ']', indent: 0, pieces: 2 };
  t.throws(() => gather(layout, ['1']), { message: /2 pieces were to be gathered, not 1/ });
  t.throws(() => gather(layout, ['1', '2', '3']), { message: /not 3/ });
});

test('a new tree gathers records.json from the records\' JSON files as the write thread writes them', async (t) => {
  const model = await loadModel({ dir: 'incidents', now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  if (!model.ok) return t.fail('the seed dataset should be valid');
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-gather-')), 'out');
  const writer = await TreeWriter.begin(out);
  const end = writer.gather!('data/records.json', recordsJsonLayout(model.records.length), (p) => p.endsWith('.json'));
  for (const m of model.records) {
    writer.write(`records/${m.id}/index.html`, `<p>${m.id}</p>`);
    // One given as bytes rather than text.
    writer.write(`records/${m.id}/${m.id}.json`, m === model.records[2] ? Buffer.from(recordJsonText(m)) : recordJsonText(m));
  }
  const made = end();
  // Files added after the end are not pieces.
  writer.write('data/other.json', '{}\n');
  await writer.commit();
  // The pieces lie where records.json made on the main thread places them.
  const spans: number[] = [];
  const whole = Buffer.from(recordsJson(model.records, { placed: (_, start, end) => spans.push(start, end) }));
  t.true((await readFile(path.join(out, 'data/records.json'))).equals(whole));
  t.deepEqual(made, { bytes: whole.byteLength, sha256: createHash('sha256').update(whole).digest('hex'), spans });
  t.true(writer.produced.has('data/records.json'));
});

test('pieces of every size reach the gathered file: in the write thread\'s ring, and too large for it', async (t) => {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-gather-')), 'out');
  const writer = await TreeWriter.begin(out);
  const layout: GatherLayout = { head: '[\n', between: ',\n', tail: '\n]\n', indent: 2, pieces: 4 };
  // A quarter of the ring and more travels with its job.
  const pieces = ['"small"\n', `"${'é'.repeat(1_500_000)}"\n`, `"${'b'.repeat(3_000_000)}"\n`, '"last"'];
  const end = writer.gather!('all.json', layout, (p) => p.startsWith('piece'));
  pieces.forEach((text, i) => writer.write(`piece-${i}.json`, i === 3 ? Buffer.from(text) : text));
  const made = end();
  await writer.commit();
  const want = Buffer.from(expected(layout, pieces));
  t.true((await readFile(path.join(out, 'all.json'))).equals(want));
  t.is(made?.bytes, want.byteLength);
  for (const [i, text] of pieces.entries()) t.is(await readFile(path.join(out, `piece-${i}.json`), 'utf8'), text);
});

test('when the write thread fails before a gathered file ends, the end says so and the commit fails', async (t) => {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-gather-')), 'out');
  const writer = await TreeWriter.begin(out);
  const end = writer.gather!('all.json', { head: '[', between: ',', tail: ']', indent: 0, pieces: 2 }, (p) => p.endsWith('.json'));
  writer.write('a.json', '1');
  writer.write('a.json/under-a-file.json', '2');
  t.is(end(), undefined);
  await t.throwsAsync(writer.commit(), { code: 'ENOTDIR' });
  await writer.abort();
  t.deepEqual(await readdir(path.dirname(out)), []);
});

test('a new tree hashes the files a predicate names as the write thread writes them', async (t) => {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'disclosed-digests-')), 'out');
  const writer = await TreeWriter.begin(out);
  const digests = writer.digests!((p) => p.startsWith('data/'));
  const files: Record<string, string | Buffer> = {
    'data/a.json': '{"a": 1}\n',
    'data/deep/b.csv': Buffer.from('x,y\r\n1,2\r\n'),
    // A quarter of the ring and more travels with its job.
    'data/large.json': `"${'é'.repeat(1_500_000)}"`,
    'page/index.html': '<p>not hashed</p>',
  };
  for (const [name, text] of Object.entries(files)) writer.write(name, text);
  const sha = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');
  const want = (name: string) => ({ bytes: Buffer.byteLength(files[name]!), sha256: sha(files[name]!) });
  t.deepEqual(digests(), new Map(['data/a.json', 'data/deep/b.csv', 'data/large.json'].map((name) => [name, want(name)])));
  // Each file is told once.
  writer.write('data/c.json', '[]');
  t.deepEqual(digests(), new Map([['data/c.json', { bytes: 2, sha256: sha('[]') }]]));
  await writer.commit();
  t.is(await readFile(path.join(out, 'data/deep/b.csv'), 'utf8'), 'x,y\r\n1,2\r\n');
});
