import type { LoadOptions } from '../load/index.js';
import { sourceHash, type SourceFile } from '../load/source-file.js';
import type { DatasetStamp } from '../load/stamp.js';
import type { KnownText } from '../load/text-on-disk.js';
import { loadKnown, type BuildCache } from './build-cache.js';

/**
 * Which record files a build need not read: those the cache knows the text of, whose stat in
 * this build's stamp shows the signature it had when that text was read.
 */
export async function knownTexts(cache: BuildCache, stamp: Pick<DatasetStamp, 'settled'>): Promise<NonNullable<LoadOptions['known']>> {
  const known = await loadKnown(cache);
  return (display, index) => {
    const entry = known.get(display);
    return entry !== undefined && entry.signature === stamp.settled[index] ? entry : undefined;
  };
}

/**
 * Remembers what each record file read by this build holds, with its signature in the stamp
 * (a file whose time is not settled is left out: it is read again next time).
 */
export function rememberTexts(cache: BuildCache, stamp: Pick<DatasetStamp, 'files' | 'settled'>, files: readonly SourceFile[]): void {
  const signatures = new Map(stamp.files.map((relative, i) => [relative, stamp.settled[i]]));
  const before = cache.known;
  const now = new Map<string, KnownText>();
  let changed = before === undefined;
  for (const source of files) {
    const signature = signatures.get(source.relative);
    if (signature === undefined) continue;
    const last = before?.get(source.display);
    // A file the loader did not read is the one the cache knew: nothing to hash or count.
    if (last?.signature === signature && source.hash === last.hash) now.set(source.display, last);
    else {
      now.set(source.display, { signature, hash: sourceHash(source), bytes: source.bytes ?? Buffer.byteLength(source.text) });
      changed = true;
    }
  }
  cache.known = now;
  cache.knownDirty ||= changed || now.size !== before!.size;
}
