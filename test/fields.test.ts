import test from 'ava';
import fc from 'fast-check';
import { codePoints } from '../src/schema/fields.js';
import { toSlug } from '../src/text/slug.js';

// Slugging with every step: what skipping the accent steps for ASCII text must agree with.
const bySteps = (text: string) =>
  text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');

test('slugs: lower-case letters and digits joined by single hyphens, at most 80 characters', (t) => {
  t.is(toSlug('  Cambridge Analytica -- 2018!'), 'cambridge-analytica-2018');
  t.is(toSlug('Société Générale'), 'societe-generale');
  t.is(toSlug('---'), '');
  t.is(toSlug(`${'a'.repeat(79)} b`), 'a'.repeat(79));
});

test('property: text slugs in one pass as with every step (ASCII text skipping the accent steps)', (t) => {
  const ascii = fc.string({ unit: fc.constantFrom(...'aZ09 -_./:!~#\t\n'.split(''), 'x', 'Q'), maxLength: 120 });
  fc.assert(fc.property(ascii, (text) => toSlug(text) === bySteps(text)));
  fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 120 }), (text) => toSlug(text) === bySteps(text)));
  // Words and gaps of any length about the 80-character limit, in other scripts and accented.
  const word = fc.string({ unit: fc.constantFrom('a', 'Z', '7', 'é', 'Ç', 'ß', 'İ', 'ﬁ', 'K', 'Ω', '漢'), minLength: 1, maxLength: 30 });
  const gap = fc.string({ unit: fc.constantFrom(' ', '-', '\u0301', '—', '😀', '\ud800'), minLength: 1, maxLength: 3 });
  fc.assert(fc.property(fc.array(fc.tuple(word, gap), { maxLength: 8 }), (pieces) => {
    const text = pieces.map(([w, g]) => w + g).join('');
    return toSlug(text) === bySteps(text);
  }));
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => toSlug(text) === bySteps(text)));
  t.pass();
});

test('property: code points are counted as iterating a string counts them, lone surrogates included', (t) => {
  t.is(codePoints('a😀b'), 3);
  t.is(codePoints('\ud83d\ud83d\ude00\ude00'), 3, 'a pair between two lone halves');
  const unit = fc.oneof(fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00'), fc.string({ unit: 'binary', maxLength: 3 }));
  fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), (text) => codePoints(text) === [...text].length));
  t.pass();
});
