import test from 'ava';
import fc from 'fast-check';
import { markdownToText, renderMarkdown, renderMarkdownBatch, renderUncached } from '../src/markdown/render.js';

test('raw HTML and dangerous links never survive; GFM still renders', (t) => {
  t.is(renderMarkdown('Hello <script>alert(1)</script> **b**'), '<p>Hello alert(1) <strong>b</strong></p>');
  t.is(renderMarkdown('[x](javascript:alert(1)) [m](mailto:a@b.c)'), '<p><a>x</a> <a href="mailto:a@b.c">m</a></p>');
  t.is(renderMarkdown('<img src=x onerror=alert(1)>'), '');
  t.regex(renderMarkdown('| a |\n|---|\n| 1 |'), /<table>/);
  t.is(markdownToText('A **bold** & <b>x</b> "q"'), 'A bold & x "q"');
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
