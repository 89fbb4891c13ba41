import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RULES, type RuleId } from '../src/diagnostics/rules.js';
import { loadDataset } from '../src/load/index.js';
import { readSourceFile } from '../src/load/source-file.js';
import { validateFiles } from '../src/validate/index.js';
import { asFiles, enforcement, incident, NOW, validateTexts } from './helpers/records.js';

type Files = Record<string, string>;
type Case = { fail: Files; pass: Files };

const ok = asFiles(incident());
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
const validYaml = ok['sample-incident.yaml']!;

// One failing and one passing dataset for every rule that works on text; file-level rules
// that need the disk are tested below.
const cases: Partial<Record<RuleId, Case>> = {
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

const diskRules: RuleId[] = ['file-too-large', 'file-encoding', 'file-unreadable'];

test('every rule in the catalogue has a failing and a passing case', (t) => {
  const covered = new Set([...Object.keys(cases), ...diskRules]);
  t.deepEqual(Object.keys(RULES).filter((id) => !covered.has(id)), []);
});

for (const [rule, { fail, pass }] of Object.entries(cases) as Array<[RuleId, Case]>) {
  test(`${rule}: reported for the failing record, not for the passing one`, (t) => {
    const failing = validateTexts(fail);
    t.true(failing.some((d) => d.rule === rule), `expected ${rule} in:\n${failing.map((d) => `${d.rule}: ${d.message}`).join('\n')}`);
    t.true(failing.filter((d) => d.rule === rule).every((d) => d.severity === RULES[rule].severity));
    const passing = validateTexts(pass);
    t.deepEqual(passing.map((d) => `${d.rule}: ${d.message}`), []);
  });
}

async function tempDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-rules-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

async function diskRules_(files: Record<string, string | Uint8Array>): Promise<RuleId[]> {
  const dir = await tempDir(files);
  const loaded = await loadDataset(dir, dir);
  return [...loaded.diagnostics, ...validateFiles(loaded.files, NOW).diagnostics].map((d) => d.rule);
}

test('file-too-large: a file over 1 MiB is refused whole, one at the limit is read', async (t) => {
  const padding = (n: number) => `${validYaml}extra:\n  pad: "${'x'.repeat(n)}"\n`;
  const over = padding(1024 * 1024);
  t.deepEqual(await diskRules_({ 'sample-incident.yaml': over }), ['file-too-large']);
  const at = padding(1024 * 1024 - Buffer.byteLength(padding(0)));
  t.is(Buffer.byteLength(at), 1024 * 1024);
  t.deepEqual(await diskRules_({ 'sample-incident.yaml': at }), []);
});

test('file-encoding: Latin-1 bytes are refused; UTF-8 with a byte-order mark is accepted', async (t) => {
  t.deepEqual(await diskRules_({ 'sample-incident.yaml': Buffer.from(validYaml.replace('Example Corp', 'Caf\u00e9'), 'latin1') }), ['file-encoding']);
  t.deepEqual(await diskRules_({ 'sample-incident.yaml': `\ufeff${validYaml.replace('Example Corp', 'Café')}` }), []);
});

test('file-unreadable: a file that cannot be read is reported, not thrown', async (t) => {
  const result = await readSourceFile('/nonexistent/disclosed/x.yaml', 'x.yaml', 'x.yaml');
  t.true('rule' in result && result.rule === 'file-unreadable');
  t.deepEqual(await diskRules_({ 'sample-incident.yaml': validYaml, 'notes.txt': 'not a record', '.hidden.yaml': 'x: [' }), []);
});
