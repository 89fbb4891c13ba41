import { contentKey, loadCache } from '../cache/build-cache.js';
import type { Runtime } from '../check-files.js';
import type { ModelRecord } from '../model/normalize.js';
import { isRendered, primeMarkdown } from './render.js';

/** Every Markdown text of the records: summaries, event descriptions, corrections, withdrawals. */
export function markdownTexts(records: readonly ModelRecord[]): string[] {
  const texts = new Set<string>();
  for (const { source: r } of records) {
    texts.add(r.summary);
    for (const e of r.events) if (e.description) texts.add(e.description);
    for (const c of r.corrections ?? []) texts.add(c.note);
    if (r.withdrawn) texts.add(r.withdrawn.reason);
  }
  return [...texts];
}

const prerendered = new WeakSet<object>();

/**
 * Renders all the records' Markdown before any page is drawn: from the cache where it was
 * rendered before, the rest spread over the worker threads. Pages then find it ready.
 */
export async function prerenderMarkdown(records: readonly ModelRecord[], runtime: Runtime = {}): Promise<void> {
  const { cache, pool } = runtime;
  if (cache) await loadCache(cache);
  // Records whose texts were rendered earlier in this process (dev's rebuilds keep the same
  // record objects for unchanged files) need no look-up at all.
  const fresh = records.filter((m) => !prerendered.has(m.source));
  const texts = markdownTexts(fresh).filter((text) => !isRendered(text));
  const todo: Array<{ text: string; key: string | undefined }> = [];
  for (const text of texts) {
    const key = cache && contentKey(text);
    const hit = key === undefined ? undefined : cache!.markdown.get(key);
    if (hit !== undefined) {
      primeMarkdown(text, hit);
      cache!.used.markdown.add(key!);
    } else todo.push({ text, key });
  }
  const done = () => fresh.forEach((m) => prerendered.add(m.source));
  if (todo.length === 0 || !pool) return done();
  const html = await pool.markdown(todo.map((t) => t.text));
  todo.forEach(({ text, key }, i) => {
    primeMarkdown(text, html[i]!);
    if (cache && key !== undefined) {
      cache.markdown.set(key, html[i]!);
      cache.used.markdown.add(key);
      cache.dirty = true;
    }
  });
  done();
}
