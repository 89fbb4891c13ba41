import { siteContext, type BuildOptions } from '../build.js';
import { loadModel } from '../check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadTemplates } from '../site/templates.js';
import type { PageContext } from '../site/view/context.js';
import { toSlug } from '../text/slug.js';
import { didYouMean } from '../text/suggest.js';
import { reportCsv } from './csv.js';
import { reportTables } from './figures.js';
import { wholeText } from '../site/sink.js';
import { REPORT_TEMPLATES, reportHtml, reportJson, reportMarkdown } from './render.js';
import type { Scope } from './scope.js';
import path from 'node:path';

/** The formats `disclosed report` writes. */
export const REPORT_FORMATS = ['md', 'html', 'csv', 'json', 'pdf'] as const;
/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of an ad-hoc report. */
export interface ReportOptions extends Omit<BuildOptions, 'out'> {
  /** What the report covers. */
  scope: Scope;
}

/** The ad-hoc report's texts by format (CSV: by table file name), or what stopped it. */
export type AdhocResult =
  | { ok: true; html: string; md: string; json: string; csv: Map<string, string> }
  | { ok: false; diagnostics: Diagnostic[]; sources?: Map<string, string>; error?: string };

/**
 * Makes one report from the records folder, filtered to the scope. Links point at the
 * published site (`baseUrl`), since the report travels on its own.
 */
export async function makeReport(options: ReportOptions): Promise<AdhocResult> {
  const model = await loadModel(options);
  if (!model.ok) return model;
  const { scope } = options;
  if (scope.organization !== undefined) {
    const wanted = scope.organization.toLowerCase();
    const names = [...new Set(model.records.map((m) => m.source.organization))];
    if (!names.some((n) => n.toLowerCase() === wanted || toSlug(n) === wanted)) {
      return { ok: false, diagnostics: [], error: `no record is about the organization "${scope.organization}"${didYouMean(scope.organization, names)}` };
    }
  }
  const site = siteContext(model.records, options);
  const templates = await loadTemplates(options.templates && path.resolve(options.cwd ?? process.cwd(), options.templates), REPORT_TEMPLATES);
  const page: PageContext = { site, path: 'reports/', root: site.baseUrl.endsWith('/') ? site.baseUrl : `${site.baseUrl}/` };
  const tables = reportTables(model.records, scope, options.now, site.locale);
  return {
    ok: true,
    html: reportHtml(templates, tables, page),
    md: reportMarkdown(templates, tables, page.root),
    json: reportJson(tables),
    csv: new Map([...reportCsv(tables)].map(([name, text]) => [name, wholeText(text)])),
  };
}
