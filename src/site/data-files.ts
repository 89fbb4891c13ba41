import { FORMAT_VERSION } from '../schema/record.js';
import { recordJsonSchema, SCHEMA_PATH } from '../schema/json-schema.js';
import { recordJson, type ModelRecord } from '../model/normalize.js';

/** Stable JSON text: two-space indented, ending in a newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The machine-readable files of the site: every record normalized, and the JSON Schema. */
export function dataFiles(records: readonly ModelRecord[]): Map<string, string> {
  return new Map([
    ['data/records.json', jsonText({ format: FORMAT_VERSION, count: records.length, records: records.map(recordJson) })],
    [SCHEMA_PATH, jsonText(recordJsonSchema())],
  ]);
}
