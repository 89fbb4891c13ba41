import test from 'ava';
import fc from 'fast-check';
import { markdownToText, needsGfm, renderMarkdown, renderMarkdownBatch, renderUncached } from '../src/markdown/render.js';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';

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
