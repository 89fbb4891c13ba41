import test from 'ava';
import { ALL_ASIDE_FROM, MarkdownAhead, SAMPLE, SAMPLE_HARD } from '../src/markdown/ahead.js';
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

test('with many files to check and few texts needing unified among the first, every text goes to the worker, plain ones too, in larger batches', async (t) => {
  const pool = new WorkerPool(2);
  const batches: number[] = [];
  const watched = { markdownAside: (texts: string[]) => (batches.push(texts.length), pool.markdownAside(texts)) } as unknown as WorkerPool;
  // Two texts a record, in the plain subset; `hard` adds a heading, which needs unified.
  const plain = (i: number, hard = false) => ({ summary: `${hard ? '## Heading\n\n' : ''}Summary of **all** ${i}, see [it](https://x.org/${i}).`, events: [{ description: `Event of all ${i}. More at https://x.org/e/${i}.` }] }) as unknown as DisclosureRecord;
  const texts = (r: DisclosureRecord) => [r.summary, r.events[0]!.description!];
  try {
    const ahead = new MarkdownAhead(watched);
    ahead.expect(ALL_ASIDE_FROM);
    const sampled = SAMPLE / 2;
    for (let i = 0; i < sampled + 600; i++) ahead.offer(plain(i));
    t.true(isRendered(plain(0).summary), 'the sample is written here');
    t.false(isRendered(plain(sampled).summary), 'what follows is handed over');
    await ahead.settled();
    t.deepEqual(batches, [1000, 200]);
    for (let i = 0; i < sampled + 600; i++) for (const text of texts(plain(i))) t.is(renderMarkdown(text), renderPlain(text) ?? 'not in the plain subset');

    // More texts needing unified among the first: plain ones stay here.
    batches.length = 0;
    const mixed = new MarkdownAhead(watched);
    mixed.expect(ALL_ASIDE_FROM);
    for (let i = 5000; i < 5000 + sampled + 300; i++) mixed.offer(plain(i, i < 5000 + SAMPLE_HARD + 1));
    t.true(isRendered(plain(5000 + sampled + 299).summary));
    await mixed.settled();
    // Short of a first batch, the texts needing unified are left for prerenderMarkdown.
    t.deepEqual(batches, []);
    t.false(isRendered(plain(5000, true).summary));
  } finally {
    await pool.close();
  }
  // Fewer files: plain texts are written here, as before.
  const few = new MarkdownAhead(watched);
  few.expect(ALL_ASIDE_FROM - 1);
  for (let i = 9000; i < 9000 + SAMPLE; i++) few.offer(plain(i));
  t.true(isRendered(plain(9000 + SAMPLE - 1).summary));
});
