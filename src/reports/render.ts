import type { ModelRecord } from '../model/normalize.js';
import type { Templates } from '../site/templates.js';
import type { PageContext } from '../site/view/context.js';
import { lagChart } from '../site/view/lag-chart.js';
import { SafeHtml } from '../site/view/safe-html.js';
import { jsonText, piecewiseRuns, type RecordPieces, type Run } from '../site/data-files.js';
import { wholeText } from '../site/sink.js';
import type { Part } from '../output/files.js';
import { amountCharts } from './amount-chart.js';
import { withRows, type ReportData, type ReportTables } from './figures.js';
import { escapeForMarkdown } from './markdown-escape.js';

/** At most this many incidents on one chart. */
const INCIDENTS_PER_CHART = 300;

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

/** At most this many rows per table in the HTML and Markdown reports; CSV and JSON hold them all. */
export const ROWS_PER_TABLE = 1000;

// The HTML and Markdown reports show the same view (the Markdown's escaped): made once a report.
const views = new WeakMap<ReportTables, { root: string; view: ReturnType<typeof makeView> }>();

/** The view both report layouts share: the data, links resolved against `root`, lag rows in words. */
function view(tables: ReportTables, root: string) {
  const made = views.get(tables);
  if (made?.root === root) return made.view;
  const fresh = makeView(tables, root);
  views.set(tables, { root, view: fresh });
  return fresh;
}

function makeView(tables: ReportTables, root: string) {
  const link = (path: string) => root + path;
  const cut = (n: number) => (n > ROWS_PER_TABLE ? `The first ${ROWS_PER_TABLE} of ${n} rows, by date; every row is in the CSV and JSON files of this report.` : undefined);
  // Only the rows the tables show are made.
  const data = withRows(tables, ROWS_PER_TABLE);
  return {
    ...data,
    precisionNote: PRECISION_NOTE,
    lagRows: lagRows(data),
    incidentsCut: cut(tables.incidents.length),
    enforcementCut: cut(tables.enforcement.length),
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

/**
 * The records whose rows the HTML and Markdown reports show (the first of each table, and the
 * incidents on the lag chart): with the figures, all of a report's records they show.
 */
export function viewRecords(tables: ReportTables): ModelRecord[] {
  return [...tables.incidents.slice(0, ROWS_PER_TABLE), ...tables.enforcement.slice(0, ROWS_PER_TABLE), ...chartIncidents(tables)];
}

// The chart shows the most recent incidents when there are more than fit one chart.
const chartIncidents = (tables: ReportTables) => tables.incidents.slice(-INCIDENTS_PER_CHART);

/** The report as a standalone, print-ready HTML document. */
export function reportHtml(templates: Templates, tables: ReportTables, page: PageContext): string {
  return templates.render('reports/report.html', {
    ...view(tables, page.root),
    lang: page.site.locale,
    css: new SafeHtml(templates.asset('assets/report.css')),
    lagChart: lagChart(page, chartIncidents(tables), 'report-lag-chart', 'From exposure to disclosure, per incident'),
    amountCharts: amountCharts(tables.figures),
  });
}

/** The report as GitHub-flavoured Markdown. */
export function reportMarkdown(templates: Templates, tables: ReportTables, root: string): string {
  return templates.render('reports/report.md', escapeForMarkdown(view(tables, root)));
}

/** Where the rows of a report's JSON and CSV files may come from (see `RecordPieces`), by file name. */
export type RowPieces = (file: string) => RecordPieces | undefined;

/**
 * The report as JSON, in parts: exactly `jsonText` of the {@link ReportData} with every row,
 * each row made, or copied from the last build's file (`pieces`), in its place.
 */
export function reportJsonParts(tables: ReportTables, pieces: RowPieces = () => undefined): Iterable<Part> {
  // The figures' text with each table's place in it: "[]" where a table is empty.
  const texts = [jsonText(tables.figures)];
  const runs: Run[] = [];
  const table = (name: 'incidents' | 'enforcement', records: readonly ModelRecord[], row: (m: ModelRecord) => object) => {
    if (records.length === 0) return;
    const place = `\n  ${JSON.stringify(name)}: []`;
    const [before, after] = texts.pop()!.split(place) as [string, string];
    texts.push(`${before}${place.slice(0, -1)}\n`, `\n  ]${after}`);
    runs.push({ records, between: ',\n', make: (m) => `    ${JSON.stringify(row(m), null, 2).replaceAll('\n', '\n    ')}` });
  };
  table('incidents', tables.incidents, tables.incidentRow);
  table('enforcement', tables.enforcement, tables.enforcementRow);
  return piecewiseRuns(texts, runs, pieces('report.json'));
}

/** The report as JSON: exactly the {@link ReportData} shape. */
export function reportJson(tables: ReportTables): string {
  return wholeText(reportJsonParts(tables));
}
