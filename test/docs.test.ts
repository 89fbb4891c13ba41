import test from 'ava';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { renderReference } from '../src/docs/reference.js';
import { RULES } from '../src/diagnostics/rules.js';
import { recordJsonSchema, SCHEMA_PATH } from '../src/schema/json-schema.js';
import { ENFORCEMENT_KEYS, INCIDENT_KEYS } from '../src/schema/record.js';
import { jsonText } from '../src/site/data-files.js';
import { validateTexts } from './helpers/records.js';

const reference = () => readFile('docs/record-format.md', 'utf8');

test('the generated sections of the reference are current (run npm run docs)', async (t) => {
  const doc = await reference();
  t.is(renderReference(doc), doc);
});

test('the committed JSON Schema is the one the code derives (run npm run docs)', async (t) => {
  t.is(await readFile(SCHEMA_PATH, 'utf8'), jsonText(recordJsonSchema()));
});

test('the reference lists every rule and every key of both kinds', async (t) => {
  const doc = await reference();
  for (const id of Object.keys(RULES)) t.true(doc.includes(`| \`${id}\` |`), id);
  for (const key of [...INCIDENT_KEYS, ...ENFORCEMENT_KEYS]) t.true(doc.includes(`| \`${key}\` |`), key);
});

test('each kind has an example, and every example is a valid record', async (t) => {
  const doc = await reference();
  const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^id: /m.test(y));
  const kinds = examples.map((y) => (parse(y) as { kind: string }).kind).sort();
  t.deepEqual(kinds, ['enforcement', 'incident']);
  const files = Object.fromEntries(examples.map((y) => [`${(parse(y) as { id: string }).id}.yaml`, y]));
  t.deepEqual(validateTexts(files).map((d) => `${d.file}:${d.start.line}: ${d.message}`), []);
});
