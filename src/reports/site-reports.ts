import { paths } from '../model/paths.js';
import { toSlug } from '../text/slug.js';
import type { Templates } from '../site/templates.js';
import { pageAt, type PageReuse, type SiteContext } from '../site/view/context.js';
import { reportCsv } from './csv.js';
import { generatedAt, reportTables, type ReportTables } from './figures.js';
import { restamp, stampOf, stampSpans, stampValues, type Stamp, type StampKind } from './stamps.js';
import { reportHtml, reportJsonParts, reportMarkdown, viewRecords } from './render.js';
import type { RecordPieces } from '../site/data-files.js';
import { piecesOf, type PiecesOfFile } from '../site/file-pieces.js';
import type { FileText } from '../site/sink.js';
import { isTextOnDisk } from '../load/text-on-disk.js';
import { partSize } from '../output/files.js';
import { inScope, organizationRecords, type Scope } from './scope.js';
import { contentKey } from '../cache/build-cache.js';
import type { DrawOrKeep } from '../site/keep.js';
import { recordHash } from '../model/record-hash.js';
import { oncePerObject } from '../memo.js';
import type { ModelRecord } from '../model/normalize.js';

/** One published report: its folder and what it covers. */
interface Published {
  slug: string;
  label: string;
  scope: Scope;
}

/** A file of a report: where it goes, whether it shows only the first rows (see `viewRecords`), and how to draw it. */
interface ReportFile {
  sitePath: string;
  view: boolean;
  draw(): FileText;
}

/**
 * The files of one report in every format, each drawn when asked for: the whole dataset's are
 * some 11 MB at 10,000 records, and need not be held together. The HTML and Markdown files are
 * drawn from `tables.view`, the rest from `tables.data` (they may mark different values, see
 * `stamps.ts`). The rows of the JSON and CSV files come from `rows` where the last build's files
 * hold them.
 */
function reportFiles(site: SiteContext, templates: Templates, report: Published, tables: { view: ReportTables; data: ReportTables }, rows: (sitePath: string) => RecordPieces | undefined): ReportFile[] {
  const folder = `${paths.reports}${report.slug}/`;
  const page = pageAt(site, folder);
  const pieces = (name: string) => rows(`${folder}${name}`);
  let csv: Map<string, FileText> | undefined;
  return [
    { sitePath: `${folder}report.html`, view: true, draw: () => reportHtml(templates, tables.view, page) },
    { sitePath: `${folder}report.md`, view: true, draw: () => reportMarkdown(templates, tables.view, page.root) },
    { sitePath: `${folder}report.json`, view: false, draw: () => reportJsonParts(tables.data, pieces) },
    ...CSV_FILES.map((name) => ({ sitePath: `${folder}${name}`, view: false, draw: () => (csv ??= reportCsv(tables.data, pieces)).get(name)! })),
  ];
}

/**
 * A record's row in a report names what it shows: the record, and an enforcement action's
 * incidents (their titles). The settings are the file's (see `piecesOf`).
 */
function rowKey(site: SiteContext, m: ModelRecord): string {
  // Most rows (every incident's) name their record alone.
  if (m.source.kind !== 'enforcement' || !m.source.concerns?.length) return recordHash(m);
  return [recordHash(m), ...m.source.concerns.map((id) => (site.byId.has(id) ? recordHash(site.byId.get(id)!) : `-${id}`))].join(' ');
}

/** A file's text, its size in bytes told to `add` as it is read. */
function sized(text: FileText, add: (bytes: number) => void): FileText {
  if (typeof text === 'string') {
    add(Buffer.byteLength(text));
    return text;
  }
  if (isTextOnDisk(text)) {
    add(text.bytes);
    return text;
  }
  return (function* () {
    for (const part of text) {
      add(partSize(part));
      yield part;
    }
  })();
}

function size(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${(bytes / 1000).toFixed(1)} kB`;
}

const FORMAT: Record<string, string> = { html: 'HTML, print-ready', md: 'Markdown', json: 'JSON', csv: 'CSV' };

/** The reports a build publishes: the whole dataset, and each organization (once per dataset). */
const published = (site: SiteContext) => publishedOf(site.records);

const publishedOf = oncePerObject((records: readonly ModelRecord[]): Published[] => {
  const orgs = [...new Set(records.map((m) => m.source.organization))].sort((a, b) => a.localeCompare(b, 'en'));
  return [
    { slug: 'all', label: 'All organizations', scope: {} },
    ...orgs.map((org) => ({ slug: `organization-${toSlug(org) || 'unnamed'}`, label: org, scope: { organization: org } })),
  ];
});

const CSV_FILES = ['summary.csv', 'lags.csv', 'incidents.csv', 'enforcement.csv', 'totals.csv'];
const REPORT_FILES = ['report.html', 'report.md', 'report.json', ...CSV_FILES];

/** Whether a site path is a file of a published report (not the reports' index or manifest). */
export function isReportFile(sitePath: string): boolean {
  const name = sitePath.slice(sitePath.lastIndexOf('/') + 1);
  return sitePath.startsWith(paths.reports) && sitePath.indexOf('/', paths.reports.length) === sitePath.length - name.length - 1 && REPORT_FILES.includes(name);
}

/** The paths of every report file, without drawing any. */
export function siteReportPaths(site: SiteContext): string[] {
  return published(site).flatMap((r) => REPORT_FILES.map((f) => `${paths.reports}${r.slug}/${f}`));
}

/**
 * Everything one report shows but the build's time: the records in its scope, the incidents
 * its enforcement actions concern (whose titles it prints) and the options. An organization's
 * records are found by name (see `organizationRecords`).
 */
function reportKey(site: SiteContext, settings: string, report: Published): string {
  const parts: string[] = [];
  const { organization, ...range } = report.scope;
  for (const m of organization === undefined ? site.records : organizationRecords(site.records, organization)) {
    if (!inScope(m, range)) continue;
    parts.push(recordHash(m));
    if (m.source.kind === 'enforcement') for (const id of m.source.concerns ?? []) parts.push(site.byId.has(id) ? recordHash(site.byId.get(id)!) : id);
  }
  return contentKey('report', settings, report.slug, report.label, parts.join(' '));
}

/**
 * What a report's HTML and Markdown show but the time and the dataset version: the figures,
 * and the rows of the records they list (see `viewRecords`).
 */
function viewKey(settings: string, report: Published, tables: ReportTables, keyOf: (m: ModelRecord) => string): string {
  const figures = { ...tables.figures, generated: '', dataset: { ...tables.figures.dataset, version: '' } };
  return contentKey('report-view', settings, report.slug, report.label, JSON.stringify(figures), viewRecords(tables).map(keyOf).join(' '));
}

/**
 * Puts the last build's files of `report`, drawn for what it shows (`shown`) at another time,
 * with this build's time in them (see `restamp`), and tells the next build where their pieces
 * now lie: true if every file could be, else none is put.
 */
function restampReport(reuse: PageReuse, report: Published, settings: string, shown: string, time: string, put: (sitePath: string, text: FileText) => void): boolean {
  const files = REPORT_FILES.map((name) => {
    const sitePath = `${paths.reports}${report.slug}/${name}`;
    const last = reuse.lastFile(sitePath, settings);
    return { sitePath, again: last && restamp(last, shown, { time }) };
  });
  if (files.some((file) => !file.again)) return false;
  for (const { sitePath, again } of files) {
    put(sitePath, again!.parts);
    reuse.placePieces(sitePath, settings, again!.spans);
  }
  return true;
}

/** What drawing any report of a build needs. */
interface ReportDrawing {
  site: SiteContext;
  templates: Templates;
  settings: string;
  /** A record's row key (see `rowKey`), made once a build. */
  keyOf: (m: ModelRecord) => string;
  /** The build's time, as the reports give it. */
  time: string;
  /** Whether files are drawn with marks for the values the next build may put in (see `stamps.ts`). */
  marking: boolean;
}

/**
 * Draws a report's files into `put`. With marks, each file's stamps' places are remembered for
 * the next build; the HTML and Markdown, which show the dataset version and only some rows, are
 * the last build's with new values in where those rows and the figures are unchanged.
 */
function drawReport({ site, templates, settings, keyOf, time, marking }: ReportDrawing, report: Published, shown: () => string, put: (sitePath: string, text: FileText) => number): void {
  const reuse = site.reuse;
  const tables = reportTables(site.records, report.scope, site.now, site.locale);
  const { figures } = tables;
  const timeStamp = marking ? stampOf('time', time) : undefined;
  const versionStamp = timeStamp && stampOf('version', figures.dataset.version);
  const stamps = { data: timeStamp ? [timeStamp] : [], view: versionStamp ? [timeStamp!, versionStamp] : [] };
  const view = versionStamp && viewKey(settings, report, tables, keyOf);
  const withMarks = (marks: readonly Stamp[]): ReportTables => {
    const mark = (kind: StampKind, value: string) => marks.find((m) => m.kind === kind)?.mark ?? value;
    return { ...tables, figures: { ...figures, generated: mark('time', figures.generated), dataset: { ...figures.dataset, version: mark('version', figures.dataset.version) } } };
  };
  const made = new Map<string, PiecesOfFile>();
  const rows = (sitePath: string) => made.set(sitePath, piecesOf(reuse, sitePath, settings, keyOf)).get(sitePath)!.pieces;
  for (const file of reportFiles(site, templates, report, { view: withMarks(stamps.view), data: withMarks(stamps.data) }, rows)) {
    const keys = file.view && view ? [shown(), view] : [shown()];
    const last = view && file.view && !reuse!.keepsNothing ? reuse!.lastFile(file.sitePath, settings) : undefined;
    const again = last && restamp(last, view!, { time, version: figures.dataset.version }, keys);
    if (again) {
      put(file.sitePath, again.parts);
      reuse!.placePieces(file.sitePath, settings, again.spans);
      continue;
    }
    const marks = file.view ? stamps.view : stamps.data;
    const places: Array<[StampKind, number]> = [];
    const bytes = put(file.sitePath, marks.length > 0 ? stampValues(file.draw(), marks, (kind, at) => places.push([kind, at])) : file.draw());
    const spans = marks.length > 0 ? stampSpans(keys, bytes, places, marks) : [];
    if (made.has(file.sitePath)) made.get(file.sitePath)!.done(spans);
    else if (spans.length > 0) reuse!.placePieces(file.sitePath, settings, spans);
  }
}

/**
 * Draws (or keeps, where nothing in its scope changed) every report a build publishes, the
 * whole dataset's and each organization's, and returns the view of the reports index page,
 * which lists every file with its size.
 */
export function siteReports(site: SiteContext, templates: Templates, keep: DrawOrKeep, settings: string): object {
  const root = pageAt(site, paths.reports).root;
  // A record's row key, made once for every file and report that lists it.
  const keys = new Map<ModelRecord, string>();
  const keyOf = (m: ModelRecord) => keys.get(m) ?? keys.set(m, rowKey(site, m)).get(m)!;
  const time = generatedAt(site.now);
  // Drawn with marks where the next build may copy the files with its own values.
  const marking = site.reuse !== undefined && templates.freeOfC1;
  const reports = published(site).map((report) => {
    // The index lists each file's size: counted as drawn, or as the last build kept it.
    const sizes = new Map<string, number>();
    let shownKey: string | undefined;
    const shown = () => (shownKey ??= reportKey(site, settings, report));
    const own = keep(() => contentKey(shown(), time), (to) => {
      const put = (p: string, text: FileText) => {
        let bytes = 0;
        to(p, sized(text, (n) => (bytes += n)));
        sizes.set(p, bytes);
        return bytes;
      };
      const reuse = site.reuse;
      if (reuse && !reuse.keepsNothing && restampReport(reuse, report, settings, shown(), time, put)) return;
      drawReport({ site, templates, settings, keyOf, time, marking }, report, shown, put);
    });
    return {
      slug: report.slug,
      label: report.label,
      files: own.map((file) => {
        const name = file.path.slice(file.path.lastIndexOf('/') + 1);
        return { name, href: `${root}${file.path}`, format: FORMAT[name.slice(name.lastIndexOf('.') + 1)] ?? '', size: size('bytes' in file ? file.bytes : sizes.get(file.path)!) };
      }),
    };
  });
  return { reports };
}
