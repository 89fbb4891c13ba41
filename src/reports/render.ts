import type { ModelRecord } from '../model/normalize.js';
import type { Templates } from '../site/templates.js';
import type { PageContext } from '../site/view/context.js';
import { lagChart } from '../site/view/lag-chart.js';
import { SafeHtml } from '../site/view/safe-html.js';
import { jsonText } from '../site/data-files.js';
import { amountCharts } from './amount-chart.js';
import type { ReportData } from './figures.js';
import { escapeForMarkdown } from './markdown-escape.js';
import { inScope, type Scope } from './scope.js';

/** The report templates and assets a build or `disclosed report` needs. */
export const REPORT_TEMPLATES = {
  templates: ['reports/report.html', 'reports/report.md', 'reports/index'],
  assets: ['assets/report.css'],
} as const;

/** How precision is handled, said once for every format. */
export const PRECISION_NOTE =
  'Dates are kept at the precision the sources give. A lag between two dates known only to the month or year is a range of days; ' +
  'each statistic is given as the range between its value over the shortest possible lags and over the longest, and the true figure lies within it. ' +
  'Withdrawn records are listed but left out of every figure. Amounts in different currencies are never added together.';

function lagRows(data: ReportData) {
  const rows: Array<{ measure: string; from: string; display: string; days: string }> = [];
  for (const [from, summary] of [['start of exposure', data.summary.lagFromExposure], ['discovery', data.summary.lagFromDiscovery]] as const) {
    for (const measure of ['median', 'mean', 'max'] as const) {
      const st = summary[measure];
      if (!st) continue;
      rows.push({ measure: measure === 'max' ? 'maximum' : measure, from, display: st.display, days: st.minDays === st.maxDays ? `${st.minDays}` : `${st.minDays} to ${st.maxDays}` });
    }
  }
  return rows;
}

/** The view both report layouts share: the data, links resolved against `root`, lag rows in words. */
function view(data: ReportData, root: string) {
  const link = (path: string) => root + path;
  return {
    ...data,
    precisionNote: PRECISION_NOTE,
    lagRows: lagRows(data),
    incidents: data.incidents.map((r) => ({ ...r, href: link(r.url), dataTypes: r.dataTypes.join(', ') })),
    enforcement: data.enforcement.map((r) => ({
      ...r,
      href: link(r.url),
      authority: r.authority.join('; '),
      concerns: r.concerns.map((c) => ({ ...c, href: link(c.url) })),
    })),
    withdrawnRecords: data.withdrawnRecords.map((w) => ({ ...w, href: link(w.url) })),
  };
}

/** The report as a standalone, print-ready HTML document. */
export function reportHtml(templates: Templates, data: ReportData, records: readonly ModelRecord[], scope: Scope, page: PageContext): string {
  const current = records.filter((m) => inScope(m, scope) && m.source.withdrawn === undefined);
  return templates.render('reports/report.html', {
    ...view(data, page.root),
    lang: page.site.locale,
    css: new SafeHtml(templates.asset('assets/report.css')),
    lagChart: lagChart(page, current, 'report-lag-chart', 'From exposure to disclosure, per incident'),
    amountCharts: amountCharts(data),
  });
}

/** The report as GitHub-flavoured Markdown. */
export function reportMarkdown(templates: Templates, data: ReportData, root: string): string {
  return templates.render('reports/report.md', escapeForMarkdown(view(data, root)));
}

/** The report as JSON: exactly the {@link ReportData} shape. */
export function reportJson(data: ReportData): string {
  return jsonText(data);
}
