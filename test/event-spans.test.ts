import test from 'ava';
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVENT_KEY_BYTES, EVENT_SPAN_BYTES, eventKey, eventsMarker, keyIndex, keyName, lastEvents, spannedKeys, spliceEvents, type SplicedEvent } from '../src/site/event-spans.js';
import { isKeptRange } from '../src/output/files.js';
import { wholeText } from '../src/site/sink.js';

/** An event whose HTML links to the page's root twice, with text beyond ASCII. */
function event(name: string, title: string): SplicedEvent & { html: (root: string) => string } {
  const pieces = [`<li id="${name}"><a href="`, `records/${name}/">${title}</a> <a href="`, 'kinds/">kind</a></li>'];
  return {
    key: () => name.padEnd(EVENT_KEY_BYTES, '.'),
    pieces: () => pieces,
    pieceBytes: () => pieces.reduce((n, p) => n + Buffer.byteLength(p), 0),
    html: (root) => pieces.join(root),
  };
}

const page = (years: number) => `<h1>Zeitleiste · 2019–2020</h1>${Array.from({ length: years }, (_, i) => `<section>${eventsMarker(i)}</section>`).join('\n')}<footer>fin</footer>`;

test('a page spliced with its events is the page drawn whole, and each event is placed where it went', (t) => {
  const [a, b, c] = [event('a', 'Données'), event('b', 'Bußgeld £500,000'), event('c', 'plain')];
  const { parts, spans } = spliceEvents(page(2), [[a, b], [c]], '../../');
  const whole = `<h1>Zeitleiste · 2019–2020</h1><section>${a.html('../../')}${b.html('../../')}</section>\n<section>${c.html('../../')}</section><footer>fin</footer>`;
  t.is(wholeText(parts), whole);
  t.false(parts.some(isKeptRange), 'nothing to copy without a last build');
  t.is(spans.length, 3 * EVENT_SPAN_BYTES);
  const bytes = Buffer.from(whole);
  [a, b, c].forEach((e, i) => {
    const at = i * EVENT_SPAN_BYTES;
    t.is(spans.toString('latin1', at, at + 1), 'abc'[i]!);
    const [start, end] = [spans.readUInt32LE(at + EVENT_KEY_BYTES), spans.readUInt32LE(at + EVENT_KEY_BYTES + 4)];
    t.is(bytes.subarray(start, end).toString(), e.html('../../'));
  });
});

test('a page drawn again copies the events the last build placed, stretch by stretch, and draws the rest', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-spans-'));
  const file = path.join(dir, 'index.html');
  const [a, b, c, d] = [event('a', 'Données'), event('b', 'Bußgeld'), event('c', 'plain'), event('d', 'four')];
  const first = spliceEvents(page(2), [[a, b, c], [d]], '../');
  await writeFile(file, wholeText(first.parts));
  const info = await stat(file);
  const last = lastEvents(file, { settings: 's', bytes: info.size, mtimeMs: info.mtimeMs, spans: first.spans });

  // `b` changed; `e` is new; `a`, `c` and `d` are copied.
  const [b2, e] = [event('b2', 'Bußgeld, geändert'), event('e', 'new one')];
  const again = spliceEvents(page(2), [[a, b2, c], [e, d]], '../', last);
  t.is(wholeText(again.parts), wholeText(spliceEvents(page(2), [[a, b2, c], [e, d]], '../').parts));
  const kept = again.parts.filter(isKeptRange);
  t.is(kept.length, 3);
  t.true(kept.every((r) => r.kept === file && r.written.bytes === info.size));

  // Events that lay together and still do are one stretch of the last page.
  const together = spliceEvents(page(2), [[a, b, c], [e]], '../', last).parts.filter(isKeptRange);
  t.is(together.length, 1);
  t.is(together[0]!.end - together[0]!.start, Buffer.byteLength(a.html('../') + b.html('../') + c.html('../')));
  // In another order they are not.
  t.is(spliceEvents(page(1), [[c, b, a]], '../', last).parts.filter(isKeptRange).length, 3);
});

test('a template that shows a year\'s events twice gets them twice; a span outside the file is not copied', async (t) => {
  const [a, b] = [event('a', 'one'), event('b', 'two')];
  const twice = `<p>${eventsMarker(0)}</p><p>${eventsMarker(0)}</p>`;
  const made = spliceEvents(twice, [[a, b]], '');
  t.is(wholeText(made.parts), `<p>${a.html('')}${b.html('')}</p><p>${a.html('')}${b.html('')}</p>`);
  t.is(made.spans.length, 2 * EVENT_SPAN_BYTES, 'each event placed once, where it first appears');
  t.is(made.spans.readUInt32LE(EVENT_KEY_BYTES), 3);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-spans-'));
  const file = path.join(dir, 'index.html');
  await writeFile(file, wholeText(made.parts));
  // The cache says the file ends just before `b` does.
  const bEnd = made.spans.readUInt32LE(EVENT_SPAN_BYTES + EVENT_KEY_BYTES + 4);
  const last = lastEvents(file, { settings: 's', bytes: bEnd - 1, mtimeMs: (await stat(file)).mtimeMs, spans: made.spans });
  t.truthy(last(a.key()));
  t.is(last(b.key()), undefined, 'ends past the size the cache gives the file');
  t.is(last(event('z', '').key()), undefined);
});

test('an event\'s key gives back its record\'s name and its place; the spans give back their keys in order', (t) => {
  const name = 'n\u00ffame-\u0000bytes';
  for (const index of [0, 7, 255, 256, 70_000, 2 ** 31 + 5, 2 ** 32 - 1]) {
    const key = eventKey(name, index);
    t.is(key.length, EVENT_KEY_BYTES);
    t.is(keyName(key), name);
    t.is(keyIndex(key), index);
  }
  const keys = [eventKey(name, 1), eventKey('another-name', 2 ** 31 + 5)];
  const spans = Buffer.concat(keys.map((key) => Buffer.concat([Buffer.from(key, 'latin1'), Buffer.alloc(EVENT_SPAN_BYTES - EVENT_KEY_BYTES, 0xff)])));
  t.deepEqual(spannedKeys(spans), keys);
});
