import type { DateTime } from 'luxon';
import type { ModelRecord } from '../../model/normalize.js';
import { absolute, rootFrom } from '../../model/paths.js';
import type { Digests, Gather } from '../sink.js';
import type { KeptRange } from '../../output/files.js';
import type { LastEvents } from '../event-spans.js';
import type { LastFile } from '../../reports/stamps.js';
import type { TimelineLayout } from '../../cache/timeline-layout.js';

/** What every page of one build shares. */
export interface SiteContext {
  /** Every record, sorted by id. */
  records: readonly ModelRecord[];
  /** Records by id. */
  byId: ReadonlyMap<string, ModelRecord>;
  /** The locale dates and numbers are formatted in. */
  locale: string;
  /** The site's published address, for canonical URLs, feeds and embeds. */
  baseUrl: string;
  /** The build's clock. */
  now: DateTime;
  /** The tool's version, for the generator tag. */
  version: string;
  /** Pages kept from the last build where nothing they show has changed (warm builds). */
  reuse?: PageReuse;
  /** A writer that makes a file of pieces of the files it is given (a new tree's). */
  gather?: Gather;
  /** A writer that hashes the files it is given as it writes them (a new tree's). */
  digests?: Digests;
  /** A full garbage collection, where the process allows one (the command line's builds). */
  collect?: () => void;
}

/** A file of a group of pages, as remembered for the next build (its size is taken on disk). */
export interface GroupEntry {
  /** Its site path. */
  path: string;
  /**
   * Its SHA-256, for the manifest: a download's only. Hashing every page a build draws (880 MB
   * at 10,000 records) took a first build with a cache 2 s.
   */
  sha256?: string;
}

/** One file of a group of pages, as the last build wrote it. */
export interface KeptFile extends GroupEntry {
  /** Its size in bytes. */
  bytes: number;
}

/**
 * Lets a build keep a record's files from the last build instead of drawing them again, when
 * everything they show (the record, its neighbours' titles, the templates, the options) is the
 * same, and the files on disk are the ones that build wrote.
 */
export interface PageReuse {
  /** The last build left nothing to keep (the first build with a cache): every file is drawn. */
  readonly keepsNothing: boolean;
  /** Keeps every file of `key` if it can; returns them, or undefined to draw them afresh. */
  take(key: string): KeptFile[] | undefined;
  /** Whether `take` would keep the files of `key` now (it keeps none). */
  holds(key: string): boolean;
  /**
   * Remembers the files made for `key` (drawn, or kept as smaller groups named `inner`, which
   * stay remembered while `key` is kept whole).
   */
  remember(key: string, files: readonly GroupEntry[], inner: string[]): void;
  /** The text of a file kept by `take`, as the last build wrote it (undefined if unreadable). */
  read(sitePath: string): string | undefined;
  /**
   * Where the piece `key` of a large file lies in the last build's copy, if that file is
   * untouched and its pieces were made with `settings`.
   */
  piece(sitePath: string, settings: string, key: string): KeptRange | undefined;
  /**
   * The last build's copy of a file, with where each piece it placed lies, if that file is
   * untouched and its pieces were made with `settings`.
   */
  lastFile(sitePath: string, settings: string): LastFile | undefined;
  /** Remembers where each piece of a large file this build writes lies, for the next build. */
  placePieces(sitePath: string, settings: string, spans: Array<[key: string, start: number, end: number]>): void;
  /**
   * Where each event of a timeline page lay in the last build's copy, if that page was drawn
   * with `settings` and is untouched (see `site/event-spans.ts`).
   */
  eventsOf(sitePath: string, settings: string): LastEvents | undefined;
  /** Remembers where each event of a timeline page this build draws lies, for the next build. */
  placePageEvents(sitePath: string, settings: string, spans: Uint8Array): void;
  /**
   * The events of a timeline page of the last build (its spans, see `site/event-spans.ts`),
   * if drawn with `settings`, whatever became of its file since.
   */
  eventSpans(sitePath: string, settings: string): Uint8Array | undefined;
  /** The last build's timeline views, page by page (see `site/timeline-layout.ts`). */
  readonly timelines: TimelineLayout | undefined;
  /** Remembers this build's timeline views, for the next build. */
  layTimelines(layout: TimelineLayout): void;
}

/** One page being rendered: where it is, and how it links back to the root. */
export interface PageContext {
  /** The whole build. */
  site: SiteContext;
  /** The page's site-relative path (`records/x/`). */
  path: string;
  /** The prefix from this page to the site root (`../../`). */
  root: string;
}

/** The context of the page at `path`. */
export function pageAt(site: SiteContext, path: string): PageContext {
  return { site, path, root: rootFrom(path) };
}

/** A link from the page to a site path. */
export function link(page: PageContext, sitePath: string): string {
  return page.root + sitePath;
}

/** The absolute URL of a site path. */
export function canonical(page: PageContext, sitePath = page.path): string {
  return absolute(page.site.baseUrl, sitePath);
}
