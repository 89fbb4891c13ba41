import { paths } from '../model/paths.js';
import { toSlug } from '../schema/fields.js';
import type { Templates } from '../site/templates.js';
import { pageAt, type SiteContext } from '../site/view/context.js';
import { reportCsv } from './csv.js';
import { reportData } from './figures.js';
import { reportHtml, reportJson, reportMarkdown } from './render.js';
import type { Scope } from './scope.js';

/** One published report: its folder and what it covers. */
interface Published {
  slug: string;
  label: string;
  scope: Scope;
}

/** The files of one report in every format, as site paths to text. */
function reportFiles(site: SiteContext, templates: Templates, report: Published): Map<string, string> {
  const folder = `${paths.reports}${report.slug}/`;
  const page = pageAt(site, folder);
  const data = reportData(site.records, report.scope, site.now, site.locale);
  const files = new Map<string, string>([
    [`${folder}report.html`, reportHtml(templates, data, site.records, report.scope, page)],
    [`${folder}report.md`, reportMarkdown(templates, data, page.root)],
    [`${folder}report.json`, reportJson(data)],
  ]);
  for (const [name, csv] of reportCsv(data)) files.set(`${folder}${name}`, csv);
  return files;
}

function size(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${(bytes / 1000).toFixed(1)} kB`;
}

const FORMAT: Record<string, string> = { html: 'HTML, print-ready', md: 'Markdown', json: 'JSON', csv: 'CSV' };

/** The reports a build publishes: the whole dataset, and each organization. */
function published(site: SiteContext): Published[] {
  const orgs = [...new Set(site.records.map((m) => m.source.organization))].sort((a, b) => a.localeCompare(b, 'en'));
  return [
    { slug: 'all', label: 'All organizations', scope: {} },
    ...orgs.map((org) => ({ slug: `organization-${toSlug(org) || 'unnamed'}`, label: org, scope: { organization: org } })),
  ];
}

const REPORT_FILES = ['report.html', 'report.md', 'report.json', 'summary.csv', 'lags.csv', 'incidents.csv', 'enforcement.csv', 'totals.csv'];

/** The paths of every report file, without drawing any. */
export function siteReportPaths(site: SiteContext): string[] {
  return published(site).flatMap((r) => REPORT_FILES.map((f) => `${paths.reports}${r.slug}/${f}`));
}

/**
 * The reports a build publishes (the whole dataset, and each organization) and the view of
 * the reports index page, which lists every file with its size.
 */
export function siteReports(site: SiteContext, templates: Templates): { files: Map<string, string>; index: object } {
  const files = new Map<string, string>();
  const root = pageAt(site, paths.reports).root;
  const reports = published(site).map((report) => {
    const own = reportFiles(site, templates, report);
    for (const [p, text] of own) files.set(p, text);
    return {
      slug: report.slug,
      label: report.label,
      files: [...own].map(([p, text]) => {
        const name = p.slice(p.lastIndexOf('/') + 1);
        return { name, href: `${root}${p}`, format: FORMAT[name.slice(name.lastIndexOf('.') + 1)] ?? '', size: size(Buffer.byteLength(text)) };
      }),
    };
  });
  return { files, index: { reports } };
}
