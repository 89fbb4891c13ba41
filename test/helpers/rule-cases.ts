import type { RuleId } from '../../src/diagnostics/rules.js';
import { asFiles, enforcement, incident } from './records.js';

/** Record files by name. */
export type Files = Record<string, string>;
/** A dataset that breaks a rule and one that keeps it. */
export type Case = { fail: Files; pass: Files };

/** A minimal valid dataset. */
export const ok = asFiles(incident());
const inc = (edit: (r: Record<string, any>) => void, id?: string) => {
  const r = incident(id);
  edit(r);
  return asFiles(r);
};
const enf = (edit: (r: Record<string, any>) => void) => {
  const r = enforcement();
  edit(r);
  return asFiles(r, incident());
};
const text = (t: string): Files => ({ 'sample-incident.yaml': t });
/** The minimal valid incident as YAML. */
export const validYaml = ok['sample-incident.yaml']!;

// One failing and one passing dataset for every rule that works on text; file-level rules
// that need the disk are tested below.
export const ruleCases: Partial<Record<RuleId, Case>> = {
  'empty-file': { fail: text('# only a comment\n'), pass: ok },
  'yaml-syntax': { fail: text('id: "unclosed\nkind: incident\n'), pass: ok },
  'multiple-documents': { fail: text(`${validYaml}---\nid: other\n`), pass: ok },
  'duplicate-key': { fail: text(`${validYaml}title: Again\n`), pass: ok },
  'alias-limit': {
    fail: text(`a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`),
    pass: text(validYaml.replace('title: A sample incident', 'title: &t A sample incident') + 'extra:\n  again: *t\n'),
  },
  'nesting-limit': { fail: text(`id: x\nextra: ${'['.repeat(70)}${']'.repeat(70)}\n`), pass: text(`${validYaml}extra:\n  deep: ${'['.repeat(20)}${']'.repeat(20)}\n`) },
  'not-a-mapping': { fail: text('- id: a\n'), pass: ok },
  'unknown-key': { fail: inc((r) => (r.sorces = r.sources)), pass: ok },
  'wrong-kind-key': { fail: inc((r) => (r.amount = { value: 1, currency: 'USD' })), pass: enf(() => {}) },
  'missing-key': { fail: inc((r) => delete r.summary), pass: ok },
  'invalid-type': { fail: inc((r) => (r.title = 1984)), pass: inc((r) => (r.title = '1984')) },
  'invalid-value': { fail: inc((r) => (r.disclosed.by = 'newspaper')), pass: inc((r) => (r.disclosed.by = 'court')) },
  'invalid-slug': { fail: inc((r) => (r.tags = ['Third_Party'])), pass: inc((r) => (r.tags = ['third-party'])) },
  'invalid-text': { fail: inc((r) => (r.organization = 'Two\nlines')), pass: inc((r) => (r.organization = 'One line')) },
  'text-too-long': { fail: inc((r) => (r.title = 'x'.repeat(201))), pass: inc((r) => (r.title = '🙂'.repeat(200))) },
  'empty-list': { fail: inc((r) => (r.events = [])), pass: ok },
  'invalid-number': { fail: enf((r) => (r.amount.value = -1)), pass: enf((r) => (r.amount.value = 0)) },
  'invalid-count': {
    fail: inc((r) => (r.affected = { people: { min: 10, max: 5 } })),
    pass: inc((r) => (r.affected = { people: { min: 5, estimate: 7, max: 10, confirmed: 3 }, organizations: 'unknown' })),
  },
  'invalid-date': { fail: inc((r) => (r.period.start = '2019-02-29')), pass: inc((r) => (r.period.start = '2016-02-29')) },
  'invalid-url': { fail: inc((r) => (r.sources[0].url = 'javascript:alert(1)')), pass: inc((r) => (r.sources[0].url = 'http://example.com/a')) },
  'invalid-currency': { fail: enf((r) => (r.amount.currency = 'usd')), pass: enf((r) => (r.amount.currency = 'USD')) },
  'invalid-jurisdiction': { fail: enf((r) => (r.jurisdiction = 'UK')), pass: enf((r) => (r.jurisdiction = 'US-CA')) },
  placeholder: { fail: inc((r) => (r.sources[0].publisher = 'TODO: who published it')), pass: inc((r) => (r.sources[0].publisher = 'Todos Media')) },
  'bidi-text': { fail: inc((r) => (r.title = 'Safe\u202etxt.exe')), pass: inc((r) => (r.title = 'مرحبا hello')) },
  'duplicate-source-id': {
    fail: inc((r) => r.sources.push({ ...r.sources[0], url: 'https://example.com/b' })),
    pass: inc((r) => {
      r.sources.push({ ...r.sources[0], id: 'second', url: 'https://example.com/b' });
      r.events[0].sources.push('second');
    }),
  },
  'unknown-source': { fail: inc((r) => (r.events[0].sources = ['nowhere'])), pass: ok },
  'unused-source': {
    fail: inc((r) => r.sources.push({ id: 'spare', title: 'S', publisher: 'P', url: 'https://example.com/s' })),
    pass: ok,
  },
  'duplicate-source-url': {
    fail: inc((r) => {
      r.sources.push({ id: 'twin', title: 'T', publisher: 'P', url: 'https://EXAMPLE.com/article?utm=x' });
      r.events[0].sources.push('twin');
    }),
    pass: inc((r) => {
      r.sources.push({ id: 'twin', title: 'T', publisher: 'P', url: 'https://example.com/other' });
      r.events[0].sources.push('twin');
    }),
  },
  'date-order': { fail: inc((r) => (r.period = { start: '2019-05', end: '2019-04' })), pass: inc((r) => (r.period = { start: '2018-04', end: '2018-04-30' })) },
  'future-date': { fail: inc((r) => (r.updated = '2026-11-23')), pass: inc((r) => (r.updated = '2026-11-22')) },
  'self-related': { fail: inc((r) => (r.related = ['sample-incident'])), pass: asFiles({ ...incident(), related: ['other'] }, incident('other')) },
  'duplicate-related': {
    fail: asFiles({ ...incident(), related: ['other', 'other'] }, incident('other')),
    pass: asFiles({ ...incident(), related: ['other'] }, incident('other')),
  },
  'id-mismatch': { fail: { 'renamed.yaml': validYaml }, pass: ok },
  'duplicate-id': { fail: { 'sample-incident.yaml': validYaml, 'sub/sample-incident.yml': validYaml }, pass: ok },
  'dangling-reference': { fail: inc((r) => (r.related = ['nowhere'])), pass: asFiles({ ...incident(), related: ['other'] }, incident('other')) },
  'concerns-not-incident': {
    fail: asFiles({ ...enforcement(), concerns: ['other-fine'] }, enforcement('other-fine')),
    pass: asFiles({ ...enforcement(), concerns: ['sample-incident'] }, incident()),
  },
};


/** Rules whose breaches the JSON Schema can express (the rest need validate: calendars, references, orderings). */
export const SCHEMA_EXPRESSIBLE: ReadonlySet<string> = new Set([
  'not-a-mapping', 'unknown-key', 'wrong-kind-key', 'missing-key', 'invalid-type', 'invalid-value', 'invalid-slug',
  'invalid-text', 'text-too-long', 'empty-list', 'invalid-number', 'invalid-url', 'invalid-currency',
]);
