import test from 'ava';
import { ALL_ASIDE_FROM, MarkdownAhead } from '../src/markdown/ahead.js';
import { isRendered, renderMarkdown, renderPlain, renderWithUnified } from '../src/markdown/render.js';
import { WorkerPool } from '../src/parallel/pool.js';
import type { DisclosureRecord } from '../src/schema/record.js';

// Texts no other test renders: the rendered-Markdown memo is shared by the whole process.
const record = (i: number) =>
  ({ summary: `## Ahead ${i}\n\nSummary of ahead ${i}.`, events: [{ description: `Event of *ahead* ${i}.` }] }) as unknown as DisclosureRecord;

test('records offered as they are checked: plain texts are ready at once, the rest come back from one worker in batches, the first twice as large, the last what is left', async (t) => {
  const pool = new WorkerPool(2);
  const batches: number[] = [];
  const watched = { markdownAside: (texts: string[]) => (batches.push(texts.length), pool.markdownAside(texts)) } as unknown as WorkerPool;
  const ahead = new MarkdownAhead(watched);
  try {
    for (let i = 0; i < 350; i++) {
      ahead.offer(record(i));
      t.true(isRendered(`Event of *ahead* ${i}.`), 'a text in the plain subset is written at once');
    }
    // The same record again adds nothing: each text is handed over once.
    ahead.offer(record(0));
    await ahead.settled();
    // What is short of a batch at the end goes to the worker already started.
    t.deepEqual(batches, [200, 100, 50]);
    for (let i = 0; i < 350; i++) {
      const text = record(i).summary;
      t.true(isRendered(text));
      t.is(renderMarkdown(text), renderWithUnified(text));
    }
  } finally {
    await pool.close();
  }
});

test('texts short of the first batch start no worker: they are left for prerenderMarkdown', async (t) => {
  const batches: number[] = [];
  const watched = { markdownAside: (texts: string[]) => (batches.push(texts.length), Promise.resolve(texts.map(() => ''))) } as unknown as WorkerPool;
  const ahead = new MarkdownAhead(watched);
  for (let i = 700; i < 899; i++) ahead.offer(record(i));
  await ahead.settled();
  t.deepEqual(batches, []);
  t.false(isRendered(record(700).summary));
});

test('a batch the worker fails is left unrendered, never an unhandled rejection', async (t) => {
  const failing = { markdownAside: () => Promise.reject(new Error('worker gone')) } as unknown as WorkerPool;
  const ahead = new MarkdownAhead(failing);
  for (let i = 400; i < 600; i++) ahead.offer(record(i));
  await t.notThrowsAsync(ahead.settled());
  t.false(isRendered(record(400).summary));
});

test('with many files to check, every text goes to the worker, plain ones too, in larger batches, and comes back as this thread writes it', async (t) => {
  const pool = new WorkerPool(2);
  const batches: number[] = [];
  const watched = { markdownAside: (texts: string[]) => (batches.push(texts.length), pool.markdownAside(texts)) } as unknown as WorkerPool;
  const ahead = new MarkdownAhead(watched);
  // Plain texts only: none of them needs unified.
  const plain = (i: number) => ({ summary: `Summary of **all** ${i}, see [it](https://x.org/${i}).`, events: [{ description: `Event of all ${i}. More at https://x.org/e/${i}.` }] }) as unknown as DisclosureRecord;
  try {
    ahead.expect(ALL_ASIDE_FROM);
    for (let i = 0; i < 600; i++) ahead.offer(plain(i));
    t.false(isRendered(plain(0).summary), 'handed over, not written here');
    await ahead.settled();
    t.deepEqual(batches, [1000, 200]);
    for (let i = 0; i < 600; i++) for (const text of [plain(i).summary, plain(i).events[0]!.description!]) t.is(renderMarkdown(text), renderPlain(text) ?? 'not in the plain subset');
  } finally {
    await pool.close();
  }
  // Fewer files: plain texts are written here at once, as before.
  const few = new MarkdownAhead(watched);
  few.expect(ALL_ASIDE_FROM - 1);
  few.offer(plain(1000));
  t.true(isRendered(plain(1000).summary));
});
