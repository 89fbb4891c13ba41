import { contentKey } from '../cache/build-cache.js';
import { oncePerObject } from '../memo.js';
import type { ModelRecord } from './normalize.js';

/**
 * The hash of a record's file text, once per record: everything the record itself shows (its
 * pages, events, rendered Markdown) follows from it.
 */
export const recordHash = oncePerObject((model: ModelRecord) => contentKey(model.text));
