import type { WorkerPool } from '../parallel/pool.js';
import type { DisclosureRecord } from '../schema/record.js';
import { recordMarkdown } from './texts.js';
import { isRendered, primeMarkdown, renderPlain } from './render.js';

/**
 * Texts handed to a worker at once: about a quarter of a second of unified's work. The first
 * batch waits for twice as many, so that a worker is started only for more work than starting
 * it costs: at 1,000 records with a tenth needing GFM, one worker for their 100 summaries made
 * checking and rendering 0.1 s slower than rendering them on this thread.
 */
const BATCH = 100;
const FIRST_BATCH = 2 * BATCH;

/**
 * From this many files to check, the texts in the plain subset may go to the worker too, in
 * batches of `ALL_BATCH`: writing them took this thread some 0.6 s of a cold 10,000-record
 * build's checking (85,000 texts), with the second core idle while it checked (none of those
 * texts needing unified). Fewer files are not worth a worker's start.
 */
export const ALL_ASIDE_FROM = 2000;
const ALL_BATCH = 1000;

/**
 * They go only when the first `SAMPLE` texts held at most `SAMPLE_HARD` outside the plain
 * subset: the worker then has time for them. With one summary in ten needing GFM (some 4.5 s
 * of the worker's time at 10,000 records), the plain texts sent too kept the build waiting
 * 1.75 s for the worker once checking ended, against 0.5 s with them written here.
 */
export const SAMPLE = 2000;
export const SAMPLE_HARD = 4;

/**
 * Starts on a record's Markdown as soon as its file is checked, rather than after every file
 * is: texts in the plain subset are written at once, and the rest (which need unified) go to
 * one worker thread in batches while this thread checks the next files (with many files to
 * check and few texts needing unified among the first, every text goes: `ALL_ASIDE_FROM`).
 * A cold build at 10,000 records, one in ten of them needing GFM, otherwise spent 2.5 s
 * waiting for the workers after checking, with the second core idle while it checked.
 *
 * Texts short of a full batch when checking ends go to the worker as one more batch, if a
 * worker was started: it has unified loaded, and this thread would load it for them (some
 * 0.2 s, and its memory) after waiting for the worker anyway. Otherwise they are left to
 * `prerenderMarkdown`, which renders what is still missing as before; so a rebuild of one
 * changed record never starts a worker for it.
 */
export class MarkdownAhead {
  private waiting: string[] = [];
  private readonly taken = new Set<string>();
  private readonly sent: Array<Promise<void>> = [];
  // Every text goes to the worker, not only those outside the plain subset (see `expect`):
  // decided once `SAMPLE` texts are seen, when many files are to be checked.
  private all = false;
  private mayAll = false;
  private seen = 0;
  private hard = 0;

  constructor(private readonly pool: WorkerPool) {}

  /** Tells how many files are about to be checked (and their records offered). */
  expect(files: number): void {
    this.mayAll = files >= ALL_ASIDE_FROM;
  }

  /** A record just checked: its texts are rendered now, or handed over. */
  offer(record: DisclosureRecord): void {
    for (const text of recordMarkdown(record)) {
      if (this.taken.has(text) || isRendered(text)) continue;
      const plain = this.all ? undefined : renderPlain(text);
      if (plain !== undefined) primeMarkdown(text, plain);
      else {
        if (!this.all) this.hard++;
        this.taken.add(text);
        this.waiting.push(text);
      }
      if (++this.seen === SAMPLE) this.all = this.mayAll && this.hard <= SAMPLE_HARD;
    }
    if (this.waiting.length >= (this.all ? ALL_BATCH : this.sent.length === 0 ? FIRST_BATCH : BATCH)) this.send();
  }

  private send(): void {
    const texts = this.waiting;
    this.waiting = [];
    // A failed batch is left unrendered, for prerenderMarkdown to render as it would have.
    this.sent.push(this.pool.markdownAside(texts).then((html) => texts.forEach((text, i) => primeMarkdown(text, html[i]!)), () => undefined));
  }

  /**
   * Hands the texts still waiting to the worker, if one was started, and waits until every
   * batch handed over is back (and its texts ready for `renderMarkdown`).
   */
  async settled(): Promise<void> {
    if (this.sent.length > 0 && this.waiting.length > 0) this.send();
    await Promise.all(this.sent);
  }
}
