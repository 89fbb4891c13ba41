import { textHash } from '../load/source-file.js';
import type { ModelRecord } from './normalize.js';

// Each model's hash, made once; a model whose text was left on disk comes with it.
const hashes = new WeakMap<ModelRecord, string>();

/**
 * The hash of a record's file text, once per record: everything the record itself shows (its
 * pages, events, rendered Markdown) follows from it.
 */
export function recordHash(model: ModelRecord): string {
  let hash = hashes.get(model);
  if (hash === undefined) hashes.set(model, (hash = textHash(model.text)));
  return hash;
}

/** How many bytes a record's name takes (see `recordName`). */
export const NAME_BYTES = 12;

/**
 * A record in a key of many records (a timeline page's or view's): 96 bits of its hash (its
 * first 16 characters) as 12 bytes in Latin-1 text, a fifth of an id and a hash to hash.
 */
export function recordName(model: ModelRecord): string {
  return Buffer.from(recordHash(model).slice(0, 16), 'base64url').toString('latin1');
}

/** Tells `recordHash` the hash of a model whose text is not held (see `TextOnDisk`). */
export function knownRecordHash(model: ModelRecord, hash: string): void {
  hashes.set(model, hash);
}
