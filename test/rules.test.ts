import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RULES, type RuleId } from '../src/diagnostics/rules.js';
import { loadDataset } from '../src/load/index.js';
import { readSourceFile } from '../src/load/source-file.js';
import { checkFile } from '../src/validate/file.js';
import { validateFiles } from '../src/validate/index.js';
import { NOW, validateTexts } from './helpers/records.js';
import { ruleCases, validYaml } from './helpers/rule-cases.js';

type Case = { fail: Record<string, string>; pass: Record<string, string> };
const cases = ruleCases;

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
  return [...loaded.diagnostics, ...validateFiles(loaded.files.map((f) => checkFile(f, NOW))).diagnostics].map((d) => d.rule);
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
