import { compact } from '../text/compact.js';

/**
 * Most of a dataset's Markdown is plain sentences in paragraphs and bullet lists, with
 * emphasis and links: the same HTML unified's CommonMark pipeline makes for them can be
 * written directly, some fifty times faster. This module accepts only texts whose every
 * character it can account for, and answers `undefined` for anything else (a heading, a
 * quote, code, raw HTML, an image, a loose or nested list, an entity, an escape, a delimiter
 * that would not pair up plainly), which unified then renders. Accepting too little costs
 * time; accepting too much would change pages, so each rule errs towards refusing, and a
 * property test holds the two to the same bytes.
 *
 * What is accepted, line by line (blank lines separate blocks):
 * - a paragraph line, or a bullet item `- text` (items on consecutive lines form one tight
 *   list; a list directly after a list, or mixed with paragraph lines, is refused);
 * - a line neither starts nor ends with white space, and does not start with what starts a
 *   block of another kind: `#`, `>`, `+`, `=`, `-` (but for an item's `- `), or digits and
 *   `.` or `)`;
 * - text is any character but `` *_`\<&[]~| ``, control characters and white space other
 *   than the space (`!` not before `[`);
 * - `*em*` and `**strong**` of text that starts and ends with a letter or digit, opened after
 *   a space, `(` or `"` (or at the line's start) and closed before a space, `.,;:!?)"` (or
 *   at its end): then each delimiter can only open or only close, and they pair as written;
 * - `[text](https://…)` with plain text (not starting or ending with a space) and a URL of
 *   characters that need no percent-encoding or HTML escaping;
 * - a bare `http://` or `https://` URL, which GFM links (an "autolink literal"), in a narrow
 *   form: after a space or `(` (or at the line's start), a domain of letters and digits with
 *   single dashes or dots between them, and a path of characters that need no percent-encoding
 *   or HTML escaping, ending on one GFM never leaves out as trailing punctuation, followed
 *   only by such punctuation (`.,:;?!)`) before a space or the line's end. Any other `http://`
 *   is refused.
 *
 * The caller checks that the text needs no GFM but for such URLs (see `needsGfm` and
 * `withoutBareUrls`): GFM is then CommonMark with those links.
 */

// Text outside links may not run into a bare URL: an `h` that starts one ends the run.
const TEXT = String.raw`[^*_\x60\\<&[\]~|\x00-\x1f\x7f\sh!]|[ ]|!(?!\[)|h(?!ttps?:\/\/)`;
// GFM links no bare URL inside a link's text.
const LINK_TEXT_CHAR = String.raw`[^*_\x60\\<&[\]~|\x00-\x1f\x7f\s!]`;
const EDGE = String.raw`[A-Za-z0-9]`;
const CONTENT = String.raw`${EDGE}(?:(?:${TEXT})*${EDGE})?`;
const LINK_TEXT = String.raw`${LINK_TEXT_CHAR}(?:(?:${LINK_TEXT_CHAR}|[ ]|!(?!\[))*${LINK_TEXT_CHAR})?`;
const URL = String.raw`https?:\/\/[A-Za-z0-9\-._~:/?#=+,;$]+`;
// What follows a bare URL's `http://` or `https://`.
const AFTER_SCHEME = String.raw`[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*(?:\/(?:[A-Za-z0-9\-./:?#=+,;$]*[A-Za-z0-9\-/#=+$])?)?(?=[.,:;?!)]*(?:$| ))`;
const BARE_URL = String.raw`(?<=^|[ (])https?:\/\/${AFTER_SCHEME}`;

/** One piece of a line: emphasis, strong emphasis, a link, a bare URL, or a run of text. */
const PIECE = new RegExp(
  String.raw`(?<=^|[ ("])(\*\*?)(${CONTENT})\1(?=$|[ .,;:!?)"])|\[(${LINK_TEXT})\]\((${URL})\)|(${BARE_URL})|((?:${TEXT})+)`,
  'gy',
);

// BARE_URL, but not a link's destination (which `needsGfm` looks past with the link). Looked
// behind once the scheme is found: looking behind first, at every character, took five times
// as long (0.19 s of a cold 10,000-record build).
const BARE_URLS = new RegExp(String.raw`https?:\/\/(?<=(?:^|[ (])https?:\/\/)(?<!\]\(https?:\/\/)${AFTER_SCHEME}`, 'gm');

/**
 * The text with the bare URLs this subset links replaced by a space: what is left to decide
 * whether GFM could read the text differently from CommonMark.
 */
export function withoutBareUrls(markdown: string): string {
  return markdown.includes('http') ? markdown.replace(BARE_URLS, ' ') : markdown;
}

/** A line may not start with white space or what starts a block of another kind (`*` only as emphasis, see PIECE). */
const LINE_START = /^(?:[^\s#>+=\-\d]|\d(?!\d*[.)]))/;

/** A line's inline content as HTML, or undefined when any part of it is outside the subset. */
function inline(line: string): string | undefined {
  if (!LINE_START.test(line) || line.endsWith(' ')) return undefined;
  let html = '';
  PIECE.lastIndex = 0;
  while (PIECE.lastIndex < line.length) {
    const m = PIECE.exec(line);
    if (!m) return undefined;
    if (m[1]) html += m[1].length === 1 ? `<em>${m[2]}</em>` : `<strong>${m[2]}</strong>`;
    else if (m[3]) html += `<a href="${m[4]}">${m[3]}</a>`;
    else if (m[5]) html += `<a href="${m[5]}">${m[5]}</a>`;
    else html += m[6];
  }
  return html;
}

/** The HTML unified would make of `markdown`, when the text lies in the subset above. */
export function renderPlainSubset(markdown: string): string | undefined {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  // Whether the last block was a list: another list after only blank lines would join it.
  let lastWasList = false;
  const close = () => {
    if (paragraph.length > 0) blocks.push(`<p>${paragraph.join('\n')}</p>`);
    if (items.length > 0) blocks.push(`<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`);
    if (paragraph.length > 0 || items.length > 0) lastWasList = items.length > 0;
    paragraph = [];
    items = [];
  };
  for (const line of markdown.split('\n')) {
    if (line === '') {
      close();
      continue;
    }
    const item = line.startsWith('- ');
    // A list may interrupt a paragraph and a paragraph line continues a list item: refused.
    if (item ? paragraph.length > 0 || (items.length === 0 && lastWasList) : items.length > 0) return undefined;
    const html = inline(item ? line.slice(2) : line);
    if (html === undefined) return undefined;
    (item ? items : paragraph).push(html);
  }
  close();
  // Flattened: the HTML is kept for the whole build, and as built it is a tree of about ten
  // pieces and slices of the text per paragraph (40 MB more at 10,000 records).
  return blocks.length > 0 ? compact(blocks.join('\n')) : undefined;
}
