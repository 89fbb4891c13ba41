import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ProgressLine } from '../src/cli/progress-line.js';
import { cli } from './helpers/cli.js';

const CLEAR = '\r\u001b[K';

test('the progress line is redrawn in place, at most ten times a second but at once when a phase ends', (t) => {
  let now = 1000;
  const out: string[] = [];
  const line = new ProgressLine((text) => out.push(text), () => now);
  line.checked(1);
  t.deepEqual(out, [`${CLEAR}started · 1 record checked · 0.0 s`]);
  now += 50;
  line.checked(9999);
  line.written();
  t.is(out.length, 1, 'not redrawn within a tenth of a second');
  now += 60;
  line.written();
  t.is(out.at(-1), `${CLEAR}started · 10,000 records checked · 2 files written · 0.1 s`);
  now += 10;
  line.phaseDone('check files');
  t.is(out.at(-1), `${CLEAR}check files done · 10,000 records checked · 2 files written · 0.1 s`);
  line.clear();
  t.is(out.at(-1), CLEAR);
});

test('a build on a terminal shows records checked and files written, and clears the line before its summary', async (t) => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'disclosed-progress-'));
  const args = ['build', '--dir', 'incidents', '--out', out, '--now', '2026-11-22', '--no-cache'];
  const run = await cli(args, { tty: true });
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /\r\u001b\[K[^\r]* · \d+ records checked · [^\r]*\d+ files written · \d+\.\d s/);
  const summary = run.stderr.slice(run.stderr.lastIndexOf(CLEAR) + CLEAR.length);
  t.regex(summary, /^built \d+ records into /);
  for (const quiet of [await cli([...args, '--quiet'], { tty: true }), await cli(args)]) {
    t.is(quiet.code, 0);
    t.false(quiet.stderr.includes(CLEAR), 'no progress line with --quiet or off a terminal');
  }
});
