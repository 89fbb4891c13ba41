import path from 'node:path';
import { loadModel, type CheckOptions } from './check.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { writeTreeAtomically } from './output/swap-dir.js';
import { renderSite, SITE_TEMPLATES } from './site/pages.js';
import { loadTemplates, TemplateError } from './site/templates.js';
import { VERSION } from './version.js';
import { prerenderMarkdown } from './markdown/prerender.js';
import type { ModelRecord } from './model/normalize.js';
import type { SiteContext } from './site/view/context.js';

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
  | { ok: true; records: number; files: number }
  | { ok: false; diagnostics: Diagnostic[]; sources: Map<string, string>; error?: undefined }
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

/** A rendered site held in memory, or what stopped it. */
export type RenderResult = { ok: true; records: number; files: Map<string, string> } | Extract<BuildResult, { ok: false }>;

/** Validates, models and renders the site without writing it (the dev server serves it from memory). */
export async function renderBuild(options: Omit<BuildOptions, 'out'>): Promise<RenderResult> {
  const cwd = options.cwd ?? process.cwd();
  const model = await loadModel(options);
  if (!model.ok) return model;
  await prerenderMarkdown(model.records, options.runtime);
  try {
    const templates = await loadTemplates(options.templates && path.resolve(cwd, options.templates), SITE_TEMPLATES);
    return { ok: true, records: model.records.length, files: renderSite(siteContext(model.records, options), templates) };
  } catch (error) {
    if (error instanceof TemplateError) return { ok: false, diagnostics: [], error: error.message };
    throw error;
  }
}

/**
 * Validates the records and, only when none has an error, renders the site and swaps it into
 * `out`. A template problem stops the build the same way: nothing is written.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const rendered = await renderBuild(options);
  if (!rendered.ok) return rendered;
  await writeTreeAtomically(path.resolve(options.cwd ?? process.cwd(), options.out), rendered.files);
  return { ok: true, records: rendered.records, files: rendered.files.size };
}
