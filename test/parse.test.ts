import test from 'ava';
import { flowDepthOverflow, MAX_DEPTH, parseRecordFile } from '../src/load/parse.js';
import { locate } from '../src/load/positions.js';

const parse = (text: string) => parseRecordFile({ display: 'x.yaml', relative: 'x.yaml', text });

test('hostile nesting is refused before the parser runs, quickly and in little memory', (t) => {
  const text = `id: ${'['.repeat(500_000)}${']'.repeat(500_000)}`;
  const started = process.hrtime.bigint();
  const parsed = parse(text);
  t.deepEqual(parsed.diagnostics.map((d) => [d.rule, d.start.line, d.start.column]), [['nesting-limit', 1, 4 + MAX_DEPTH + 1]]);
  t.is(parsed.data, undefined);
  t.true(process.hrtime.bigint() - started < 2_000_000_000n);
  t.is(flowDepthOverflow('a: "[[[["\nb: [1, [2]]'), undefined);
});

test('block nesting past the bound is refused', (t) => {
  const text = Array.from({ length: MAX_DEPTH + 2 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n');
  t.deepEqual(parse(text).diagnostics.map((d) => d.rule), ['nesting-limit']);
});

test('positions follow the document through lists, nested keys and aliases', (t) => {
  const parsed = parse('a: &x\n  b: [10, 20]\nc: *x\n');
  t.like(locate(parsed, ['a', 'b', 1]), { start: { line: 2, column: 11 }, end: { line: 2, column: 13 } });
  t.like(locate(parsed, ['a', 'b'], 'key'), { start: { line: 2, column: 3 } });
  t.like(locate(parsed, ['c', 'b', 0]), { start: { line: 2, column: 7 } });
  t.like(locate(parsed, ['a', 'missing']), { start: { line: 2, column: 3 } });
});
