import * as z from 'zod';
import { FORMAT_VERSION, RecordSchema } from './record.js';
import { paths } from '../model/paths.js';

/** Where the published schema lives, relative to the site root and in the repository. */
export const SCHEMA_PATH = paths.schema;

/**
 * The JSON Schema (draft-07) of a record, for editors (`# yaml-language-server: $schema=...`)
 * and other tools. Checks that JSON Schema cannot say (real calendar dates, cross-references)
 * stay with `disclosed validate`.
 */
export function recordJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RecordSchema, { target: 'draft-07', io: 'input', unrepresentable: 'any' });
  return {
    $schema: schema.$schema,
    title: `disclosed record, format version ${FORMAT_VERSION}`,
    description: 'One incident or enforcement action, with its timeline and sources.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
