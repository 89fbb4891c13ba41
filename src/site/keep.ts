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
 *
 * `key` names everything the files show; it is computed only when there is a last build to keep
 * from. `expected` is how many files a complete drawing gives: only a complete group is
 * remembered (a request for one page of it, from the dev server, is not).
 */
export type DrawOrKeep = (key: () => string, expected: number, draw: (to: Sink) => void) => GroupFile[];

/** A DrawOrKeep over the build's reuse (if any), sending drawn files to `emit` and kept ones to `kept`. */
export function drawOrKeep(site: SiteContext, emit: Sink, kept: (file: KeptFile) => void): DrawOrKeep {
  return (keyOf, expected, draw) => {
    const reuse = site.reuse;
    const key = reuse && keyOf();
    const old = key ? reuse.take(key) : undefined;
    if (old) {
      old.forEach(kept);
      return old;
    }
    const drawn: Array<{ path: string; text: string }> = [];
    draw((p, text) => {
      // Groups are pages and small files: always whole strings.
      const whole = wholeText(text);
      drawn.push({ path: p, text: whole });
      emit(p, whole);
    });
    if (key && drawn.length === expected) reuse.remember(key, drawn);
    return drawn;
  };
}

/** What every page of a build depends on besides its own content: the tool, templates, options and day. */
export function settingsKey(site: SiteContext, templates: Templates): string {
  return contentKey('settings', site.version, templates.fingerprint, site.baseUrl, site.locale, site.now.toUTC().toISODate() ?? '');
}

