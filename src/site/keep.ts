import { contentKey } from '../cache/build-cache.js';
import type { FileText, Sink } from './sink.js';
import type { Templates } from './templates.js';
import type { GroupEntry, KeptFile, SiteContext } from './view/context.js';
import type { ManifestEntry } from '../reports/manifest.js';

/**
 * A file of a group, as drawn now (its text gone to the sink, not held: a report's files are
 * megabytes) or as kept from the last build.
 */
export type GroupFile = { path: string; drawn: true } | KeptFile;

/**
 * Draws a group of files, or keeps the last build's copies of them: what a warm build does for
 * every page whose inputs it can name with a key. Returns the group's files either way.
 * `key` names everything the files show; it is computed only when there is a last build to keep
 * from.
 */
export type DrawOrKeep = (key: () => string, draw: (to: Sink) => void) => GroupFile[];

/**
 * A group made of smaller groups (a filtered timeline view, made of its pages), open while its
 * parts are drawn or kept, in any order and between other groups' parts.
 */
export interface OpenGroup {
  /** Draws or keeps one part of the group. */
  keep: DrawOrKeep;
  /** Every part is in: the group is remembered whole under its key. */
  close(): void;
}

/**
 * Keeps a group made of smaller groups whole when its key is unchanged (and answers undefined),
 * or opens it for its parts to be drawn or kept one by one; with `open`, opens it in any case
 * (a caller that must know each part's key).
 */
export type OpenWhole = (key: () => string, open?: boolean) => OpenGroup | undefined;

/** Where a group's files go: the sink, telling a download's manifest entry (made as it passes). */
export type Emit = (sitePath: string, text: FileText) => ManifestEntry | undefined;

/**
 * A DrawOrKeep over the build's reuse (if any), sending drawn files to `emit` and kept ones to
 * `kept`. Groups are remembered only from a render of every file (`whole`): a request for one
 * page of a group, from the dev server, does not draw the rest.
 */
export function drawOrKeep(site: SiteContext, emit: Emit, kept: (file: KeptFile) => void, whole: boolean): { keep: DrawOrKeep; openWhole: OpenWhole } {
  const reuse = site.reuse;
  // The last build's files named `key`, kept and passed on, if they all still are as it left them.
  const take = (key: string | undefined): KeptFile[] | undefined => {
    const old = key ? reuse!.take(key) : undefined;
    old?.forEach(kept);
    return old;
  };
  // An open group gathers its parts' keys and files as the manifest lists them: not their
  // texts, which would all stay in memory until the group closes.
  const drawOrTake = (keyOf: () => string, draw: (to: Sink) => void, group?: { inner: string[]; files: GroupEntry[] }): GroupFile[] => {
    const key = reuse && keyOf();
    if (key) group?.inner.push(key);
    const old = take(key);
    if (old) {
      group?.files.push(...old);
      return old;
    }
    const drawn: GroupFile[] = [];
    // Remembered for the next build: each file, with a download's hash as the manifest has it
    // (its very entry, which a writer that hashes downloads fills in before the build settles).
    const entries: GroupEntry[] | undefined = key && whole ? [] : undefined;
    draw((p, text) => {
      const download = emit(p, text);
      drawn.push({ path: p, drawn: true });
      entries?.push(download ?? { path: p });
    });
    if (entries) {
      reuse!.remember(key!, entries, []);
      group?.files.push(...entries);
    }
    return drawn;
  };
  const openWhole: OpenWhole = (keyOf, open) => {
    const key = reuse && keyOf();
    if (!open && take(key)) return undefined;
    const group = { inner: [] as string[], files: [] as GroupEntry[] };
    return {
      keep: (partKey, draw) => drawOrTake(partKey, draw, group),
      close: () => {
        if (key && whole) reuse.remember(key, group.files, group.inner);
      },
    };
  };
  return { keep: (keyOf, draw) => drawOrTake(keyOf, draw), openWhole };
}

/**
 * What every page of a build depends on besides its own content: the tool, templates and
 * options. Not the build's time: the few files that show it (the reports, the manifest) are
 * made again or restamped at every new time (see `reports/stamps.ts`), or name it in their
 * keys (the feed of no records).
 */
export function settingsKey(site: SiteContext, templates: Templates): string {
  return contentKey('settings', site.version, templates.fingerprint, site.baseUrl, site.locale);
}
