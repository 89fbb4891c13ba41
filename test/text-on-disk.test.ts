import test from 'ava';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { renderBuild, type Target } from '../src/build.js';
import { FileChanged, textOnDisk } from '../src/load/text-on-disk.js';
import { TreeWriter } from '../src/output/swap-dir.js';
import { wholeText, type FileText } from '../src/site/sink.js';
import { heldStrings } from '../src/text/compact.js';
import { incident, NOW } from './helpers/records.js';

async function recordsFolder(): Promise<{ cwd: string; file: string; text: string }> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-on-disk-'));
  await mkdir(path.join(cwd, 'incidents'));
  const file = path.join(cwd, 'incidents', 'sample-incident.yaml');
  const text = stringify(incident());
  await writeFile(file, text);
  return { cwd, file, text };
}

test('a text left on disk reads back while the file holds it, and refuses once it changed', async (t) => {
  const { file, text } = await recordsFolder();
  const kept = textOnDisk({ display: 'incidents/sample-incident.yaml', relative: 'sample-incident.yaml', text }, file);
  t.is(kept.read(), text);
  t.is(kept.read(), text);
  await writeFile(file, text.replace('A sample incident', 'An edited incident'));
  const changed = t.throws(() => kept.read(), { instanceOf: FileChanged });
  t.is(changed?.message, 'incidents/sample-incident.yaml: the file changed while the build ran; run the build again');
  await rm(file);
  t.throws(() => kept.read(), { instanceOf: FileChanged });
});

test('a record edited between checking and drawing stops the build, and its output is abandoned', async (t) => {
  const { cwd, file, text } = await recordsFolder();
  const written: string[] = [];
  const ends: string[] = [];
  const result = await renderBuild({ dir: 'incidents', cwd, now: NOW }, async (): Promise<Target> => {
    // The target opens once the records are checked: the edit lands before any page is drawn.
    await writeFile(file, text.replace('A sample incident', 'An edited incident'));
    // A sink writes what it is given: a text left on disk is read (and checked) as it is written.
    const sink = (p: string, text: FileText) => {
      wholeText(text);
      written.push(p);
    };
    return { sink, finish: async () => void ends.push('finish'), abandon: async () => void ends.push('abandon') };
  });
  t.false(result.ok);
  t.is(!result.ok && result.error, 'incidents/sample-incident.yaml: the file changed while the build ran; run the build again');
  t.deepEqual(ends, ['abandon']);
  // The YAML download was not written from the edited text.
  t.false(written.includes('records/sample-incident/sample-incident.yaml'));
});

test('a new tree copies a text left on disk on its write thread: without a byte-order mark, and only while the file holds the text checked', async (t) => {
  const { cwd, file, text } = await recordsFolder();
  const withMark = path.join(cwd, 'incidents', 'marked.yaml');
  await writeFile(withMark, `\uFEFF${text}`);
  const source = (relative: string) => ({ display: `incidents/${relative}`, relative, text });
  const out = path.join(cwd, 'out');

  const writer = await TreeWriter.begin(out);
  writer.write('a.yaml', textOnDisk(source('sample-incident.yaml'), file));
  writer.write('b.yaml', textOnDisk(source('marked.yaml'), withMark));
  await writer.commit();
  t.is(await readFile(path.join(out, 'a.yaml'), 'utf8'), text);
  t.true((await readFile(path.join(out, 'b.yaml'))).equals(Buffer.from(text)), 'the mark is left out, as when the text is read');

  const again = await TreeWriter.begin(out);
  again.write('a.yaml', textOnDisk(source('sample-incident.yaml'), file));
  await writeFile(file, text.replace('A sample incident', 'A sample incidenT'));
  const failed = await t.throwsAsync(again.commit(), { instanceOf: FileChanged });
  t.is(failed?.message, 'incidents/sample-incident.yaml: the file changed while the build ran; run the build again');
  t.is(await readFile(path.join(out, 'a.yaml'), 'utf8'), text, 'the last tree stays');
});

test('held strings: parsed data keeps its values, aliases met twice and cycles included', (t) => {
  const shared = { url: 'https://example.com/a-long-enough-address' };
  const data: Record<string, any> = { a: shared, b: [shared, 's1', 2, null], long: 'x'.repeat(40), 'é text that is long': 'ünïcödé value, long enough' };
  Object.defineProperty(data, '__proto__', { value: 'an own property', enumerable: true, writable: true, configurable: true });
  data.self = data;
  const held = heldStrings(data);
  t.is(held, data);
  t.is(held.a, held.b[0]);
  t.is(held.a.url, 'https://example.com/a-long-enough-address');
  t.deepEqual(held.b.slice(1), ['s1', 2, null]);
  t.is(held.long, 'x'.repeat(40));
  t.is(held['é text that is long'], 'ünïcödé value, long enough');
  t.is(Object.getOwnPropertyDescriptor(held, '__proto__')?.value, 'an own property');
  t.is(Object.getPrototypeOf(held), Object.prototype);
  t.is(held.self, held);
});
