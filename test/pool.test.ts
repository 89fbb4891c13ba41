import test from 'ava';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { batchRanges, WorkerPool } from '../src/parallel/pool.js';
import { renderMarkdownBatch } from '../src/markdown/render.js';
import { runTask } from '../src/parallel/tasks.js';
import { syntheticRecord } from '../bench/generate.js';

test('batches cover every item once, in order, and shrink towards the end', (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 4 }), (count, workers) => {
      const ranges = batchRanges(count, workers);
      let next = 0;
      for (const [start, end] of ranges) {
        if (start !== next || end <= start) return false;
        next = end;
      }
      const sizes = ranges.map(([start, end]) => end - start);
      // Sizes never grow (but for the last, which takes what is left), so threads finish together.
      return next === count && sizes.slice(0, -1).every((size, i) => i === 0 || size <= sizes[i - 1]!);
    }),
  );
  const sizes = batchRanges(10_000, 2).map(([start, end]) => end - start);
  t.true(sizes[0]! > 1000, 'the first batches are large: few round trips');
  t.true(sizes.at(-1)! <= 100, 'the last are small: no thread waits long for the other');
  t.true(batchRanges(200_000, 2).every(([start, end]) => end - start <= 2000), 'none so large that its results make one huge message');
});

test('work spread over the threads comes back in the items\' order, as on one thread', async (t) => {
  // Headings are outside the plain subset: the threads render these with unified.
  const texts = Array.from({ length: 900 }, (_, i) => `## Item ${i}\n\nItem *${i}* of [the list](https://example.org/${i})`);
  const pool = new WorkerPool(2);
  try {
    t.deepEqual(await pool.markdown(texts), renderMarkdownBatch(texts, 16, false));
  } finally {
    await pool.close();
  }
});

test('files checked on the worker threads give the results the main thread gives', async (t) => {
  // A folded summary keeps each file out of the plain YAML subset: the work the threads get.
  const sources = Array.from({ length: 2600 }, (_, i) => ({ relative: `r${i}.yaml`, display: `incidents/r${i}.yaml`, text: syntheticRecord(i).text.replace('summary: |', 'summary: >') }));
  const task = { kind: 'check' as const, sources, now: '2026-11-22T00:00:00.000Z' };
  const pool = new WorkerPool(2);
  try {
    t.deepEqual(await pool.check(task), await runTask(task));
  } finally {
    await pool.close();
  }
});

test('a build started from `node --input-type=module -e` starts its threads and finishes', async (t) => {
  // Node hands its options to every thread unless told otherwise; this one made the threads'
  // modules fail to load, and the build waited two minutes on its writer before giving up.
  const out = await mkdtemp(path.join(os.tmpdir(), 'disclosed-eval-'));
  const main = new URL('../src/cli/main.js', import.meta.url).href;
  const argv = ['build', '--dir', 'incidents', '--out', out, '--now', '2026-11-22', '--quiet'];
  const code = `process.argv = [process.argv[0], 'disclosed', ...${JSON.stringify(argv)}]; await import(${JSON.stringify(main)});`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  t.is(run.status, 0, run.stderr);
  t.regex(run.stderr, /^built \d+ records into /);
  t.true(existsSync(path.join(out, 'index.html')));
});
