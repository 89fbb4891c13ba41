import { createRequire } from 'node:module';
import type { Processor } from 'unified';
import { renderPlainSubset, withoutBareUrls } from './plain-subset.js';

/**
 * GitHub's sanitize schema, narrowed: links and images keep only http, https and mailto
 * (no `javascript:`, `data:` or `vbscript:`), and ids are not prefixed away from footnotes.
 */
function sanitizeSchema(defaultSchema: typeof import('rehype-sanitize').defaultSchema) {
  return {
    ...defaultSchema,
    // remark-rehype already prefixes footnote ids with "user-content-"; do not prefix twice.
    clobberPrefix: '',
    protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'], cite: ['http', 'https'] },
  };
}

const require = createRequire(import.meta.url);
let processors: { gfm: Processor; commonmark: Processor } | undefined;

/**
 * The two processors, built on first use and then reused: building them is the costly part.
 * The unified libraries are some two hundred modules (0.15 to 0.2 s to load), so they are
 * loaded (synchronously, as renders are) only when something is rendered: `validate`, its
 * worker threads and a build that keeps every page never load them.
 *
 * remark-rehype drops raw HTML (it is never passed through), and rehype-sanitize is the second
 * wall behind it. The second processor is CommonMark alone: GFM's extensions cost about 40% of
 * the time of rendering a typical summary (most of it looking for bare URLs), so a text in
 * which none of them can apply takes that one.
 */
function pipelines(): { gfm: Processor; commonmark: Processor } {
  if (processors) return processors;
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
  const remarkRehype = (require('remark-rehype') as typeof import('remark-rehype')).default;
  const { default: rehypeSanitize, defaultSchema } = require('rehype-sanitize') as typeof import('rehype-sanitize');
  const rehypeStringify = (require('rehype-stringify') as typeof import('rehype-stringify')).default;
  const schema = sanitizeSchema(defaultSchema);
  processors = {
    gfm: unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify) as unknown as Processor,
    commonmark: unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify) as unknown as Processor,
  };
  return processors;
}

/** Loads the Markdown libraries now, ahead of a first render that should not wait for them. */
export function loadMarkdown(): void {
  pipelines();
}

/**
 * Whether GFM could read the text differently from CommonMark: it holds a table pipe or a
 * line of dashes and colons, a tilde, a footnote, a task-list box, or, outside plain
 * `[text](destination)` links, something a bare-URL autolink starts with (`www`, `http`, an
 * `@` for e-mail). Erring towards true is always safe.
 */
export function needsGfm(text: string): boolean {
  if (/[|~]|\[\^|\[[ \txX]\]/.test(text)) return true;
  // A one-column table needs no pipe: its delimiter row is dashes with a colon (`-:`).
  if (/^[ \t:-]*:[ \t:-]*$/m.test(text)) return true;
  return /www|http|@/i.test(text.replace(/(?<!\\)\[[^[\]\n\\`<]*\]\([^()[\]\s\\`<]*\)/g, ''));
}

const processorFor = (text: string) => (needsGfm(text) ? pipelines().gfm : pipelines().commonmark);

// Rendering is the costliest step of a build; the same text always renders the same, so a
// long-lived process (dev, or one build's many pages showing one summary) renders it once.
const memo = new Map<string, string>();
const MEMO_LIMIT = 500_000;

/** Renders Markdown with unified alone (what every shortcut must agree with). */
export function renderWithUnified(markdown: string): string {
  return String(processorFor(markdown).processSync(markdown)).trim();
}

/** The HTML of a text in the plain subset (see plain-subset.ts), made without unified; else undefined. */
export function renderPlain(markdown: string): string | undefined {
  return needsGfm(withoutBareUrls(markdown)) ? undefined : renderPlainSubset(markdown);
}

/** Renders Markdown without the memo (what the memo and batches must agree with). */
export function renderUncached(markdown: string): string {
  return renderPlain(markdown) ?? renderWithUnified(markdown);
}

/** Renders a record's Markdown to safe HTML. */
export function renderMarkdown(markdown: string): string {
  const hit = memo.get(markdown);
  if (hit !== undefined) return hit;
  const html = renderUncached(markdown);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(markdown, html);
  return html;
}

/**
 * Lets go of the HTML of texts whose pages are drawn, in a process that will not draw them again
 * (a build): a text asked for later is rendered again.
 */
export function forgetMarkdown(texts: readonly string[]): void {
  for (const text of texts) memo.delete(text);
}

/** Whether this text's HTML is already at hand (rendered earlier in this process). */
export function isRendered(markdown: string): boolean {
  return memo.has(markdown);
}

/** Puts already rendered Markdown (from the cache or worker threads) where renderMarkdown finds it. */
export function primeMarkdown(markdown: string, html: string): void {
  if (memo.size < MEMO_LIMIT) memo.set(markdown, html);
}

// The only named entities rehype-stringify writes.
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&' };

/** Markdown as one line of plain text, for meta descriptions and feeds. */
export function markdownToText(markdown: string, max = 300): string {
  const html = renderMarkdown(markdown);
  // A description takes the first 200 characters of a summary whose HTML runs to 1,500 and
  // more: the text of the first part of the HTML decides it when it is long enough (0.2 s of a
  // cold 10,000-record build for the whole texts). The part ends where a tag does, as the whole
  // is read: what it gives is then the start of the whole's text.
  const part = html.length > 2 * max ? html.slice(0, endOfTagAfter(html, 2 * max)) : html;
  if (part.length < html.length) {
    const text = plainText(part);
    if (afterCharacters(text, 0, max) < text.length) return cut(text, max);
  }
  return cut(plainText(html), max);
}

const TAG = /<[^>]*>/g;

/** Where the first tag ending at or after `from` ends (tags found as `plainText` finds them), or the length. */
function endOfTagAfter(html: string, from: number): number {
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) if (TAG.lastIndex >= from) return TAG.lastIndex;
  return html.length;
}

/** HTML as one line of text: tags dropped, character references decoded, white space collapsed. */
function plainText(html: string): string {
  return html
    .replace(TAG, ' ')
    // One pass, so that a decoded `&` never starts another reference.
    .replace(/&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|(lt|gt|quot|amp));/g, (_, hex?: string, dec?: string, name?: string) =>
      hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ENTITIES[name!]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A text cut to at most `max` characters, an ellipsis last where it was cut. */
function cut(text: string, max: number): string {
  // A text no longer than `max` UTF-16 units has no more than `max` characters: no need to count.
  if (text.length <= max) return text;
  // Longer than `max` characters when two or more follow the first `max - 1`; counted only so far.
  const end = afterCharacters(text, 0, max - 1);
  return afterCharacters(text, end, 1) < text.length ? `${text.slice(0, end).trimEnd()}…` : text;
}

/** The index `count` characters (code points) after `from`, or the text's length. */
function afterCharacters(text: string, from: number, count: number): number {
  let i = from;
  for (let n = 0; n < count && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return Math.min(i, text.length);
}

// Rendering many short texts as one document is about a third faster (measured: 4.5 against
// 3.0 ms for a record's summary and eight descriptions). Texts are joined with a marker
// paragraph and the HTML is split at it. Only texts that cannot reach across the marker are
// joined: none with a fence, an HTML block, a reference definition or a footnote.
const MARKER = 'DISCLOSEDSPLIT7F3A9C';
const SPLIT = `\n<p>${MARKER}</p>\n`;
const LONE = /(^|\n)\s*(```|~~~|<)|\]:|\[\^|DISCLOSEDSPLIT/;

/** Renders texts, in batches where that is safe; the same HTML as rendering each alone. */
export function renderMarkdownBatch(texts: readonly string[], batchSize = 16, remember = true): string[] {
  const out = new Array<string>(texts.length);
  const joinable: number[] = [];
  texts.forEach((text, i) => {
    // Rendered before, or in the plain subset: no unified needed.
    const ready = memo.get(text) ?? renderPlain(text);
    if (ready !== undefined) {
      out[i] = ready;
      if (remember) primeMarkdown(text, ready);
    } else if (LONE.test(text)) out[i] = remember ? renderMarkdown(text) : renderUncached(text);
    else joinable.push(i);
  });
  // Texts that need GFM are batched apart from those that do not: each batch takes the
  // cheapest processor that reads all its texts right.
  const batches = [joinable.filter((i) => needsGfm(texts[i]!)), joinable.filter((i) => !needsGfm(texts[i]!))];
  for (const [b, indexes] of batches.entries()) {
    for (let start = 0; start < indexes.length; start += batchSize) renderGroup(indexes.slice(start, start + batchSize), b === 0 ? pipelines().gfm : pipelines().commonmark);
  }
  return out;

  function renderGroup(group: number[], chosen: Processor): void {
    const html = String(chosen.processSync(group.map((i) => texts[i]!).join(`\n\n${MARKER}\n\n`))).trim();
    const parts = html.split(SPLIT);
    group.forEach((i, j) => {
      // Should a text still reach across the marker, render that group one by one.
      out[i] = parts.length === group.length ? parts[j]!.trim() : renderUncached(texts[i]!);
      if (remember) primeMarkdown(texts[i]!, out[i]!);
    });
  }
}
