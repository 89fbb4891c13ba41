import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let library: typeof Yaml | undefined;

/**
 * The yaml library, loaded when first used: only a file outside the plain subset, or a problem
 * to locate, needs it (see `readPlainRecordFile`). Loading it took 0.02 s of every run, a
 * rebuild after an edit included. (Its Node entry is CommonJS, so `import` loads it the same.)
 */
export function yaml(): typeof Yaml {
  return (library ??= require('yaml') as typeof Yaml);
}
