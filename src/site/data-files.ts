import { FORMAT_VERSION } from '../schema/record.js';
import { recordJsonSchema, SCHEMA_PATH } from '../schema/json-schema.js';
import { recordJson, type ModelRecord } from '../model/normalize.js';
import type { FileText } from './sink.js';

/** Stable JSON text: two-space indented, ending in a newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A record's normalized JSON, as its own download holds it. */
export function recordJsonText(model: ModelRecord): string {
  return jsonText(recordJson(model));
}

/**
 * `data/records.json` from each record's own JSON text: exactly `jsonText` of the whole
 * document (each record indented two levels deeper), without serializing a record whose text is
 * at hand. JSON strings hold no raw line breaks, so re-indenting a text is safe. Made part by
 * part: at 100,000 records the file is larger than the longest string JavaScript allows.
 */
export function* recordsJsonParts(records: readonly ModelRecord[], textOf: (model: ModelRecord) => string = recordJsonText): Generator<string> {
  const head = `{\n  "format": ${JSON.stringify(FORMAT_VERSION)},\n  "count": ${records.length},\n  "records": `;
  if (records.length === 0) return yield `${head}[]\n}\n`;
  yield `${head}[\n`;
  for (const [i, m] of records.entries()) yield `${i === 0 ? '' : ',\n'}    ${textOf(m).trimEnd().replaceAll('\n', '\n    ')}`;
  yield '\n  ]\n}\n';
}

/** `data/records.json` as one string (for small datasets and tests). */
export function recordsJson(records: readonly ModelRecord[], textOf?: (model: ModelRecord) => string): string {
  return [...recordsJsonParts(records, textOf)].join('');
}

/**
 * The machine-readable files of the site: every record normalized, and the JSON Schema.
 * `textOf` may supply records' JSON texts already made (the files a warm build kept).
 */
export function dataFiles(records: readonly ModelRecord[], textOf?: (model: ModelRecord) => string): Map<string, FileText> {
  return new Map<string, FileText>([
    ['data/records.json', recordsJsonParts(records, textOf)],
    [SCHEMA_PATH, jsonText(recordJsonSchema())],
  ]);
}
