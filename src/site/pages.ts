import type { ModelRecord } from '../model/normalize.js';
import { fileOf, paths } from '../model/paths.js';
import { dataFiles, jsonText } from './data-files.js';
import { eventsCsv, feedView } from './feeds.js';
import type { Templates } from './templates.js';
import { canonical, pageAt, type PageContext, type SiteContext } from './view/context.js';
import { lagChart } from './view/lag-chart.js';
import { layout } from './view/layout.js';
import { facets, filterGroups, recordLinks, type Facet } from './view/listing.js';
import { recordPage } from './view/record-page.js';
import { SafeHtml } from './view/safe-html.js';
import { timelineByYear } from './view/timeline.js';
import { recordJson } from '../model/normalize.js';
import { datasetVersion } from '../reports/figures.js';
import { buildManifest, MANIFEST_PATH } from '../reports/manifest.js';
import { REPORT_TEMPLATES } from '../reports/render.js';
import { siteReports } from '../reports/site-reports.js';

/** Every template a build renders, and the assets it copies. */
export const SITE_TEMPLATES = {
  templates: ['layout', 'pages/timeline', 'pages/record', 'pages/embed', 'pages/overview', 'pages/index-list', 'pages/404', 'feed.xml', 'sitemap.xml', ...REPORT_TEMPLATES.templates],
  assets: ['assets/style.css', 'assets/favicon.svg', ...REPORT_TEMPLATES.assets],
} as const;

type Files = Map<string, string>;

function renderPage(files: Files, templates: Templates, page: PageContext, name: string, view: object, meta: Parameters<typeof layout>[2]): void {
  const body = new SafeHtml(templates.render(name, { ...view, root: page.root }));
  files.set(fileOf(page.path), templates.render('layout', layout(page, body, meta)));
}

function timelinePage(files: Files, templates: Templates, site: SiteContext, all: Facet[], facet: Facet | undefined): void {
  const page = pageAt(site, facet?.path ?? paths.home);
  const records = facet?.records ?? site.records;
  let years = timelineByYear(page, records);
  if (facet?.eventType) {
    years = years.map((y) => ({ ...y, entries: y.entries.filter((e) => e.type === facet.eventType) })).filter((y) => y.entries.length > 0);
  }
  const count = years.reduce((n, y) => n + y.entries.length, 0);
  const heading = facet ? facet.label : 'Timeline of disclosures';
  const description = facet
    ? `${count} events from ${records.length} records: ${facet.label}.`
    : `${count} events from ${records.length} records of data incidents, their disclosure, and enforcement.`;
  const view = {
    heading,
    description,
    filters: filterGroups(page, all),
    years,
    records: facet && facet.group !== 'type' ? recordLinks(page, records) : undefined,
    overviewHref: page.root + paths.overview,
  };
  renderPage(files, templates, page, 'pages/timeline', view, {
    title: facet ? facet.label : 'disclosed',
    description,
    structured: facet ? undefined : { '@type': 'Dataset', name: 'disclosed: incident and enforcement records', description, url: canonical(page), distribution: [{ '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: canonical(page, paths.records) }] },
  });
}

function listPage(files: Files, templates: Templates, site: SiteContext, path: string, heading: string, items: Facet[]): void {
  const page = pageAt(site, path);
  const view = { heading, items: items.map((f) => ({ label: f.label, href: page.root + f.path, count: f.records.length })) };
  renderPage(files, templates, page, 'pages/index-list', view, { title: heading, description: `${heading} in the disclosed dataset.` });
}

function recordPages(files: Files, templates: Templates, site: SiteContext, model: ModelRecord): void {
  const page = pageAt(site, paths.record(model.id));
  const view = recordPage(page, model);
  renderPage(files, templates, page, 'pages/record', view, {
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
  const embed = pageAt(site, paths.embed(model.id));
  const embedView = recordPage(embed, model);
  renderPage(files, templates, embed, 'pages/embed', { ...embedView, pageHref: canonical(embed, paths.record(model.id)) }, {
    title: model.source.title,
    description: embedView.description,
    embed: true,
  });
  files.set(paths.recordFile(model.id, 'yaml'), model.text);
  files.set(paths.recordFile(model.id, 'json'), jsonText(recordJson(model)));
}

/** Renders the whole site: pages, feeds, data files and assets, as site paths to text. Pure. */
export function renderSite(site: SiteContext, templates: Templates): Files {
  const files: Files = new Map();
  const all = facets(site.records);
  timelinePage(files, templates, site, all, undefined);
  for (const facet of all) timelinePage(files, templates, site, all, facet);
  listPage(files, templates, site, paths.organizations, 'Organizations', all.filter((f) => f.group === 'organization'));
  listPage(files, templates, site, paths.tags, 'Tags', all.filter((f) => f.group === 'tag'));
  for (const model of site.records) recordPages(files, templates, site, model);

  const overview = pageAt(site, paths.overview);
  const current = site.records.filter((m) => m.source.withdrawn === undefined);
  const chart = lagChart(overview, current, 'overview-chart', 'From exposure to disclosure, every incident');
  renderPage(files, templates, overview, 'pages/overview', { chart }, { title: 'Overview', description: 'Every incident on one time axis: when the exposure began, when it was discovered, and when it was disclosed.' });

  // Servers show the 404 page at whatever address was asked for, so its links start from the root.
  const notFound = { ...pageAt(site, '404.html'), root: new URL(site.baseUrl).pathname };
  renderPage(files, templates, notFound, 'pages/404', {}, { title: 'Page not found', description: 'This page does not exist.' });

  files.set(paths.feed, templates.render('feed.xml', feedView(site)));
  files.set(paths.events, eventsCsv(site));
  for (const [name, text] of dataFiles(site.records)) files.set(name, text);
  for (const asset of ['assets/style.css', 'assets/favicon.svg']) files.set(asset, templates.asset(asset));

  const reports = siteReports(site, templates);
  for (const [p, text] of reports.files) files.set(p, text);
  renderPage(files, templates, pageAt(site, paths.reports), 'reports/index', reports.index, {
    title: 'Transparency reports',
    description: 'Downloadable transparency reports in HTML, Markdown, CSV and JSON, with checksums.',
  });
  const pages = [...files.keys()].filter((f) => f.endsWith('index.html')).sort().map((f) => canonical(overview, f.replace(/index\.html$/, '')));
  files.set('sitemap.xml', templates.render('sitemap.xml', { urls: pages }));
  const generated = site.now.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  files.set(MANIFEST_PATH, jsonText(buildManifest(files, datasetVersion(site.records), generated)));
  return files;
}
