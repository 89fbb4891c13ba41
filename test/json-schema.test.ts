import test from 'ava';
import { Ajv } from 'ajv';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { checkDirectory } from '../src/check.js';
import { SCHEMA_PATH } from '../src/schema/json-schema.js';
import { NOW } from './helpers/records.js';
import { SCHEMA_EXPRESSIBLE, ruleCases } from './helpers/rule-cases.js';

// The JSON Schema editors use must agree with `disclosed validate` on shape: every valid record
// passes it, and every bad record whose fault is one of shape fails it.
const schema = JSON.parse(await readFile(SCHEMA_PATH, 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const check = ajv.compile(schema);

test('every record of the dataset passes the JSON Schema', async (t) => {
  const { records } = await checkDirectory({ dir: 'incidents', now: NOW });
  t.true(records.length >= 5);
  for (const { record, source } of records) t.true(check(record), `${source.display}: ${ajv.errorsText(check.errors)}`);
});

test('every passing rule case passes the schema; every shape-level failing case fails it', (t) => {
  for (const [rule, { fail, pass }] of Object.entries(ruleCases)) {
    for (const [name, text] of Object.entries(pass)) {
      const data = parse(text) as unknown;
      if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'kind' in data) t.true(check(data), `${rule} pass ${name}: ${ajv.errorsText(check.errors)}`);
    }
    if (!SCHEMA_EXPRESSIBLE.has(rule)) continue;
    const results = Object.values(fail).map((text) => check(parse(text)));
    t.true(results.includes(false), `${rule}: the schema accepted a record validate rejects`);
  }
});
