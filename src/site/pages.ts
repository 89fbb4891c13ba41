import type { ModelRecord } from '../model/normalize.js';
import { fileOf, paths } from '../model/paths.js';
import { byKeyDate, datasetVersion, generatedAt } from '../reports/figures.js';
import { fingerprint, fingerprintParts, isDownload, MANIFEST_PATH, type ManifestEntry } from '../reports/manifest.js';
import { REPORT_TEMPLATES } from '../reports/render.js';
import { siteReportPaths, siteReports } from '../reports/site-reports.js';
import { dataFiles, jsonText, recordJsonText, recordsJsonLayout } from './data-files.js';
import { piecesOf } from './file-pieces.js';
import { eventsCsv, feedRecords, feedView } from './feeds.js';
import type { Templates } from './templates.js';
import { drawTimelines } from './timeline-pages.js';
import { canonical, pageAt, type KeptFile, type PageContext, type SiteContext } from './view/context.js';
import { contentKey } from '../cache/build-cache.js';
import { drawOrKeep, settingsKey, type DrawOrKeep, type Emit, type OpenWhole } from './keep.js';
import { recordHash } from '../model/record-hash.js';
import type { Sink } from './sink.js';
import { lagChart } from './view/lag-chart.js';
import { layout } from './view/layout.js';
import { facets, type Facet } from './view/listing.js';
import { recordPage } from './view/record-page.js';
import { forgetMarkdown } from '../markdown/render.js';
import { recordMarkdown } from '../markdown/texts.js';
import { SafeHtml } from './view/safe-html.js';
import { isTextOnDisk } from '../load/text-on-disk.js';

/** Every template a build renders, and the assets it copies. */
export const SITE_TEMPLATES = {
  templates: ['layout', 'partials/event', 'pages/timeline', 'pages/record', 'pages/embed', 'pages/overview', 'pages/index-list', 'pages/404', 'feed.xml', 'sitemap.xml', ...REPORT_TEMPLATES.templates],
  assets: ['assets/style.css', 'assets/favicon.svg', ...REPORT_TEMPLATES.assets],
} as const;

export type { Digests, FileText, Gather, Sink } from './sink.js';

/**
 * Renders a page's body with its template, inside the layout, and hands it to the sink (or
 * `to`). A view given as a function is built only if the page is wanted.
 */
export type RenderPage = (page: PageContext, name: string, view: object | (() => object), meta: Parameters<typeof layout>[2], to?: Sink) => void;

/** Which files a render should produce: all of them for a build, one for the dev server's request. */
export type Want = (sitePath: string) => boolean;

/** Every file: what a build renders. */
export const ALL: Want = () => true;

/** A render of exactly one file (the dev server answering a request). */
export function only(sitePath: string): Want & { only: string } {
  return Object.assign((p: string) => p === sitePath, { only: sitePath });
}

/** Whether a site path is a record's JSON file (`records/<id>/<id>.json`). */
const isRecordJson = (sitePath: string) => /^records\/([^/]+)\/\1\.json$/.test(sitePath);

/** Paths the timeline views draw: the home page, filtered views and their year pages. */
function isTimelinePath(sitePath: string): boolean {
  return sitePath === 'index.html' || /^(\d{4}|organizations|kinds|event-types|tags)\//.test(sitePath);
}

function listPage(render: RenderPage, site: SiteContext, path: string, heading: string, items: Facet[]): void {
  const page = pageAt(site, path);
  const view = { heading, items: items.map((f) => ({ label: f.label, href: page.root + f.path, count: f.records.length })) };
  render(page, 'pages/index-list', view, { title: heading, description: `${heading} in the disclosed dataset.` });
}

/** Everything a record's pages show besides the record itself: its neighbours' titles and links. */
function recordPagesKey(site: SiteContext, settings: string, model: ModelRecord): string {
  const r = model.source;
  const neighbours = [...(r.related ?? []), ...(r.kind === 'enforcement' ? r.concerns ?? [] : []), ...model.backlinks].map((id) => {
    const n = site.byId.get(id)?.source;
    return n ? [id, n.title, n.kind, n.kind === 'enforcement' ? (n.concerns ?? []).join(' ') : ''] : [id];
  });
  return contentKey('record-pages', settings, recordHash(model), JSON.stringify(neighbours));
}

/**
 * Draws or keeps a record's pages (named by `key`); true when they were kept from the last
 * build. With `once` (a build, which draws them only here), the HTML of the record's Markdown
 * is let go once they are drawn: some 30 MB at 10,000 records, otherwise held while the
 * timelines are drawn after them.
 */
function recordPages(render: RenderPage, keep: DrawOrKeep, site: SiteContext, key: () => string, model: ModelRecord, want: Want, once: boolean): boolean {
  const files = [fileOf(paths.record(model.id)), fileOf(paths.embed(model.id)), paths.recordFile(model.id, 'yaml'), paths.recordFile(model.id, 'json')];
  if (!files.some(want)) return false;
  const placed = keep(key, (to) => {
    drawRecordPages((page, name, view, meta) => render(page, name, view, meta, to), to, site, model);
    // Only drawn pages made the record's HTML ready (a kept record's, at most for the feed):
    // forgetting every record's texts took 0.1 s of a one-record rebuild.
    if (once) forgetMarkdown(recordMarkdown(model.source));
  });
  return !placed.some((file) => 'drawn' in file);
}

function drawRecordPages(render: RenderPage, emit: Sink, site: SiteContext, model: ModelRecord): void {
  const page = pageAt(site, paths.record(model.id));
  const view = recordPage(page, model);
  render(page, 'pages/record', view, {
    title: model.source.title,
    description: view.description,
    ogType: 'article',
    structured: {
      '@type': 'Article',
      headline: model.source.title,
      description: view.description,
      url: canonical(page),
      about: { '@type': 'Organization', name: model.source.organization },
      citation: model.source.sources.map((s) => s.url),
      ...(model.source.updated !== undefined ? { dateModified: String(model.source.updated).replace(/~$/, '') } : {}),
    },
  });
  // The embed sits as deep as the record page, so the same view serves both.
  const embed = pageAt(site, paths.embed(model.id));
  render(embed, 'pages/embed', { ...view, pageHref: canonical(embed, paths.record(model.id)) }, {
    title: model.source.title,
    description: view.description,
    embed: true,
  });
  // A text left on disk is copied from its file by the writer, not read here.
  emit(paths.recordFile(model.id, 'yaml'), model.onDisk ?? model.text);
  emit(paths.recordFile(model.id, 'json'), recordJsonText(model));
}

/**
 * The records whose pages may be wanted: every one, or for a request of one file (the dev
 * server) the record it lies under, found by its path rather than by trying each record.
 */
function recordsWanted(site: SiteContext, single: string | undefined): readonly ModelRecord[] {
  if (single === undefined) return site.records;
  const id = /^records\/([^/]+)\//.exec(single)?.[1];
  const model = id === undefined ? undefined : site.byId.get(id);
  return model ? [model] : [];
}

/**
 * The timeline views and their lists. A function of its own so that the drawn events (some
 * 140 MB at 10,000 records) can be collected when it returns: held in `renderSite`'s frame,
 * they stayed live while the rest of the site was drawn.
 */
function timelines(render: RenderPage, keep: DrawOrKeep, openWhole: OpenWhole, settings: string, site: SiteContext, templates: Templates, recording: boolean): void {
  const all = facets(site.records);
  drawTimelines({ render, keep, openWhole, settings, site, templates, all, recording });
  listPage(render, site, paths.organizations, 'Organizations', all.filter((f) => f.group === 'organization'));
  listPage(render, site, paths.tags, 'Tags', all.filter((f) => f.group === 'tag'));
}

/** At most this many incidents on one overview chart; more go on further pages. */
export const INCIDENTS_PER_CHART = 300;

/**
 * The overview charts: every current incident by disclosure date, a few hundred a page. A page
 * whose incidents and numbering are unchanged is kept: an edit redraws the one page it is on.
 */
function overviewPages(render: RenderPage, keep: DrawOrKeep, settings: string, site: SiteContext, want: Want): void {
  const isCurrent = (m: ModelRecord) => m.source.kind === 'incident' && m.source.withdrawn === undefined;
  const count = Math.max(1, Math.ceil(site.records.filter(isCurrent).length / INCIDENTS_PER_CHART));
  const pathOf = (i: number) => (i === 0 ? paths.overview : `${paths.overview}${i + 1}/`);
  // Sorting every incident by date is the costly part: not for a request of another page.
  if (!Array.from({ length: count }, (_, i) => fileOf(pathOf(i))).some(want)) return;
  // In the order the reports list them (sorted once for both).
  const incidents = byKeyDate(site.records).filter(isCurrent);
  for (let i = 0; i < count; i++) {
    const page = pageAt(site, pathOf(i));
    const part = incidents.slice(i * INCIDENTS_PER_CHART, (i + 1) * INCIDENTS_PER_CHART);
    const title = count > 1 ? `From exposure to disclosure, incidents ${i * INCIDENTS_PER_CHART + 1} to ${i * INCIDENTS_PER_CHART + part.length} of ${incidents.length}` : 'From exposure to disclosure, every incident';
    const pages = count > 1 ? Array.from({ length: count }, (_, j) => ({ label: String(j + 1), href: page.root + pathOf(j), current: j === i })) : undefined;
    const key = () => contentKey('overview-page', settings, page.path, title, JSON.stringify(pages ?? null), ...part.map(recordHash));
    keep(key, (to) => render(page, 'pages/overview', () => ({ chart: lagChart(page, part, `overview-chart-${i + 1}`, title), pages }), { title: count > 1 ? `Overview, page ${i + 1}` : 'Overview', description: 'Every incident on one time axis: when the exposure began, when it was discovered, and when it was disclosed.' }, to));
  }
}

/**
 * Renders the whole site (pages, feeds, data files, reports, assets) into `sink`, one file at
 * a time, so a large site never sits in memory whole. Pure apart from the sink.
 */
export function renderSite(site: SiteContext, templates: Templates, sink: Sink, wanted: Want = ALL): void {
  // The sitemap and manifest list every file, so asking for either draws them all.
  const everything = wanted === ALL || wanted('sitemap.xml') || wanted(MANIFEST_PATH);
  const want: Want = everything ? ALL : wanted;
  const pages: string[] = [];
  const downloads: ManifestEntry[] = [];
  // The writer hashes the downloads as it writes them, and the manifest (and what a build with
  // a cache remembers of each, see `drawOrKeep`) takes their hashes from it once all are
  // drawn: encoded and hashed here, they took 0.25 s of a cold 10,000-record build, and
  // `records.json` and `events.csv` 0.12 s of a one-record rebuild.
  const digested = site.digests && want === ALL ? site.digests(isDownload) : undefined;
  const emit: Emit = (sitePath, text) => {
    if (!want(sitePath)) return undefined;
    if (sitePath.endsWith('index.html') && sitePath !== 'reports/index.html') pages.push(sitePath);
    if (!isDownload(sitePath)) return void sink(sitePath, text);
    let entry: ManifestEntry;
    if (isTextOnDisk(text)) {
      // Its hash is the one it was checked with (the writer makes sure the file still holds it).
      entry = { path: sitePath, bytes: text.bytes, sha256: Buffer.from(text.hash, 'base64url').toString('hex') };
      sink(sitePath, text);
    } else if (digested) {
      // Filled in from the writer's digests before the manifest is made.
      entry = { path: sitePath, bytes: 0, sha256: '' };
      sink(sitePath, text);
    } else if (typeof text === 'string') {
      entry = fingerprint(sitePath, text);
      sink(sitePath, text);
    } else {
      // Parts are hashed as the sink writes them.
      const hash = fingerprintParts(sitePath);
      sink(sitePath, hash.tee(text));
      entry = hash.entry();
    }
    downloads.push(entry);
    return entry;
  };
  const render: RenderPage = (page, name, view, meta, to = emit) => {
    if (!want(fileOf(page.path))) return;
    const body = new SafeHtml(templates.render(name, { ...(typeof view === 'function' ? view() : view), root: page.root }));
    to(fileOf(page.path), templates.render('layout', layout(page, body, meta)));
  };
  const kept = (file: KeptFile) => {
    if (file.path.endsWith('index.html')) pages.push(file.path);
    // A download is always remembered with its hash (see `drawOrKeep`).
    if (isDownload(file.path)) downloads.push({ path: file.path, bytes: file.bytes, sha256: file.sha256! });
  };
  const { keep, openWhole } = drawOrKeep(site, emit, kept, want === ALL);
  const settings = settingsKey(site, templates);

  // A request for one file (the dev server) draws only the part of the site it lies in: placing
  // every event, listing every report or sorting every incident is not worth it for another.
  const single = want === ALL ? undefined : (wanted as { only?: string }).only;
  const asked = (prefix: string) => single === undefined || single.startsWith(prefix);
  // The feed shows the latest records' summaries: drawn before the record pages let their HTML go.
  if (want(paths.feed)) {
    // What the feed shows follows from the records it lists (their summaries as text, read
    // from the rendered Markdown: 0.05 s at each rebuild), or with none, from the build's time.
    const listed = feedRecords(site.records);
    const key = () => contentKey('feed', settings, ...(listed.length > 0 ? listed.map(recordHash) : [site.now.toISO() ?? '']));
    keep(key, (to) => to(paths.feed, templates.render('feed.xml', feedView(site, listed))));
  }
  // A record's key names its pages and its piece of records.json (which follows from its JSON file).
  const recordKeys = new Map<ModelRecord, string>();
  const keyOf = (m: ModelRecord) => () => recordKeys.get(m) ?? recordKeys.set(m, recordPagesKey(site, settings, m)).get(m)!;
  const keptRecords = new Set<ModelRecord>();
  // A build draws every file once; the dev server keeps rendered Markdown for the next request.
  const once = wanted === ALL;
  // A new tree's writer makes records.json of the records' JSON files as it writes them (each
  // record's pages are drawn, in order): made again here, the records' JSON took 1.1 s of a cold
  // 10,000-record build's main thread. A build that may keep records' files (linked, so never
  // through the writer) makes it here, copying kept records' pieces (below).
  const gathered =
    site.gather && (!site.reuse || site.reuse.keepsNothing) && want === ALL && site.records.length > 0
      ? site.gather(paths.records, recordsJsonLayout(site.records.length), isRecordJson)
      : undefined;
  for (const model of recordsWanted(site, single)) if (recordPages(render, keep, site, keyOf(model), model, want, once)) keptRecords.add(model);

  // events.csv and records.json copy a kept record's piece (its rows, its JSON) from the last
  // build's file, and remember where each piece went for the next build. A record's key names
  // everything its pieces show.
  const reuse = site.reuse;
  const recordPieces = (sitePath: string, more = {}) => piecesOf(want(sitePath) ? reuse : undefined, sitePath, settings, (m) => keyOf(m)(), { mayKeep: (m) => keptRecords.has(m), ...more });
  const dataDownloads = () => {
    if (want(paths.events)) {
      const csv = recordPieces(paths.events);
      emit(paths.events, eventsCsv(site, csv.pieces));
      csv.done();
    }
    if (!want(paths.records) && !want(paths.schema)) return;
    // Failing a piece, a kept record's JSON file is read back rather than made again.
    const json = recordPieces(paths.records, { textOf: (m: ModelRecord) => (keptRecords.has(m) ? reuse?.read(paths.recordFile(m.id, 'json')) : undefined) });
    for (const [name, text] of dataFiles(site.records, json.pieces)) {
      if (name !== paths.records || !gathered) emit(name, text);
      else {
        const made = gathered();
        if (!made) continue;
        const { spans, ...digest } = made;
        downloads.push({ path: name, ...digest });
        // Where the writer put each record's piece, told as a file made here tells it.
        site.records.forEach((m, i) => json.pieces?.placed?.(m, spans[2 * i]!, spans[2 * i + 1]!));
      }
    }
    json.done();
  };
  // Files copied in good part from the last build's are made before the timelines, for the
  // write thread to copy while those are drawn: made after them, the copying shared the two
  // cores with the reports (a one-record rebuild's at 10,000 records took 0.65 s, not 0.5 s).
  // A gathered records.json is asked for last, when the writer has caught up with the pages.
  if (!gathered) dataDownloads();
  if (single === undefined || isTimelinePath(single)) timelines(render, keep, openWhole, settings, site, templates, want === ALL && site.reuse !== undefined);

  const overview = pageAt(site, paths.overview);
  if (asked(paths.overview)) overviewPages(render, keep, settings, site, want);

  // Servers show the 404 page at whatever address was asked for, so its links start from the root.
  const notFound = { ...pageAt(site, '404.html'), root: new URL(site.baseUrl).pathname };
  render(notFound, 'pages/404', {}, { title: 'Page not found', description: 'This page does not exist.' });
  if (gathered) dataDownloads();
  for (const asset of ['assets/style.css', 'assets/favicon.svg']) emit(asset, templates.asset(asset));

  if (asked(paths.reports) && [...siteReportPaths(site), fileOf(paths.reports)].some(want)) {
    // The whole dataset's report grows the heap from where the timelines left it. A collection
    // used to fall between them while records.json was made here; with records.json gathered,
    // a cold 10,000-record build peaked 25 MiB higher in half of its runs unless collected here.
    if (gathered) site.collect?.();
    const index = siteReports(site, templates, keep, settings);
    render(pageAt(site, paths.reports), 'reports/index', index, {
      title: 'Transparency reports',
      description: 'Downloadable transparency reports in HTML, Markdown, CSV and JSON, with checksums.',
    });
  }
  if (!everything) return;

  sink('sitemap.xml', templates.render('sitemap.xml', { urls: pages.sort().map((f) => canonical(overview, f.replace(/index\.html$/, ''))) }));
  if (digested) {
    const digests = digested();
    for (const entry of downloads) Object.assign(entry, digests.get(entry.path));
  }
  const manifest = { format: 1, dataset: datasetVersion(site.records), generated: generatedAt(site.now), files: downloads.sort((a, b) => (a.path < b.path ? -1 : 1)) };
  sink(MANIFEST_PATH, jsonText(manifest));
}
