import { jsonText } from '../../site/data-files.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema (draft-07) of a record, for editors',
  usage: 'schema',
  positionals: 0,
  options: {},
  async run(_args, io) {
    // Loaded here: zod and the schemas are some 0.06 s that other commands need not wait for.
    const { recordJsonSchema } = await import('../../schema/json-schema.js');
    io.stdout.write(jsonText(recordJsonSchema()));
    return EXIT.ok;
  },
};
