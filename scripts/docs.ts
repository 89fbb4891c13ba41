// Regenerates the parts of the repository derived from the schema: the committed JSON Schema
// and the generated sections of docs/record-format.md. A test fails when they are stale.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { renderReference } from '../src/docs/reference.js';
import { recordJsonSchema, SCHEMA_PATH } from '../src/schema/json-schema.js';
import { jsonText } from '../src/site/data-files.js';

await mkdir('schema', { recursive: true });
await writeFile(SCHEMA_PATH, jsonText(recordJsonSchema()));
const doc = await readFile('docs/record-format.md', 'utf8');
await writeFile('docs/record-format.md', renderReference(doc));
process.stderr.write(`wrote ${SCHEMA_PATH} and docs/record-format.md\n`);
