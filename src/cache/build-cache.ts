import { hash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileResult } from '../validate/file.js';
import { VERSION } from '../version.js';
import { dependencyVersions } from './fingerprint.js';
import { MarkdownStore } from './markdown-store.js';
import { packPages, unpackPages, type PackedPages } from './packed-pages.js';
import type { KnownText } from '../load/text-on-disk.js';
import { mapMarkdown, markdownCount, recordMarkdown } from '../markdown/texts.js';
import type { DisclosureRecord } from '../schema/record.js';
import { isTimelineLayout, type TimelineLayout } from './timeline-layout.js';

/** One written file of a record's pages. */
export interface CachedPage {
  /** The site path. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** Its SHA-256, for the manifest: a download's only. */
  sha256?: string;
  /** When it was written, to recognise it on disk. */
  mtimeMs: number;
}

/**
 * Where each piece of a large file of the last build lies (each record's part of
 * `records.json`), so the next build can copy a kept record's piece instead of making it again.
 */
export interface FilePieces {
  /** The settings key (see `settingsKey`) the pieces were made with. */
  settings: string;
  /** The file's size in bytes and modification time, to recognise it on disk. */
  bytes: number;
  mtimeMs: number;
  /**
   * Each piece's key, one a line, and its byte range, `[start, end)`, two numbers a piece: a
   * triple a piece (60,000 at 10,000 records) took 0.02 s to save and as long to read back,
   * at every build, where most files' pieces are never looked at.
   */
  keys: string;
  spans: Uint32Array;
}

/** A file's pieces as read back: at least their shape (the cache is a file anyone can edit). */
function isFilePieces(value: unknown): value is FilePieces {
  const v = value as FilePieces | null;
  return typeof v === 'object' && v !== null && typeof v.settings === 'string' && typeof v.bytes === 'number' && typeof v.mtimeMs === 'number' && typeof v.keys === 'string' && v.spans instanceof Uint32Array;
}

/**
 * Where each event lies in a timeline page of the last build, so the next build can copy an
 * unchanged event's HTML from it when the page must be drawn again (see `PageReuse.eventsOf`).
 */
export interface PageEvents {
  /** The settings key (see `settingsKey`) the page was drawn with: an event's HTML follows from it. */
  settings: string;
  /** The file's size in bytes and modification time, to recognise it on disk. */
  bytes: number;
  mtimeMs: number;
  /** Each event's key and byte range, `EVENT_SPAN_BYTES` each (see `site/event-spans.ts`). */
  spans: Uint8Array;
}

/** A file's own check result, kept between builds (its source is re-attached on use). */
export type CachedFile = Omit<FileResult, 'source'>;

/**
 * What a build can reuse from earlier builds: each file's check result by the hash of its
 * path and text, and rendered Markdown by the hash of its text. Kept in memory by `dev`, and on
 * disk in `.cache/` between commands. Entries not used by a build are dropped when it saves.
 */
export interface BuildCache {
  /** File results by content key. */
  files: Map<string, CachedFile>;
  /** A record's rendered Markdown by the hash of its file (see `prerenderMarkdown`), read when asked for. */
  markdown: MarkdownStore;
  /** The files a record's pages were written as, by the hash of what they show. */
  pages: Map<string, CachedPage[]>;
  /** The smaller groups (page keys) a group kept whole was made of: kept in the cache with it. */
  groups: Map<string, string[]>;
  /** The pieces of the last build's large files, by site path (checked against the file on use). */
  pieces: Map<string, FilePieces>;
  /** Where the events lie in the last build's timeline pages, by the page file's site path. */
  pageEvents: Map<string, PageEvents>;
  /** The last build's timeline views, page by page (valid with its pages). */
  timelines?: TimelineLayout;
  /**
   * What each record file (by its path in messages) held when a build last read it, with the
   * signature its stat had: read when a build starts reading (see `loadKnown`).
   */
  known?: Map<string, KnownText>;
  /** Whether `known` changed since it was read. */
  knownDirty?: boolean;
  /** The site path of every file of the last complete build (valid while `lastBuild` is). */
  outputFiles?: string[];
  /** Keys used by the current build (what a save keeps). */
  used: { files: Set<string>; markdown: Set<string>; pages: Set<string> };
  /** The last complete build: its output folder (path and inode) and the keys of all its inputs. */
  lastBuild?: LastBuild;
  /** The inputs of the build under way, recorded as `lastBuild` once its tree is in place. */
  pendingBuild?: { key: string; stamp?: { key: string; takenAt: number }; pages?: string };
  /** Where it is saved; undefined for a cache that lives only in memory. */
  file: string | undefined;
  /** Whether anything was added since it was opened. */
  dirty: boolean;
  /** Whether the last-build header changed. */
  headerDirty?: boolean;
  /** Whether the body (files, Markdown, pages) has been read. */
  loaded: boolean;
  /** Whether its pages and output files have (see `loadPages`). */
  pagesLoaded?: boolean;
  /** The keys each shard of file results and Markdown held when read (see `saveCache`). */
  shardKeys?: Map<string, Set<string>>;
  /** Each shard file of file results read, as it was then (see `shardLines`). */
  shardsRead?: Map<string, { bytes: number; mtimeMs: number }>;
  /** The file results taken from shard files as they were read (not those checked since). */
  filesRead?: Set<CachedFile>;
}

/** The hash a cache entry is keyed by: of every part, each followed by a NUL. */
export function contentKey(...parts: string[]): string {
  // Hashed as one string: a key of every record in a view (10,000 parts) took two calls a
  // part, 0.08 s of a one-record rebuild at 10,000 records, where one call takes a fifth.
  // One-shot `hash`: a Hash object a key took twice as long for the short ones (most).
  return hash('sha256', `${parts.join('\0')}\0`, 'base64url');
}

/** Identifies everything a cached result depends on besides its input: this tool and its libraries. */
export function fingerprint(): string {
  // Resolving every dependency's package.json is I/O; the answer cannot change within a run.
  return (fingerprintValue ??= contentKey('disclosed-cache-7', VERSION, JSON.stringify(dependencyVersions())));
}

let fingerprintValue: string | undefined;

/** An empty cache, in memory only (dev keeps one for its whole run). */
export function memoryCache(): BuildCache {
  return {
    files: new Map(), markdown: new MarkdownStore(), pages: new Map(), groups: new Map(), pieces: new Map(), pageEvents: new Map(),
    used: { files: new Set(), markdown: new Set(), pages: new Set() },
    file: undefined, dirty: false, loaded: true,
  };
}

/**
 * File results and Markdown, the bulk of the cache (some 85 MB at 10,000 records), are kept in
 * shards by key, each file written only when its keys changed: a one-record edit rewrites two
 * small shards, not the whole cache. Keys are content hashes, so shards of different builds
 * can never disagree. File results are read whole (a build models every record); Markdown
 * only as each entry is asked for (see `MarkdownStore`).
 */
const SHARDS = 16;
const SHARDED = ['files', 'markdown'] as const;
type Sharded = (typeof SHARDED)[number];

const shardOf = (key: string) => key.charCodeAt(0) % SHARDS;
const shardFile = (cache: BuildCache, kind: string, shard: number) => cache.file!.replace(/\.bin$/, `.${kind}-${shard}.bin`);

/** How each kind of sharded entries is read from its shard files, and written back. */
const shardKinds: Record<Sharded, {
  /** Reads a shard file's entries (or where they lie) into the cache; the keys read. */
  read(cache: BuildCache, file: string, shard: number): Promise<string[]>;
  /** Whether an entry is (still) held: one whose shard could not be read back is not. */
  holds(cache: BuildCache, key: string): boolean;
  /** A shard file of the entries under `keys` (to replace `file`), and the keys it holds. */
  write(cache: BuildCache, keys: string[], file: string): { bytes: Buffer; keys: string[] };
  /** Told a shard file was written. */
  written?(cache: BuildCache, file: string, bytes: Buffer): Promise<void>;
}> = {
  files: {
    async read(cache, file, shard) {
      const entries = await readFileShard(cache, file);
      // An entry in the wrong shard (a file renamed by hand) is not used.
      const keys = entries.filter(([key]) => shardOf(key) === shard).map(([key]) => key);
      const taken = new Set(keys);
      const read = (cache.filesRead ??= new Set());
      for (const [key, value] of entries) {
        if (!taken.has(key)) continue;
        cache.files.set(key, value);
        read.add(value);
      }
      return keys;
    },
    holds: (cache, key) => cache.files.has(key),
    write: (cache, keys, file) => fileShardBytes(cache, keys, file),
    async written(cache, file) {
      const info = await stat(file);
      (cache.shardsRead ??= new Map()).set(file, { bytes: info.size, mtimeMs: info.mtimeMs });
    },
  },
  markdown: {
    read: (cache, file, shard) => cache.markdown.readIndex(file, fingerprint(), (key) => shardOf(key) === shard),
    holds: (cache, key) => cache.markdown.count(key) !== undefined,
    write: (cache, keys) => cache.markdown.shardBytes(keys, fingerprint()),
    written: (cache, file, bytes) => cache.markdown.written(file, bytes),
  },
};

interface StoredShard {
  fingerprint: string;
  /** How many characters (one byte each) the texts that fit in Latin-1 take, after the JSON. */
  narrow?: number;
  /** Each entry: its key, its result, and (a valid record's) its Markdown texts' lengths. */
  entries: Array<[string, unknown, unknown?]>;
}

/**
 * A valid record's Markdown texts (the longest strings a result holds) are kept after the
 * shard's JSON rather than in it, and read back as slices of one text (see `readFileShard`):
 * `JSON.parse` makes each string it reads in the young generation, and the collector copies
 * every one that survives, bytes and all, twice; a slice is a small object pointing into the
 * shard's text, which is made once and, being large, never moved. In a fresh process the 16
 * shards of 10,000 records (48 MB) parsed with their collections in 210-223 ms with every long
 * string inline, and in 118-122 ms without; a one-record rebuild's checking took 375-421 ms
 * rather than 464-483 ms, and eight alternated rebuilds 2.26 s rather than 2.33 s (median). Texts that fit in Latin-1 come first, and the rest after
 * them: one wider character would otherwise make a whole shard's texts two bytes a character.
 * An entry's texts are its lengths in its line (negative: a wide text), in `recordMarkdown`'s
 * order, with empty strings in their places in the result.
 */
const NARROW = /^[\u0000-\u00ff]*$/;

/** Where a shard's texts begin: after a NUL, which JSON never holds unescaped. */
const TEXTS_MARK = 0;

/** The Markdown texts a result keeps apart: a valid record's, else none. */
function textsOf(value: CachedFile): string[] | undefined {
  return value.valid && value.data !== undefined ? recordMarkdown(value.data as DisclosureRecord) : undefined;
}

/**
 * File results are kept as JSON, not v8-serialized: `JSON.parse` makes one string of each
 * short value that recurs (a source id, an event type, a date), where `deserialize` made a
 * string per occurrence. Read back at 10,000 records they took 52 MB of heap against 87 MB, in
 * the same time, and that heap is live through a whole rebuild.
 *
 * Each entry is a line of its own, so a shard rewritten after an edit (a new entry, an old one
 * gone) copies the lines of its other entries from the file as it was read (see
 * `shardLines`): writing each of a shard's 600 entries at 10,000 records took 0.03 s of every
 * one-record rebuild.
 */
function fileShardBytes(cache: BuildCache, keys: string[], file: string): { bytes: Buffer; keys: string[] } {
  const kept: string[] = [];
  const lines: string[] = [];
  const narrow: string[] = [];
  const wide: string[] = [];
  const before = shardLines(cache, file);
  for (const key of keys) {
    const value = cache.files.get(key)!;
    const texts = textsOf(value);
    const isWide = texts?.map((t) => !NARROW.test(t));
    const line = before?.get(key);
    // Only the line a result in memory was read from: not an entry this run ignored (another
    // version's, the wrong shape) and checked again. The key as JSON writes it opens its line
    // (a key holding a quote or a backslash is not found). Its texts are the result's own.
    if (line !== undefined && cache.filesRead?.has(value) && line.startsWith(`[${JSON.stringify(key)},`)) {
      lines.push(line);
    } else {
      // Written with empty strings in the texts' places, then put back.
      if (texts) mapMarkdown(value.data as DisclosureRecord, () => '');
      const entry = texts ? [key, value, texts.map((t, j) => (isWide![j] ? -t.length : t.length))] : [key, value];
      // A value JSON cannot hold (`.nan`, `.inf`, `-0`): that file is checked again next time.
      // Looked for first: a replacer takes JSON.stringify off its fast path (a fifth slower).
      const exact = !inexactInJson(entry);
      if (exact) lines.push(JSON.stringify(entry));
      let i = 0;
      if (texts) mapMarkdown(value.data as DisclosureRecord, () => texts[i++]!);
      if (!exact) continue;
    }
    texts?.forEach((t, j) => (isWide![j] ? wide : narrow).push(t));
    kept.push(key);
  }
  const [narrowText, wideText] = [narrow.join(''), wide.join('')];
  const json = `{"fingerprint":${JSON.stringify(fingerprint())},"narrow":${narrowText.length},"entries":[\n${lines.join(',\n')}\n]}`;
  // Written into one buffer: a buffer a part, then one joining them, held three copies of every
  // shard outside the heap until the next collection.
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1 + narrowText.length + Buffer.byteLength(wideText));
  let at = bytes.write(json, 0);
  bytes[at++] = TEXTS_MARK;
  at += bytes.write(narrowText, at, 'latin1');
  bytes.write(wideText, at);
  return { bytes, keys: kept };
}

/**
 * The entry lines of a shard of file results by key, from the file as this run read it: none
 * when it has changed since (its size and modification time differ) or was not read. A line
 * is copied only for the result read from it (see `fileShardBytes`).
 */
function shardLines(cache: BuildCache, file: string): Map<string, string> | undefined {
  const seen = cache.shardsRead?.get(file);
  if (!seen) return undefined;
  let text: string;
  try {
    const now = statSync(file);
    if (now.size !== seen.bytes || now.mtimeMs !== seen.mtimeMs) return undefined;
    const bytes = readFileSync(file);
    text = bytes.toString('utf8', 0, bytes.indexOf(TEXTS_MARK));
  } catch {
    return undefined;
  }
  const lines = new Map<string, string>();
  // The first line opens the object and the last closes it; each other one is an entry: `["key",{...}],`.
  for (let line of text.split('\n').slice(1, -1)) {
    if (line.endsWith(',')) line = line.slice(0, -1);
    if (line.startsWith('["')) lines.set(line.slice(2, line.indexOf('"', 2)), line);
  }
  return lines;
}

/**
 * Puts each entry's Markdown texts back into its record, as slices of the shard's texts, in
 * order; false (the shard is not used) unless every entry's lengths fit its record and the
 * texts are used up exactly.
 */
function putTextsBack(entries: ReadonlyArray<[string, CachedFile, unknown?]>, texts: { narrow: string; wide: string }): boolean {
  let narrow = 0;
  let wide = 0;
  for (const [, value, lengths] of entries) {
    if (lengths === undefined) continue;
    const record = value.data as DisclosureRecord;
    if (!Array.isArray(lengths) || !value.valid || markdownCount(record) !== lengths.length) return false;
    let i = 0;
    let fits = true;
    mapMarkdown(record, (placeholder) => {
      const length = lengths[i++] as number;
      if (placeholder !== '' || !Number.isSafeInteger(length)) fits = false;
      if (!fits) return placeholder;
      if (length >= 0) return texts.narrow.slice(narrow, (narrow += length));
      return texts.wide.slice(wide, (wide -= length));
    });
    if (!fits) return false;
  }
  return narrow === texts.narrow.length && wide === texts.wide.length;
}

/** Whether plain data holds a number JSON would not give back as it is. */
function inexactInJson(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(inexactInJson);
  // Plain data: its own properties are all it has (`for...in` makes no array of them).
  for (const key in value) if (inexactInJson((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** A file result as read back: at least its shape (the cache is a file anyone can edit). */
function isCachedFile(value: unknown): value is CachedFile {
  const v = value as CachedFile | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.diagnostics) && typeof v.valid === 'boolean';
}

/**
 * The entries of a shard of file results, or none when it is missing, corrupt or foreign. The
 * file's size and modification time are noted, for `shardLines`.
 */
async function readFileShard(cache: BuildCache, file: string): Promise<Array<[string, CachedFile, unknown?]>> {
  try {
    const handle = await open(file, 'r');
    let bytes: Buffer;
    try {
      const info = await handle.stat();
      bytes = await handle.readFile();
      (cache.shardsRead ??= new Map()).set(file, { bytes: info.size, mtimeMs: info.mtimeMs });
    } finally {
      await handle.close();
    }
    const cut = bytes.indexOf(TEXTS_MARK);
    if (cut < 0) return [];
    const stored = JSON.parse(bytes.toString('utf8', 0, cut)) as StoredShard;
    if (stored?.fingerprint !== fingerprint() || !Array.isArray(stored.entries) || !Number.isSafeInteger(stored.narrow)) return [];
    const entries = stored.entries.filter((e): e is [string, CachedFile, unknown?] => Array.isArray(e) && typeof e[0] === 'string' && isCachedFile(e[1]));
    const texts = { narrow: bytes.toString('latin1', cut + 1, cut + 1 + stored.narrow!), wide: bytes.toString('utf8', cut + 1 + stored.narrow!) };
    return putTextsBack(entries, texts) ? entries : [];
  } catch {
    return [];
  }
}

interface Stored {
  fingerprint: string;
  outputFiles?: string[];
  pages: PackedPages;
  groups?: Array<[string, string[]]>;
  pieces?: Array<[string, FilePieces]>;
  pageEvents?: Array<[string, PageEvents]>;
  timelines?: TimelineLayout;
}

/** A page's events as read back: at least their shape (the cache is a file anyone can edit). */
function isPageEvents(value: unknown): value is PageEvents {
  const v = value as PageEvents | null;
  return typeof v === 'object' && v !== null && typeof v.settings === 'string' && typeof v.bytes === 'number' && typeof v.mtimeMs === 'number' && v.spans instanceof Uint8Array;
}

/** What the last complete build was made from, and where it went. */
export interface LastBuild {
  out: string;
  ino: number;
  /** The hash of every input, the records' texts included. */
  key: string;
  /** The hash of every input with the record files' sizes and times for their texts, and when it was taken. */
  stamp?: { key: string; takenAt: number };
  /** The settings its pages were drawn with (see `settingsKey`): a build with others can keep none of them. */
  pages?: string;
  /** Its time as its files give it (see `generatedAt`), and the clock it ran at (ms). */
  time?: string;
  nowMs?: number;
}

interface Header {
  fingerprint: string;
  lastBuild?: LastBuild;
}

function isLastBuild(value: unknown): value is LastBuild {
  const v = value as LastBuild | undefined;
  const stampOk = v?.stamp === undefined || (typeof v.stamp.key === 'string' && typeof v.stamp.takenAt === 'number');
  const timeOk = (v?.time === undefined || typeof v.time === 'string') && (v?.nowMs === undefined || typeof v.nowMs === 'number');
  return typeof v?.key === 'string' && typeof v.out === 'string' && typeof v.ino === 'number' && stampOk && timeOk && (v.pages === undefined || typeof v.pages === 'string');
}

const headerFile = (cache: BuildCache) => cache.file!.replace(/\.bin$/, '.json');
const knownFile = (cache: BuildCache) => cache.file!.replace(/\.bin$/, '.known.json');

/** The known texts as stored: each file's path, signature, hash and size. */
interface StoredKnown {
  fingerprint: string;
  files: Array<[display: string, signature: string, hash: string, bytes: number]>;
}

/**
 * Reads what the record files held when a build last read them (`known`), once: nothing for
 * a cache in memory, or a file that is missing, corrupt or foreign. A few hundred kilobytes at
 * 10,000 records, so read only by a build that is about to read the records.
 */
export async function loadKnown(cache: BuildCache): Promise<Map<string, KnownText>> {
  if (cache.known) return cache.known;
  cache.known = new Map();
  if (cache.file === undefined) return cache.known;
  try {
    const stored = JSON.parse(await readFile(knownFile(cache), 'utf8')) as StoredKnown;
    if (stored?.fingerprint !== fingerprint() || !Array.isArray(stored.files)) return cache.known;
    for (const entry of stored.files) {
      const [display, signature, hash, bytes] = Array.isArray(entry) ? entry : [];
      if (typeof display === 'string' && typeof signature === 'string' && typeof hash === 'string' && Number.isInteger(bytes)) cache.known.set(display, { signature, hash, bytes: bytes! });
    }
  } catch {
    // None yet, or one that cannot be read.
  }
  return cache.known;
}

/**
 * Opens the cache in `dir`: only its small header (what the last build was), so a build with
 * nothing to do never pays for reading the rest. A missing, corrupt or foreign cache (another
 * version of the tool or its libraries) is ignored and rebuilt: never trusted beyond its
 * fingerprint.
 */
export async function openCache(dir: string): Promise<BuildCache> {
  const cache = { ...memoryCache(), file: path.join(dir, 'build-cache.bin'), loaded: false };
  try {
    const header = JSON.parse(await readFile(headerFile(cache), 'utf8')) as Header;
    if (header?.fingerprint === fingerprint() && isLastBuild(header.lastBuild)) cache.lastBuild = header.lastBuild;
  } catch {
    // No header yet, or one that cannot be read.
  }
  return cache;
}

/** Reads the body of an opened cache (file results, Markdown, pages), once, when first needed. */
export async function loadCache(cache: BuildCache): Promise<void> {
  if (cache.loaded || cache.file === undefined) return;
  cache.loaded = true;
  await loadPages(cache);
  cache.shardKeys = new Map();
  for (const kind of SHARDED) {
    for (let shard = 0; shard < SHARDS; shard++) {
      const keys = await shardKinds[kind].read(cache, shardFile(cache, kind, shard), shard);
      cache.shardKeys.set(`${kind}-${shard}`, new Set(keys));
    }
  }
}

/**
 * Leaves the part of the cache's body about the last build's output unread, for a build that
 * can keep none of it (drawn with other settings): its own pages replace it when saved.
 */
export function skipPages(cache: BuildCache): void {
  cache.pagesLoaded = true;
}

/**
 * Reads the part of the cache's body about the last build's output (its pages and files),
 * once: a build reads it ahead of the rest to start checking the files it may keep.
 */
export async function loadPages(cache: BuildCache): Promise<void> {
  if (cache.pagesLoaded || cache.file === undefined) return;
  cache.pagesLoaded = true;
  try {
    const stored = deserialize(await readFile(cache.file)) as Stored;
    const pages = stored?.fingerprint === fingerprint() ? unpackPages(stored.pages) : undefined;
    if (pages) {
      cache.pages = pages;
      if (Array.isArray(stored.groups)) cache.groups = new Map(stored.groups);
      if (Array.isArray(stored.pieces)) cache.pieces = new Map(stored.pieces.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && isFilePieces(e[1])));
      if (Array.isArray(stored.pageEvents)) cache.pageEvents = new Map(stored.pageEvents.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && isPageEvents(e[1])));
      if (Array.isArray(stored.outputFiles) && stored.outputFiles.every((f) => typeof f === 'string')) cache.outputFiles = stored.outputFiles;
      if (isTimelineLayout(stored.timelines)) cache.timelines = stored.timelines;
    }
  } catch {
    // No cache yet, or one that cannot be read: start empty.
  }
}

let writes = 0;

async function writeAtomic(file: string, bytes: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique per write: two builds in one process (tests, a dev server) may save at once.
  const temp = `${file}.${process.pid}-${++writes}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, file);
}

/** Saves the small header (what the last build was) now, on its own. */
export async function saveHeader(cache: BuildCache): Promise<void> {
  if (cache.file === undefined) return;
  await writeAtomic(headerFile(cache), JSON.stringify({ fingerprint: fingerprint(), lastBuild: cache.lastBuild } satisfies Header));
  cache.headerDirty = false;
}

/**
 * Saves the header without the last build, before a build patches that build's folder: one
 * that dies part-way then leaves no folder taken for the last build's. False when it could not
 * be saved (the folder must then not be patched).
 */
export function forgetLastBuild(cache: BuildCache): Promise<boolean> {
  return saveHeader({ ...cache, lastBuild: undefined }).then(() => true, () => false);
}

/**
 * Saves the rendered Markdown a build will use, before it draws its pages: what the build
 * rendered then lies in the shard files, read back when a page needs it, rather than held
 * until the build ends (some 30 MB of HTML in a first build at 10,000 records, all of it live
 * while every page was drawn). Entries are content-addressed: saved by a build that then
 * fails, they are as good as ever.
 */
export async function saveMarkdown(cache: BuildCache): Promise<void> {
  if (cache.file !== undefined && cache.loaded) await saveShards(cache, 'markdown');
}

/** Saves the shards of one kind whose keys changed: the entries this run used. */
async function saveShards(cache: BuildCache, kind: Sharded): Promise<void> {
  const used = cache.used[kind];
  if (used.size === 0) return;
  const shards = Array.from({ length: SHARDS }, () => [] as string[]);
  // An entry lost since it was read (see `MarkdownStore`) leaves its shard to be rewritten without it.
  for (const key of used) if (shardKinds[kind].holds(cache, key)) shards[shardOf(key)]!.push(key);
  for (const [shard, keys] of shards.entries()) {
    const before = cache.shardKeys?.get(`${kind}-${shard}`);
    if (before && before.size === keys.length && keys.every((key) => before.has(key))) continue;
    const file = shardFile(cache, kind, shard);
    const made = shardKinds[kind].write(cache, keys.sort(), file);
    await writeAtomic(file, made.bytes);
    await shardKinds[kind].written?.(cache, file, made.bytes);
    cache.shardKeys?.set(`${kind}-${shard}`, new Set(made.keys));
  }
}

/**
 * Saves what this run used, if anything changed; each file is written beside and renamed, so
 * never half a file. A body that was never read is left as it is, and so is a part this run
 * did not use at all (`validate` keeps the Markdown and pages a build will want).
 */
export async function saveCache(cache: BuildCache): Promise<void> {
  if (cache.file === undefined) return;
  if (cache.headerDirty) await saveHeader(cache);
  if (cache.knownDirty && cache.known) {
    const files = [...cache.known].map(([display, k]) => [display, k.signature, k.hash, k.bytes] as StoredKnown['files'][number]);
    await writeAtomic(knownFile(cache), JSON.stringify({ fingerprint: fingerprint(), files } satisfies StoredKnown));
    cache.knownDirty = false;
  }
  // The pages may have been read without the rest (a build that only restamps the reports).
  if (cache.loaded) for (const kind of SHARDED) await saveShards(cache, kind);
  if (!cache.pagesLoaded) return;
  const unused = [...cache.pages.keys()].some((k) => !cache.used.pages.has(k));
  if (cache.used.pages.size === 0 || (!cache.dirty && !unused)) return;
  const stored: Stored = {
    fingerprint: fingerprint(),
    pages: packPages([...cache.pages].filter(([k]) => cache.used.pages.has(k))),
    groups: [...cache.groups].filter(([k]) => cache.used.pages.has(k)),
    pieces: [...cache.pieces],
    pageEvents: [...cache.pageEvents],
    outputFiles: cache.outputFiles,
    ...(cache.timelines ? { timelines: cache.timelines } : {}),
  };
  await writeAtomic(cache.file, serialize(stored));
}
