import { statSync } from 'node:fs';
import { readText, stillAsWritten, type KeptRange } from '../output/files.js';
import type { OutputTree } from '../output/swap-dir.js';
import type { GroupEntry, PageReuse } from '../site/view/context.js';
import type { BuildCache, CachedPage, FilePieces } from './build-cache.js';
import { lastEvents } from '../site/event-spans.js';
import type { LastFile } from '../reports/stamps.js';
import type { TimelineLayout } from './timeline-layout.js';

/** What a build with a cache may take from the last one, and what it leaves for the next. */
export interface BuildReuse extends PageReuse {
  /** Records what this build drew, once its files are in place. */
  settle(): void;
}

/**
 * A file drawn, as the cache keeps it: made as a literal, as `unpackPages` makes them. Spread
 * from the drawn entry and its size and time, each of a build's 40,000 had a hidden class of
 * its own, and saving the cache read their fields with a look-up that missed every time.
 */
function cachedPage(file: GroupEntry, as: { bytes: number; mtimeMs: number }): CachedPage {
  const page: CachedPage = { path: file.path, bytes: as.bytes, mtimeMs: as.mtimeMs };
  if (file.sha256 !== undefined) page.sha256 = file.sha256;
  return page;
}

/** A file's pieces by key, with their byte ranges (a piece whose range is not whole is left out). */
function spansOf(pieces: FilePieces): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  pieces.keys.split('\n').forEach((key, i) => {
    const [start, end] = [pieces.spans[2 * i], pieces.spans[2 * i + 1]];
    if (start !== undefined && end !== undefined && start <= end && end <= pieces.bytes) spans.set(key, [start, end]);
  });
  return spans;
}

/**
 * Keeps a record's files from the last build when the cache knows them and they are untouched,
 * and names the pieces of large files (a record's part of `records.json`) in the last build's
 * file, for the writer to copy. What is drawn instead is remembered once it is in place
 * (`settle`): only then are the files' modification times known, and only a committed build's
 * files may be kept.
 */
export function pageReuse(cache: BuildCache, writer: OutputTree): BuildReuse {
  const drawn: Array<[key: string, files: readonly GroupEntry[], inner: string[]]> = [];
  // A group kept whole keeps the smaller groups it was made of remembered too.
  const use = (key: string): void => {
    cache.used.pages.add(key);
    cache.groups.get(key)?.forEach(use);
  };
  const placed = new Map<string, { settings: string; spans: Array<[key: string, start: number, end: number]> }>();
  const events = new Map<string, { settings: string; spans: Uint8Array }>();
  let timelines: TimelineLayout | undefined;
  // The last build's large files whose pieces may be copied: those still as it left them.
  const opened = new Map<string, LastFile | undefined>();
  const lastFile = (sitePath: string, settings: string): LastFile | undefined => {
    if (!opened.has(sitePath)) {
      const stored = cache.pieces.get(sitePath);
      const file = writer.keptFile(sitePath);
      const written = stored?.settings === settings ? { bytes: stored.bytes, mtimeMs: stored.mtimeMs } : undefined;
      // Copied by the writer (see `KeptRange`), which checks the file is still as it was.
      const range = (start: number, end: number): KeptRange => ({ kept: file, start, end, written: written! });
      opened.set(sitePath, written && stillAsWritten(file, written) ? { spans: spansOf(stored!), range } : undefined);
    }
    return opened.get(sitePath);
  };
  return {
    keepsNothing: cache.pages.size === 0,
    take(key) {
      const files = cache.pages.get(key);
      if (!files || !writer.keep(files)) return undefined;
      use(key);
      return files;
    },
    holds(key) {
      const files = cache.pages.get(key);
      return files !== undefined && writer.holds(files);
    },
    read: (sitePath) => readText(writer.keptFile(sitePath)),
    remember(key, files, inner) {
      // Sizes and times are taken when the build settles (a kept file's own are replaced then).
      drawn.push([key, files, inner]);
    },
    piece(sitePath, settings, key) {
      const last = lastFile(sitePath, settings);
      const span = last?.spans.get(key);
      return span && last!.range(span[0], span[1]);
    },
    lastFile,
    placePieces(sitePath, settings, spans) {
      placed.set(sitePath, { settings, spans });
    },
    eventsOf(sitePath, settings) {
      const page = cache.pageEvents.get(sitePath);
      const file = writer.keptFile(sitePath);
      // Copied by the writer, which checks the file is still as it was.
      return page?.settings === settings && stillAsWritten(file, page) ? lastEvents(file, page) : undefined;
    },
    placePageEvents(sitePath, settings, spans) {
      events.set(sitePath, { settings, spans });
    },
    eventSpans(sitePath, settings) {
      const page = cache.pageEvents.get(sitePath);
      return page?.settings === settings ? page.spans : undefined;
    },
    timelines: cache.timelines,
    layTimelines(layout) {
      timelines = layout;
    },
    settle() {
      for (const [key, files, inner] of drawn) {
        cache.pages.set(key, files.map((f) => cachedPage(f, writer.writtenAs(f.path))));
        if (inner.length > 0) cache.groups.set(key, inner);
        else cache.groups.delete(key);
        cache.used.pages.add(key);
      }
      // A file made again has its pieces' or events' places replaced; one kept keeps them (they
      // are checked against the file on use), and one the build no longer makes is forgotten.
      const produced = writer.produced;
      for (const sitePath of cache.pieces.keys()) if (!produced.has(sitePath) || placed.has(sitePath)) cache.pieces.delete(sitePath);
      for (const [sitePath, { settings, spans }] of placed) {
        const info = statSync(writer.keptFile(sitePath), { throwIfNoEntry: false });
        // Ranges are kept as 32-bit numbers: a file of 4 GiB or more keeps none.
        if (!info || info.size > 0xffffffff) continue;
        const ranges = new Uint32Array(spans.length * 2);
        spans.forEach(([, start, end], i) => {
          ranges[2 * i] = start;
          ranges[2 * i + 1] = end;
        });
        cache.pieces.set(sitePath, { settings, bytes: info.size, mtimeMs: info.mtimeMs, keys: spans.map(([key]) => key).join('\n'), spans: ranges });
      }
      // A build that laid out no timelines (it was not told their layout) leaves none to take.
      cache.timelines = timelines;
      for (const sitePath of cache.pageEvents.keys()) if (!produced.has(sitePath) || events.has(sitePath)) cache.pageEvents.delete(sitePath);
      for (const [sitePath, { settings, spans }] of events) {
        const info = spans.length > 0 ? statSync(writer.keptFile(sitePath), { throwIfNoEntry: false }) : undefined;
        if (info) cache.pageEvents.set(sitePath, { settings, bytes: info.size, mtimeMs: info.mtimeMs, spans });
      }
      cache.dirty = true;
    },
  };
}
