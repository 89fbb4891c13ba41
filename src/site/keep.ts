import { contentKey } from '../cache/build-cache.js';
import { wholeText, type Sink } from './sink.js';
import type { Templates } from './templates.js';
import type { KeptFile, SiteContext } from './view/context.js';

/** A file of a group, as drawn now (with its text) or as kept from the last build. */
export type GroupFile = { path: string; text: string } | KeptFile;

/** The size in bytes of a file drawn or kept. */
export function fileBytes(file: GroupFile): number {
  return 'text' in file ? Buffer.byteLength(file.text) : file.bytes;
}

/**
 * Draws a group of files, or keeps the last build's copies of them: what a warm build does for
 * every page whose inputs it can name with a key. Returns the group's files either way.
 * `key` names everything the files show; it is computed only when there is a last build to keep
 * from.
 */
export type DrawOrKeep = (key: () => string, draw: (to: Sink) => void) => GroupFile[];

/**
 * Keeps a group made of smaller groups whole when its key is unchanged; otherwise `parts` makes
 * it, drawing or keeping each smaller group, and returns all their files.
 */
export type KeepWhole = (key: () => string, parts: () => GroupFile[]) => GroupFile[];

/**
 * A DrawOrKeep over the build's reuse (if any), sending drawn files to `emit` and kept ones to
 * `kept`. Groups are remembered only from a render of every file (`whole`): a request for one
 * page of a group, from the dev server, does not draw the rest.
 */
export function drawOrKeep(site: SiteContext, emit: Sink, kept: (file: KeptFile) => void, whole: boolean): { keep: DrawOrKeep; keepWhole: KeepWhole } {
  const reuse = site.reuse;
  // The keys of the smaller groups inside each group being made, innermost last.
  const making: string[][] = [];
  const keepWhole: KeepWhole = (keyOf, parts) => {
    const key = reuse && keyOf();
    const old = key ? reuse.take(key) : undefined;
    if (old) {
      making.at(-1)?.push(key!);
      old.forEach(kept);
      return old;
    }
    making.push([]);
    let files: GroupFile[];
    try {
      files = parts();
    } catch (error) {
      making.pop();
      throw error;
    }
    const inner = making.pop()!;
    if (key) making.at(-1)?.push(key);
    if (key && whole) reuse.remember(key, files, inner);
    return files;
  };
  const keep: DrawOrKeep = (keyOf, draw) =>
    keepWhole(keyOf, () => {
      const drawn: Array<{ path: string; text: string }> = [];
      draw((p, text) => {
        // Groups are pages and small files: always whole strings.
        const whole = wholeText(text);
        drawn.push({ path: p, text: whole });
        emit(p, whole);
      });
      return drawn;
    });
  return { keep, keepWhole };
}

/** What every page of a build depends on besides its own content: the tool, templates, options and day. */
export function settingsKey(site: SiteContext, templates: Templates): string {
  return contentKey('settings', site.version, templates.fingerprint, site.baseUrl, site.locale, site.now.toUTC().toISODate() ?? '');
}
