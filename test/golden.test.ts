import test from 'ava';
import { readFile } from 'node:fs/promises';
import { cli } from './helpers/cli.js';

// The expected files were read line by line by a person: each message names the right file,
// line and column, and says what is wrong in plain words. Regenerate them only on purpose.
const dir = 'test/fixtures/bad/incidents';

test('text messages for the bad-records fixture match the golden file', async (t) => {
  const run = await cli(['validate', '--dir', dir, '--now', '2026-11-22']);
  t.is(run.code, 1);
  t.is(run.stdout, await readFile('test/fixtures/bad/expected.txt', 'utf8'));
  t.regex(run.stderr, /^\d+ errors, \d+ warnings in 17 files\n$/);
  t.notRegex(run.stdout + run.stderr, /\n\s+at /, 'no stack trace');
});

test('JSON messages match the golden file and carry the documented fields', async (t) => {
  const run = await cli(['validate', '--dir', dir, '--now', '2026-11-22', '--format', 'json']);
  t.is(run.code, 1);
  t.is(run.stdout, await readFile('test/fixtures/bad/expected.json', 'utf8'));
  const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
  for (const row of rows) t.deepEqual(Object.keys(row), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
});

test('GitHub annotations match the golden file', async (t) => {
  const run = await cli(['validate', '--dir', dir, '--now', '2026-11-22', '--format', 'github']);
  t.is(run.code, 1);
  t.is(run.stdout, await readFile('test/fixtures/bad/expected.github.txt', 'utf8'));
});

test('on a terminal: code frames, colour unless NO_COLOR', async (t) => {
  const plain = await cli(['validate', '--dir', dir, '--now', '2026-11-22'], { tty: true, env: { NO_COLOR: '1' } });
  t.is(plain.stdout, await readFile('test/fixtures/bad/expected.pretty.txt', 'utf8'));
  const colour = await cli(['validate', '--dir', dir, '--now', '2026-11-22'], { tty: true, env: {} });
  t.regex(colour.stdout, /\u001b\[31m/);
  t.is(colour.stdout.replace(/\u001b\[\d+m/g, ''), plain.stdout);
});
