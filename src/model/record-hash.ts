import { createHash } from 'node:crypto';
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

/** Tells `recordHash` the hash of a model whose text is not held (see `TextOnDisk`). */
export function knownRecordHash(model: ModelRecord, hash: string): void {
  hashes.set(model, hash);
}

/** The hash of a record file's text, as `recordHash` gives it: its SHA-256, in base64url. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
