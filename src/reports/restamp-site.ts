import type { DateTime } from 'luxon';
import { forgetLastBuild, loadPages, type BuildCache } from '../cache/build-cache.js';
import { pageReuse } from '../cache/page-reuse.js';
import type { Part } from '../output/files.js';
import { openOutput } from '../output/open.js';
import { PatchWriter } from '../output/patch-dir.js';
import { jsonText } from '../site/data-files.js';
import { generatedAt } from './figures.js';
import { isDownload, MANIFEST_PATH, readManifest } from './manifest.js';
import { isReportFile } from './site-reports.js';
import { drawnFor, restamp } from './stamps.js';

/** What the cache header keeps of a build's time (see `LastBuild`). */
export function builtAt(now: DateTime): { time: string; nowMs: number } {
  return { time: generatedAt(now), nowMs: now.toMillis() };
}

/**
 * How a build at `now` stands in time to the last one, over `records` records: at the same time
 * as its files give it (they are the same files), or later, written as long (the reports' index
 * lists each file's size), over records that exist (a feed of none shows the time): the last
 * build with its time changed (see `restampSite`). Neither for an earlier clock: checking
 * depends on the time through dates in the future, which only a later time leaves as they were.
 */
export function sinceLastBuild(last: { time?: string; nowMs?: number }, now: DateTime, records: number): 'same time' | 'later' | undefined {
  if (last.time === undefined || last.nowMs === undefined || now.toMillis() < last.nowMs) return undefined;
  const time = generatedAt(now);
  if (time === last.time) return 'same time';
  return records > 0 && Buffer.byteLength(time) === Buffer.byteLength(last.time) ? 'later' : undefined;
}

/**
 * A build with nothing changed since the last but the time: the files that show the time
 * (the reports, and the manifest that lists their checksums) are the last build's with the new
 * time in its places, and every other file is kept, without a record read, checked or drawn.
 * Patches `out` in place, as any build with a cache does, and records the build in the cache.
 * Answers how many files it wrote, or undefined (the folder untouched) where any report was not
 * drawn with its time's places known: the build must then be made in full.
 */
export async function restampSite(cache: BuildCache, out: string, now: DateTime, settings: string): Promise<number | undefined> {
  const last = cache.lastBuild;
  if (!last) return undefined;
  await loadPages(cache);
  const previous = cache.outputFiles;
  // The last build's manifest: one without its time as text is not this tool's, and the build
  // is then made in full.
  const manifest = await readManifest(out).then((m) => (typeof m.generated === 'string' ? m : undefined), () => undefined);
  if (!previous || !manifest) return undefined;
  const time = generatedAt(now);
  // Forgotten first, as by any patch; a header that cannot be saved leaves the folder to a build in full.
  if (!(await forgetLastBuild(cache))) return undefined;
  cache.lastBuild = undefined;
  const writer = await openOutput(out, true, previous);
  const restore = async () => {
    await writer.abort().catch(() => undefined);
    cache.lastBuild = last;
    cache.headerDirty = true;
    return undefined;
  };
  if (!(writer instanceof PatchWriter)) return restore();
  const reuse = pageReuse(cache, writer);
  const again: Array<[sitePath: string, parts: Part[], spans: Array<[string, number, number]>]> = [];
  for (const sitePath of previous.filter(isReportFile)) {
    const file = reuse.lastFile(sitePath, settings);
    const key = file && drawnFor(file);
    const made = key === undefined ? undefined : restamp(file!, key, { time });
    if (!made) return restore();
    // A file that does not show the time is kept as it is.
    if (made.parts.some((part) => typeof part === 'string')) again.push([sitePath, made.parts, made.spans]);
  }
  try {
    const digested = writer.digests(isDownload);
    for (const [sitePath, parts, spans] of again) {
      writer.write(sitePath, parts);
      reuse.placePieces(sitePath, settings, spans);
    }
    const digests = digested();
    for (const entry of manifest.files) Object.assign(entry, digests.get(entry.path));
    writer.write(MANIFEST_PATH, jsonText({ ...manifest, generated: time }));
    writer.keepRest();
    await writer.commit();
  } catch {
    // The folder is as it was (see `PatchWriter.commit`): the build in full says what failed.
    return restore();
  }
  // Every page of the last build stands, and so does its timelines' layout: the cache keeps them all.
  if (cache.timelines) reuse.layTimelines(cache.timelines);
  reuse.settle();
  for (const key of cache.pages.keys()) cache.used.pages.add(key);
  cache.lastBuild = { ...last, ...builtAt(now) };
  cache.headerDirty = true;
  return again.length + 1;
}
