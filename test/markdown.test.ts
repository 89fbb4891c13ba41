import test from 'ava';
import fc from 'fast-check';
import { markdownToText, needsGfm, renderMarkdown, renderMarkdownBatch, renderPlain, renderUncached, renderWithUnified } from '../src/markdown/render.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { agreesWhereItAnswers } from './helpers/subset.js';

test('raw HTML and dangerous links never survive; GFM still renders', (t) => {
  t.is(renderMarkdown('Hello <script>alert(1)</script> **b**'), '<p>Hello alert(1) <strong>b</strong></p>');
  t.is(renderMarkdown('[x](javascript:alert(1)) [m](mailto:a@b.c)'), '<p><a>x</a> <a href="mailto:a@b.c">m</a></p>');
  t.is(renderMarkdown('<img src=x onerror=alert(1)>'), '');
  t.regex(renderMarkdown('| a |\n|---|\n| 1 |'), /<table>/);
  t.is(markdownToText('A **bold** & <b>x</b> "q"'), 'A bold & x "q"');
});

test('plain text decodes each character reference once: a literal "&lt;" stays as written', (t) => {
  t.is(markdownToText('x < y & `<b>` caf\u00e9'), 'x < y & <b> caf\u00e9');
  t.is(markdownToText('write &amp;lt; for <'), 'write &lt; for <');
  t.is(markdownToText('&#x26;#x3C; &#60;'), '&#x3C; <');
});

test('plain text is cut to at most `max` characters, counting an emoji as one', (t) => {
  t.is(markdownToText('\u{1F600}'.repeat(4), 4), '\u{1F600}'.repeat(4));
  t.is(markdownToText('\u{1F600}'.repeat(5), 4), `${'\u{1F600}'.repeat(3)}…`);
  t.is(markdownToText('one two three', 8), 'one two…');
  t.is(markdownToText('one two', 7), 'one two');
});

/** markdownToText as it was, from the whole HTML: what the cut from part of it must agree with. */
function wholeText(markdown: string, max: number): string {
  const names: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&' };
  const text = renderMarkdown(markdown)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|(lt|gt|quot|amp));/g, (_, hex?: string, dec?: string, name?: string) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : names[name!]!))
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

test('property: plain text cut from the first part of the HTML is the text cut from all of it', (t) => {
  const word = fc.constantFrom('word', 'x', '**bold**', '*em*', '[a link](https://example.com/a?b=1&c=2 "t>i<t")', '&amp;', '&#60;', '<b>', '`a<b`', '\u{1F600}', 'caf\u00e9', '  ', '\n', '\n\n', '- ', '> ', 'a>b', '&lt;');
  const markdown = fc.array(word, { maxLength: 400 }).map((w) => w.join(' '));
  t.notThrows(() => fc.assert(fc.property(markdown, fc.integer({ min: 1, max: 260 }), (md, max) => markdownToText(md, max) === wholeText(md, max)), { numRuns: 3000 }));
});

const pieces = ['Plain text.', '**bold** and *em*', '- a\n- b', '1. one\n2. two', '> quote', '[link](https://example.com)', 'a | b\n--|--\n1 | 2', '```\ncode\n```', '<div>html</div>', '[ref]: https://x.y', 'text[^1]\n\n[^1]: note', 'https://auto.link', '# Heading', 'line  \nbreak', '    indented code', '* * *'];

test('property: batched rendering gives exactly the HTML of rendering each text alone', (t) => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((p) => p.join('\n\n')), { minLength: 1, maxLength: 20 }), (texts) => {
      const batched = renderMarkdownBatch(texts);
      return batched.every((html, i) => html === renderUncached(texts[i]!));
    }),
    { numRuns: 60 },
  );
  t.pass();
});

// Texts built from the pieces GFM reacts to (and near misses), to find one it reads differently.
const tokens = ['a', ' ', '\n', '\n\n', 'www.x.org', 'http://x.org', 'https://y.net/p', 'a@b.co', 'mailto:', '[', ']', '(', ')', '\\', '|', '-', '~', '~~', '^', '[^1]', '[x]', '[ ]', '- ', '* ', '`', '<', '>', '!', ':', '.', '_', '*', '#', ':-', '-:', ':', '---', '\n- a', '\n1. b', '[l](http://x.org)', '](https://y.net)', '[t](www.x.org)'];

test('property: a text that needs no GFM renders the same with CommonMark alone as with GFM', (t) => {
  const gfm = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);
  const plain = unified().use(remarkParse).use(remarkRehype).use(rehypeStringify);
  let plainCases = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 30 }).map((p) => p.join('')), (text) => {
      if (needsGfm(text)) return true;
      plainCases++;
      return String(plain.processSync(text)) === String(gfm.processSync(text));
    }),
    { numRuns: 3000 },
  );
  t.true(plainCases > 300, `only ${plainCases} texts exercised the CommonMark path`);
  // Links keep their URLs out of the question; bare URLs, escaped brackets and pipes do not.
  t.false(needsGfm('See [the report](https://example.com/r) and [this](http://x.org).'));
  for (const text of ['See https://example.com', 'www.example.com', 'a@b.co', '\\[a](http://x.org)', 'a | b', '~~gone~~', 'x[^1]', '- [ ] task', '[a](http://x "t")']) t.true(needsGfm(text), text);
});

// Lines near the edge of the plain subset: words with every delimiter, bracket and block
// marker CommonMark reacts to, so that the subset's refusals are tested as well as its HTML.
const safeTokens = ['word', 'Word', '2019', ' ', '.', ',', '"', "'", '$', '\u00e9', '*em*', '**strong**', '*two words*', '[text](https://x.org/p?q=1#f)', '[a](http://y.net)', 'https://x.org', 'http://a-b.example.net/p/q.html?r=1;s,t#u'];
const edgyTokens = ['*', '**', '***', '_', '[', ']', '(', ')', '!', ':', ';', '?', '-', '#', '>', '<', '&', '&amp;', '`', '\\', '=', '+', '\u201c', '\u00a0', '\t', '  ', '](https://y.net)', '[t](https://x.org "title")', '[ t ](https://x.org)', '![i](https://x.org/i.png)', '[a](https://x.org/(b))', '_em_', '__b__', 'x_y_', '*em**', '**b*', 'x*y*', '*(x)*', '\n    code', '\n<div>',
  // Bare URLs near the edges of GFM's autolinks.
  'https://x.org/', 'https://x.org/a_b', 'https://x.org:8080/a', 'HTTPS://x.org', 'Http://x.org', 'https://x.', 'https://-x.org', 'https://x--y.org', 'https://x_y.org', 'https://x.org/(a)', 'https://x.org/a&b', 'https://x.org/a%20b', 'https://', 'http:/x.org', 'https://x.org/?', 'www.x.org', 'a@b.co', 'https://x.org/@u', 'https://x.org/a*b', 'https://x.org/~a', 'https://x.org/\u00e9'];
const linePrefixes = ['', '', '', '', '', '', '', '- ', '- ', '- ', '- ', '- ', '* ', '+ ', '1. ', '12) ', '# ', '> ', '    ', ' ', '-', '---', '==='];
const plainish = fc
  .array(
    fc.oneof(
      fc.constant(''),
      fc
        .tuple(fc.constantFrom(...linePrefixes), fc.array(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...safeTokens) }, { weight: 1, arbitrary: fc.constantFrom(...edgyTokens) }), { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', ' ', ' ', ''))
        .map(([p, t, gap]) => p + t.join(gap)),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((lines) => lines.join('\n'));

test('property: the plain subset, where it answers, gives exactly the HTML unified makes', (t) => {
  agreesWhereItAnswers(t, plainish, renderPlain, (html, text) => html === renderWithUnified(text), 10000, 600);
});

// What records hold: paragraphs and tight bullet lists of sentences with emphasis and links.
// Bare URLs as sources are cited in running text, some in parentheses or before punctuation.
const bareUrl = fc
  .tuple(fc.constantFrom('https://example.org/more/3', 'http://www.regulator.gov.uk/news/2019-10-30/fine', 'https://x.org/', 'https://news.example.com/a/b.html?id=12;p=2#s'), fc.constantFrom('', '', '.', ',', ':', ';', '?', '!', ')', '.)'))
  .map(([url, after]) => (after.includes(')') ? `(${url}${after}` : url + after));
const word = fc.constantFrom('apps', 'Users', 'data', '2018', 'Facebook', 'caf\u00e9', '\u201cquoted\u201d', 'U.S.', '(FTC)', '"said"', "it's", 'per-app', '5%', '$5');
const sentence = fc
  .array(fc.oneof({ weight: 6, arbitrary: word }, fc.tuple(fc.constantFrom('*', '**'), word.filter((w) => /^[A-Za-z0-9].*[A-Za-z0-9]$/.test(w))).map(([d, w]) => d + w + d), fc.tuple(word, fc.constantFrom('https://example.com/a', 'http://x.org/p?id=3#top')).map(([w, u]) => `[${w}](${u})`), bareUrl), { minLength: 1, maxLength: 12 })
  .map((words) => `${words.join(' ')}.`)
  // A line such as "2018." would start an ordered list, which is not in the subset.
  .filter((line) => !/^\d+[.)]/.test(line));
const block = fc.oneof(fc.array(sentence, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')), fc.array(sentence, { minLength: 1, maxLength: 4 }).map((items) => items.map((i) => `- ${i}`).join('\n')));
const document = fc
  .array(block, { minLength: 1, maxLength: 4 })
  // Two lists in a row would be one loose list; a paragraph goes between them.
  .map((blocks) => blocks.flatMap((b, i) => (i > 0 && b.startsWith('- ') && blocks[i - 1]!.startsWith('- ') ? ['Between.', b] : [b])).join('\n\n'));

test('property: the paragraphs, lists, emphasis and links records are made of are in the plain subset', (t) => {
  fc.assert(
    fc.property(document, (text) => {
      const plain = renderPlain(text);
      return plain !== undefined && plain === renderWithUnified(text);
    }),
    { numRuns: 1500 },
  );
  t.is(renderPlain('See **this** and [that](https://example.com/x).\n\n- one *item*\n- two\n\nEnd.\n'), '<p>See <strong>this</strong> and <a href="https://example.com/x">that</a>.</p>\n<ul>\n<li>one <em>item</em></li>\n<li>two</li>\n</ul>\n<p>End.</p>');
  for (const text of ['# Title', '1. one', '> quoted', 'a*b*c', '- a\n\n- b', '- a\nlazy', 'para\n- list', 'x &amp; y', 'hard  \nbreak', '![i](https://x.org/i.png)', '']) t.is(renderPlain(text), undefined, text);
});
