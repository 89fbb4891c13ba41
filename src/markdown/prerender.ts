import { loadCache } from '../cache/build-cache.js';
import type { MarkdownStore } from '../cache/markdown-store.js';
import type { Runtime } from '../check-files.js';
import type { ModelRecord } from '../model/normalize.js';
import { recordHash } from '../model/record-hash.js';
import { isRendered, primeMarkdown, renderMarkdown, renderPlain } from './render.js';
import { markdownCount, recordMarkdown } from './texts.js';

// Where a record's HTML lies in the cache, until one of the record's pages is drawn: handing
// all 85,000 texts of 10,000 records to renderMarkdown up front took 0.13 s of a one-record
// rebuild that draws one record, and holding them all, 30 MB of its memory.
const fromCache = new WeakMap<object, { store: MarkdownStore; key: string }>();

/** Makes a record's rendered Markdown from the cache ready for `renderMarkdown`: call before drawing its texts. */
export function readyMarkdown(model: ModelRecord): void {
  const entry = fromCache.get(model.source);
  if (!entry) return;
  fromCache.delete(model.source);
  // An entry that cannot be read back leaves the texts to be rendered again.
  const html = entry.store.get(entry.key);
  if (html) recordMarkdown(model.source).forEach((text, i) => primeMarkdown(text, html[i]!));
}

/**
 * Renders all the records' Markdown before any page is drawn: from the cache where it was
 * rendered before (made ready when the record is drawn, see `readyMarkdown`), the rest spread
 * over the worker threads. Pages then find it ready. The cache keeps a record's HTML under the
 * hash of its file (one look-up a record, and a hash every build makes anyway), in the order
 * of `recordMarkdown`.
 */
export async function prerenderMarkdown(records: readonly ModelRecord[], runtime: Runtime = {}): Promise<void> {
  const { cache, pool, ahead } = runtime;
  if (cache) await loadCache(cache);
  // Texts handed over while the files were checked come back first: none is sent twice.
  await ahead?.settled();
  const todo: Array<{ texts: string[]; key: string | undefined }> = [];
  for (const m of records) {
    const key = cache && recordHash(m);
    if (key !== undefined && cache!.markdown.count(key) === markdownCount(m.source)) {
      fromCache.set(m.source, { store: cache!.markdown, key });
      cache!.used.markdown.add(key);
      continue;
    }
    const texts = recordMarkdown(m.source);
    if (key !== undefined || !texts.every(isRendered)) todo.push({ texts, key });
  }
  // Without worker threads, each text is rendered when its page is drawn.
  if (todo.length === 0 || !pool) return;
  // Each distinct text is rendered once, however many records share it.
  const distinct = [...new Set(todo.flatMap((t) => t.texts))].filter((text) => !isRendered(text));
  // Texts in the plain subset take microseconds here; only the rest are worth sending.
  const htmlOf = new Map<string, string>();
  const hard = distinct.filter((text) => {
    const plain = renderPlain(text);
    if (plain !== undefined) htmlOf.set(text, plain);
    return plain === undefined;
  });
  const html = await pool.markdown(hard);
  hard.forEach((text, i) => htmlOf.set(text, html[i]!));
  htmlOf.forEach((h, text) => primeMarkdown(text, h));
  if (cache) {
    for (const { texts, key } of todo) {
      if (key === undefined) continue;
      // A text rendered earlier in this process was not in the batch; its HTML is at hand.
      cache.markdown.set(key, texts.map((text) => htmlOf.get(text) ?? renderMarkdown(text)));
      cache.used.markdown.add(key);
      cache.dirty = true;
    }
  }
}
