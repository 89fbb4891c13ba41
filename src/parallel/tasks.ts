import { DateTime } from 'luxon';
import { DATETIME_LOCALE } from '../dates/parse.js';
import type { SourceFile } from '../load/source-file.js';
import { renderMarkdownBatch } from '../markdown/render.js';
import { parseRecordDocument } from '../load/parse.js';
import type { FileResult } from '../validate/file.js';

/**
 * Work a worker thread can do: check files the plain YAML subset refused (`checkSources` reads
 * the rest itself), or render Markdown. Plain data both ways.
 */
export type Task = { kind: 'check'; sources: SourceFile[]; now: string } | { kind: 'markdown'; texts: string[] };

/** What each task returns. */
export type TaskResult<T extends Task> = T extends { kind: 'check' } ? FileResult[] : string[];

/**
 * Runs a task; the same code runs in workers and, for small inputs, on the main thread. The
 * validator (zod and the schemas, some 0.06 s) is loaded by the first check, so that a main
 * thread that only renders Markdown here never loads it.
 */
export async function runTask(task: Task): Promise<FileResult[] | string[]> {
  if (task.kind === 'check') {
    const { checkFile } = await import('../validate/file.js');
    const now = DateTime.fromISO(task.now, { zone: 'utc', locale: DATETIME_LOCALE });
    // The subset was tried on these already: straight to yaml's full parser.
    return task.sources.map((s) => checkFile(s, now, parseRecordDocument(s)));
  }
  // A worker's results go back to the main thread, which keeps them; the worker keeps nothing.
  return renderMarkdownBatch(task.texts, 16, false);
}
