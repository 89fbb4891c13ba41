import test from 'ava';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { parsePlainYaml } from '../src/load/plain-yaml.js';
import { parseRecordFile } from '../src/load/parse.js';
import { checkFile } from '../src/validate/file.js';
import { DateTime } from 'luxon';
import { syntheticRecord } from '../bench/generate.js';
import { agreesWhereItAnswers } from './helpers/subset.js';

/** What yaml makes of a text, as the full parser reads record files; undefined when it finds an error. */
function yamlData(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
}

// Values near the edges of the subset: every type the core schema resolves, indicators,
// comments, colons, quotes with and without escapes, flow lists good and bad.
const safeScalars = ['word', 'two words', 'Facebook', '2018', '2018-03-17', '2014~', '007', 'https://x.org/a#b', 'a#b', 'caf\u00e9', '\u201cq\u201d', '(x)', "it's", 'a, b', 'a  b', 'x]', '"a"', '"a: b #c"', "'x'", '""', "''", '[a, b]', '[]', '[1, 2]', '[x y, z]', '"a \\" b"', '"say \\"hi\\""', '"a\\\\b"', '"x\\/y"', '"\\"q\\" # c"'];
const edgyScalars = ['1.5', '1e3', '12.', '0x1F', '0o7', '12345678901234567', 'null', 'Null', 'True', 'FALSE', 'yes', 'on', '~', '-x', '- x', 'a: b', 'a:b', 'x:', 'a #b', '@x', '`x', '%x', '!x', '&a', '*a', '.5', '+1', '?x', '|x', '>x', '"\\u00e9"', '"\\n"', '"a\\"', '"\\\\"', '"a \\ b"', '"\\"', '"\\\\\\"', '"a\\tb"', '"\\x41"', '"\\ "', "'it''s'", '"x" y', '[ ]', '[a,,b]', '[a, ]', '[a: b]', '[a, [b]]', '["q"]', '{a: 1}', '\u00a0x', '[a]b]', '[a{b]', '[a:]', '[a,b]', '[a #b]', '[http://x.org]'];
const safeKeys = ['id', 'title', 'tags', 'a-b', '_x', 'k1', 'y', 'on'];
const edgyKeys = ['True', 'null', '__proto__', '1a', 'a b', '"q"', 'a:'];
const pick = (safe: string[], edgy: string[]) => fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...safe) }, { weight: 1, arbitrary: fc.constantFrom(...edgy) });

type Node = { t: 'scalar'; s: string } | { t: 'literal'; lines: string[] } | { t: 'map'; entries: Array<[string, Node]> } | { t: 'list'; items: Node[] };

const { node } = fc.letrec<{ node: Node; scalar: Node; literal: Node; map: Node; list: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('scalar'), tie('literal'), tie('map'), tie('list')),
  scalar: pick(safeScalars, edgyScalars).map((s) => ({ t: 'scalar' as const, s })),
  literal: fc.array(fc.constantFrom('Some text.', 'More **text**.', '  indented', '', '# kept', 'tail  ', '- item'), { minLength: 1, maxLength: 4 }).map((lines) => ({ t: 'literal' as const, lines })),
  map: fc.array(fc.tuple(pick(safeKeys, edgyKeys), tie('node')), { minLength: 1, maxLength: 4 }).map((entries) => ({ t: 'map' as const, entries })),
  list: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ t: 'list' as const, items })),
}));

const pad = (n: number) => ' '.repeat(n);

/** Lines for a key's value (after `key:`), or a list item's (after `-`). */
function valueLines(value: Node, indent: number): { inline: string; below: string[] } {
  switch (value.t) {
    case 'scalar':
      return { inline: ` ${value.s}`, below: [] };
    case 'literal':
      return { inline: ' |', below: value.lines.map((l) => (l === '' ? '' : pad(indent + 2) + l)) };
    case 'map':
      return { inline: '', below: mapLines(value, indent + 2) };
    case 'list':
      return { inline: '', below: listLines(value, indent + 2) };
  }
}

function mapLines(map: Node & { t: 'map' }, indent: number): string[] {
  return map.entries.flatMap(([key, value]) => {
    const { inline, below } = valueLines(value, indent);
    return [`${pad(indent)}${key}:${inline}`, ...below];
  });
}

function listLines(list: Node & { t: 'list' }, indent: number): string[] {
  return list.items.flatMap((item) => {
    if (item.t === 'map') {
      // A mapping in a list starts on the dash's line.
      const [first, ...rest] = mapLines(item, indent + 2);
      return [`${pad(indent)}- ${first!.trimStart()}`, ...rest];
    }
    const { inline, below } = valueLines(item, indent);
    return [`${pad(indent)}-${inline}`, ...below];
  });
}

// Small edits that step out of (or along) the subset's edges: comments, stray spaces,
// indentation off by one, tabs, document markers, a missing final line break.
const edits: Array<(lines: string[], at: number) => string[]> = [
  (l, i) => [...l.slice(0, i), '# a comment', ...l.slice(i)],
  (l, i) => [...l.slice(0, i), '', ...l.slice(i)],
  (l, i) => [...l.slice(0, i), '   ', ...l.slice(i)],
  (l, i) => l.map((x, j) => (j === i ? `${x} ` : x)),
  (l, i) => l.map((x, j) => (j === i ? ` ${x}` : x)),
  (l, i) => l.map((x, j) => (j === i ? x.replace(/^ /, '') : x)),
  (l, i) => l.map((x, j) => (j === i ? `${x} # note` : x)),
  (l, i) => l.map((x, j) => (j === i ? `${x}  #note` : x)),
  (l, i) => l.map((x, j) => (j === i ? `${x}#note` : x)),
  (l, i) => l.map((x, j) => (j === i ? x.replace(' ', '\t') : x)),
  (l) => ['---', ...l],
  (l) => [...l, '...'],
  (l, i) => l.map((x, j) => (j === i ? x.replace('- ', '  - ') : x)),
];

const documents = fc
  .tuple(fc.array(fc.tuple(pick(safeKeys, edgyKeys), node), { minLength: 1, maxLength: 5 }), fc.array(fc.tuple(fc.integer({ min: 0, max: edits.length - 1 }), fc.nat()), { maxLength: 2 }), fc.boolean())
  .map(([entries, chosen, finalBreak]) => {
    let lines = mapLines({ t: 'map', entries }, 0);
    for (const [edit, at] of chosen) lines = edits[edit]!(lines, at % lines.length);
    return lines.join('\n') + (finalBreak ? '\n' : '');
  });

test('property: where the plain YAML subset answers, yaml finds no error and gives the same data', (t) => {
  agreesWhereItAnswers(t, documents, parsePlainYaml, (data, text) => isDeepStrictEqual(data, yamlData(text)), 8000, 800);
});

test('generated and seed records are in the plain subset, with the data yaml gives', (t) => {
  // One generated record in ten has escaped quotes in its title.
  const texts = Array.from({ length: 40 }, (_, i) => syntheticRecord(i).text);
  const seeds = path.resolve('incidents/facebook');
  texts.push(...readdirSync(seeds).map((f) => readFileSync(path.join(seeds, f), 'utf8')));
  for (const text of texts) {
    const plain = parsePlainYaml(text);
    t.not(plain, undefined);
    t.deepEqual(plain, yamlData(text));
  }
});

test('the subset reads comments after values, and refuses what needs the full parser', (t) => {
  const commented = 'a: "x # y" # z\nb: [c, d] #e\nc: | # f\n  g # h\nd: # i\n  - j #k\n';
  t.deepEqual(parsePlainYaml(commented), { a: 'x # y', b: ['c', 'd'], c: 'g # h\n', d: ['j'] });
  t.deepEqual(parsePlainYaml(commented), yamlData(commented));
  for (const text of ['a: 1\na: 2\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '---\na: 1\n', 'a: >\n  folded\n', 'a: |-\n  x\n', 'a: {b: 1}\n', 'a: "\\t"\n', 'a: 1.5\n', 'a: null\n', 'a:\n- x\n', 'a: b\n  c\n', '\ta: 1\n', 'a: 1\r\n', '', '# only\n', '- a\n']) {
    t.is(parsePlainYaml(text), undefined, JSON.stringify(text));
  }
});

test('a file read by the subset still gets located problems: its document is parsed when one needs a place', (t) => {
  const source = { relative: 'x.yaml', display: 'incidents/x.yaml', text: syntheticRecord(3).text.replace(/^kind: \w+/m, 'kind: incidnet') };
  const parsed = parseRecordFile(source);
  t.not(parsed.data, undefined);
  const result = checkFile(source, DateTime.fromISO('2026-11-22T00:00:00Z', { zone: 'utc' }));
  const kind = result.diagnostics.find((d) => /incidnet/.test(d.message));
  t.truthy(kind, JSON.stringify(result.diagnostics));
  t.is(kind!.start.line, 2);
});
