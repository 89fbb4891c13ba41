import { recordJsonSchema } from '../../schema/json-schema.js';
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
    io.stdout.write(jsonText(recordJsonSchema()));
    return EXIT.ok;
  },
};
