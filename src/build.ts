import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadModel, type CheckOptions } from './check.js';
import { fileKey } from './check-files.js';
import { loadDataset, type LoadedDataset } from './load/index.js';
import { FileChanged } from './load/text-on-disk.js';
import { stampDataset, stampProvesUnchanged, type DatasetStamp } from './load/stamp.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { openOutput } from './output/open.js';
import type { OutputTree } from './output/swap-dir.js';
import { statPrevious } from './output/patch-dir.js';
import type { StatsAhead } from './output/stat-ahead.js';
import { renderSite, SITE_TEMPLATES, type Digests, type Gather, type Sink } from './site/pages.js';
import { loadTemplates, TemplateError, type Templates } from './site/templates.js';
import { settingsKey } from './site/keep.js';
import { VERSION } from './version.js';
import { prerenderMarkdown } from './markdown/prerender.js';
import { MarkdownAhead } from './markdown/ahead.js';
import { SchemaMissing } from './site/data-files.js';
import type { ModelRecord } from './model/normalize.js';
import type { PageReuse, SiteContext } from './site/view/context.js';
import { contentKey, forgetLastBuild, loadPages, saveMarkdown, skipPages, type LastBuild } from './cache/build-cache.js';
import { pageReuse } from './cache/page-reuse.js';
import { knownTexts, rememberTexts } from './cache/known-files.js';
import { builtAt, restampSite, sinceLastBuild } from './reports/restamp-site.js';

/** The address the site is assumed to live at when no `--base-url` is given: the dev server. */
export const DEFAULT_BASE_URL = 'http://localhost:4173/';

/** Options of a site build. */
export interface BuildOptions extends CheckOptions {
  /** The output folder, replaced whole on success and untouched on failure. */
  out: string;
  /** The site's published address, for canonical URLs, feeds and embed snippets. */
  baseUrl?: string;
  /** A folder of templates that replace the defaults file by file. */
  templates?: string;
  /** The locale dates and numbers are written in. */
  locale?: string;
}

/** The outcome of a build: written, or refused with the problems that stopped it. */
export type BuildResult =
  | { ok: true; records: number; files: number; upToDate?: boolean }
  | { ok: false; diagnostics: Diagnostic[]; sources: Map<string, string>; error?: undefined }
  // A template that cannot be used, or an output folder the disk refused: one line to print.
  | { ok: false; diagnostics: []; error: string };

/** What every page and report of one run shares. */
export function siteContext(records: ModelRecord[], options: Pick<BuildOptions, 'now' | 'baseUrl' | 'locale'>): SiteContext {
  return {
    records,
    byId: new Map(records.map((m) => [m.id, m])),
    locale: options.locale ?? 'en',
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    now: options.now,
    version: VERSION,
  };
}

/** Where a build's files go: opened only once the records are known to be good. */
export interface Target {
  /** Receives each file. */
  sink: Sink;
  /** Makes a file of pieces of the files it receives, where it can (see `OutputTree.gather`). */
  gather?: Gather;
  /** Hashes files as it writes them, where it can (see `OutputTree.digests`). */
  digests?: Digests;
  /** Called when every file is in. */
  finish(): Promise<void>;
  /** Called when the build stops part-way. */
  abandon(): Promise<void>;
}

/** A site ready to draw: the records modelled and their Markdown rendered, the templates loaded. */
export type Prepared =
  | { ok: true; upToDate?: undefined; site: SiteContext; templates: Templates; inputs: BuildInputs | undefined }
  | { ok: true; upToDate: true; records: number }
  | Extract<BuildResult, { ok: false }>;

/**
 * What a build's output depends on, as hashes: every input with the records' texts (`key`), and
 * the same with the record files' sizes and times in place of their texts (`stamp`, taken only
 * when a build may be skipped).
 */
export interface BuildInputs {
  key: string;
  stamp?: DatasetStamp;
  /** The settings its pages are drawn with (see `settingsKey`). */
  pages: string;
}

/**
 * Answers whether a build with these inputs has nothing to do: asked with the stamp alone first,
 * then (if that proves nothing) with the key and the stamp.
 */
export type SkipCheck = (inputs: { key?: undefined; stamp: DatasetStamp; pages: string } | BuildInputs) => Promise<boolean>;

/** What a caller that keeps state between builds (the dev server) already has at hand. */
export interface Given {
  /** The record files, read. */
  dataset?: LoadedDataset;
  /** The templates, loaded (and compiled as pages used them). */
  templates?: Templates;
  /**
   * Pages are drawn one at a time, when asked for (the dev server): a record's Markdown is
   * rendered when its page is, not all of it ahead (at 10,000 records, 12 of the 19 s the
   * first build took).
   */
  drawnOnRequest?: boolean;
}

/**
 * Reads, validates and models the records, loads the templates and renders the Markdown: all a
 * build does before drawing pages. `skip` may end it early when nothing changed since the last
 * good build: first from the files' sizes and times alone, else from their texts.
 */
export async function prepareSite(options: Omit<BuildOptions, 'out'>, skip?: SkipCheck, given: Given = {}): Promise<Prepared> {
  const cwd = options.cwd ?? process.cwd();
  let templates: Templates;
  try {
    templates = given.templates ?? (await loadTemplates(options.templates && path.resolve(cwd, options.templates), SITE_TEMPLATES));
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, diagnostics: [], error: `template error: ${error.message}` };
    throw error;
  }
  const probe = siteContext([], options);
  // Not the time: the few files that show it are made again from the last build's (see `restampSite`).
  const settings = ['build', probe.version, templates.fingerprint, probe.baseUrl, probe.locale];
  const pages = settingsKey(probe, templates);
  let stamp: DatasetStamp | undefined;
  if (skip && !given.dataset) {
    const files = await stampDataset(options.dir, cwd, options.runtime?.found);
    stamp = { ...files, key: contentKey(...settings, files.key) };
    if (await skip({ stamp, pages })) {
      options.runtime?.timings?.mark('stat');
      return { ok: true, upToDate: true, records: stamp.files.length };
    }
  }
  // A file whose stat is as it was when the last build read it is not read again.
  const cache = options.runtime?.cache;
  const known = stamp && cache ? await knownTexts(cache, stamp) : undefined;
  const read = given.dataset ?? (await loadDataset(options.dir, cwd, { found: stamp ?? options.runtime?.found, known }));
  if (stamp && cache) rememberTexts(cache, stamp, read.files);
  options.runtime?.timings?.mark('read');
  // Only worth it for a caller that may skip (a build, not the dev server). Each file's key is
  // the one its check result is cached under: every text is hashed once.
  const key = skip && contentKey(...settings, ...read.files.map(fileKey), ...read.diagnostics.map((d) => d.file));
  if (key && read.diagnostics.length === 0 && (await skip!({ key, stamp, pages }))) return { ok: true, upToDate: true, records: read.files.length };
  // A build renders every record's Markdown: it starts on each as soon as its file is checked.
  const pool = options.runtime?.pool;
  const runtime = pool && !given.drawnOnRequest ? { ...options.runtime, ahead: new MarkdownAhead(pool) } : options.runtime;
  // A build reads each record's text once more, for its download; the dev server keeps them.
  const model = await loadModel({ ...options, runtime }, read, !given.drawnOnRequest);
  if (!model.ok) return model;
  if (!given.drawnOnRequest) await prerenderMarkdown(model.records, runtime);
  if (options.runtime?.cache) await saveMarkdown(options.runtime.cache);
  // Drawing pages happens on this thread: the workers' heaps (hundreds of MiB at 10,000
  // records) are given back now rather than at exit. The pool starts again if asked.
  await options.runtime?.pool?.close();
  options.runtime?.timings?.mark('markdown');
  return { ok: true, site: siteContext(model.records, options), templates, inputs: key === undefined ? undefined : { key, stamp, pages } };
}

/**
 * Prepares the site, then draws every file into a target that is opened only when the records
 * are good: on any error, no target is ever opened.
 */
export async function renderBuild(
  options: Omit<BuildOptions, 'out'>,
  open: () => Promise<Target>,
  reuse?: (target: Target) => PageReuse | undefined,
  skip?: SkipCheck,
): Promise<BuildResult> {
  let prepared: Prepared;
  try {
    prepared = await prepareSite(options, skip);
  } catch (error) {
    // A record file the build did not read at first (its stat unchanged), changed before it was.
    if (error instanceof FileChanged) return { ok: false, diagnostics: [], error: error.message };
    throw error;
  }
  if (!prepared.ok) return prepared;
  if (prepared.upToDate) return { ok: true, records: prepared.records, files: 0, upToDate: true };
  const { site, templates, inputs } = prepared;
  let target: Target | undefined;
  let files = 0;
  try {
    target = await open();
    const into = target;
    const progress = options.runtime?.progress;
    // What checking left (parsed files, the workers' results) goes before the drawing grows
    // the heap: V8 lets the heap grow by half what its last full collection found live, and the
    // last one, made while checking, found 184 MB against 136 MB here (10,000 records). A cold
    // build then peaked at 463-467 MiB; with this, 417-418 MiB, in the same time. Collecting
    // again between the record pages and the timelines measured no better. A build that keeps
    // most of the last one's files (a patch) checked few files and draws little: there the
    // collection cost 0.08 s of a one-record rebuild at 10,000 records, for no lower peak.
    const reused = reuse?.(into);
    if (!reused || reused.keepsNothing) options.runtime?.collect?.();
    else options.runtime?.patching?.();
    // A gathered file is a file written too.
    const gather: Gather | undefined =
      into.gather &&
      ((...args) => {
        files++;
        return into.gather!(...args);
      });
    renderSite({ ...site, reuse: reused, gather, digests: into.digests, collect: options.runtime?.collect }, templates, (sitePath, text) => {
      files++;
      progress?.written();
      into.sink(sitePath, text);
    });
    options.runtime?.timings?.mark('render and write');
    await target.finish();
    options.runtime?.timings?.mark('swap');
  } catch (error) {
    await target?.abandon().catch(() => undefined);
    if (error instanceof TemplateError) return { ok: false, diagnostics: [], error: `template error: ${error.message}` };
    if (error instanceof FileChanged || error instanceof SchemaMissing) return { ok: false, diagnostics: [], error: error.message };
    // The disk refused a file (full, read-only, no permission): the last output stays.
    if (typeof (error as NodeJS.ErrnoException).code === 'string') return { ok: false, diagnostics: [], error: `could not write the site: ${(error as Error).message}` };
    throw error;
  }
  if (options.runtime?.cache && inputs) options.runtime.cache.pendingBuild = inputs;
  return { ok: true, records: site.records.length, files };
}

/**
 * Validates the records and, only when none has an error, renders the site and puts it in
 * `out` (a new tree swapped in, or the changed files patched in). A template problem stops the
 * build the same way: `out` is left as it was.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  let writer: OutputTree | undefined;
  let reuse: ReturnType<typeof pageReuse> | undefined;
  // The last build's files' stats, taken on a thread once a patch is likely (see below).
  let ahead: StatsAhead | undefined;
  const cache = options.runtime?.cache;
  const out = path.resolve(options.cwd ?? process.cwd(), options.out);
  // Whether the last build's pages were drawn with this one's settings (templates, options,
  // version): if not, it can keep none of them, and writes a new tree as a cold build does.
  let keepsPages = true;
  // Files written by a build that only put its time in the last one's reports (see `restampSite`),
  // tried once (asked with the stamp, then the key).
  let restamped: number | undefined;
  let restampTried = false;
  return renderBuild(
    options,
    async () => {
      // With a cache, the folder is patched in place; first forget the last build, so that if
      // this one dies after changing files, no later run takes the folder for that build's.
      const last = cache?.lastBuild;
      const forgotten = last === undefined || (await forgetLastBuild(cache!));
      // The last build's file list holds while the folder is the one it left (same inode).
      const previous = keepsPages && (await isLastBuildsFolder(last, out)) ? cache?.outputFiles : undefined;
      if (cache) cache.lastBuild = undefined;
      writer = await openOutput(out, cache !== undefined && forgotten && keepsPages, previous, ahead);
      ahead = undefined;
      return { sink: (p, text) => writer!.write(p, text), gather: writer.gather?.bind(writer), digests: writer.digests?.bind(writer), finish: () => writer!.commit(), abandon: () => writer!.abort() };
    },
    () => (reuse = cache && writer && pageReuse(cache, writer)),
    cache && (async (inputs) => {
      // Nothing changed since the last build, and its output is still the one it wrote.
      const last = cache.lastBuild;
      if (!last) return false;
      // A header from before builds recorded their settings: its pages may be kept, as then.
      keepsPages = last.pages === undefined || last.pages === inputs.pages;
      // Its index of the last build's files is then not read at all: held while every page was
      // drawn again (a template or the locale changed), it took such a build at 10,000 records
      // to 457-470 MiB, against some 405 MiB without.
      if (!keepsPages) skipPages(cache);
      const same = inputs.key === undefined ? last.stamp !== undefined && stampProvesUnchanged(inputs.stamp, last.stamp) : last.key === inputs.key;
      const folder = await isLastBuildsFolder(last, out);
      // A build made again at the same time (to the second) as the last makes the same files.
      const when = sinceLastBuild(last, options.now, inputs.stamp?.files.length ?? 0);
      // Nothing changed but the time: the last build's files, with this one's time in its reports.
      if (same && folder && when === 'later' && !restampTried) {
        restampTried = true;
        restamped = await restampSite(cache, out, options.now, inputs.pages);
      }
      if (!same || !folder || !(when === 'same time' || restamped !== undefined)) {
        // A patch of the folder is likely: the stats of the files it may keep are taken while
        // the records are read and checked (waiting for them took 0.25 s of a one-record
        // rebuild at 10,000 records when they were taken only once drawing began).
        if (folder && !ahead && keepsPages) {
          options.runtime?.patching?.();
          await loadPages(cache);
          ahead = statPrevious(out, cache.outputFiles);
        }
        return false;
      }
      // The texts match: remember how the files look now, so the next run need not read them.
      const current = cache.lastBuild!;
      if (inputs.key !== undefined && inputs.stamp && !(current.stamp && stampProvesUnchanged(inputs.stamp, current.stamp))) {
        current.stamp = storedStamp(inputs.stamp);
        cache.headerDirty = true;
      }
      return true;
    }),
  ).then(async (result) => {
    ahead?.close();
    if (result.ok && result.upToDate && restamped !== undefined) return { ok: true, records: result.records, files: restamped };
    const pending = cache?.pendingBuild;
    if (result.ok && !result.upToDate && pending) {
      const info = await stat(out);
      cache.lastBuild = { out, ino: info.ino, key: pending.key, pages: pending.pages, ...builtAt(options.now), ...(pending.stamp ? { stamp: storedStamp(pending.stamp) } : {}) };
      // In the order drawn (the same for the same inputs): sorting 40,000 paths took 0.01 s, for nothing that needs it.
      cache.outputFiles = [...writer!.produced];
      reuse?.settle();
      cache.headerDirty = true;
      cache.dirty = true;
    }
    return result;
  });
}

/** Whether `out` is still the folder the last build left: the same path and inode. */
async function isLastBuildsFolder(last: LastBuild | undefined, out: string): Promise<boolean> {
  return last?.out === out && (await stat(out).catch(() => undefined))?.ino === last.ino;
}

/** The part of a stamp the cache keeps: its key and when it was taken (not the file list). */
function storedStamp(stamp: { key: string; takenAt: number }): { key: string; takenAt: number } {
  return { key: stamp.key, takenAt: stamp.takenAt };
}
