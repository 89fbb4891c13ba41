import { paths } from '../model/paths.js';
import { toSlug } from '../text/slug.js';
import type { Templates } from '../site/templates.js';
import { pageAt, type PageReuse, type SiteContext } from '../site/view/context.js';
import { reportCsv } from './csv.js';
import { generatedAt, reportTables } from './figures.js';
import { restamp, stampSpans, stampTime, timeMark } from './time-stamps.js';
import { reportHtml, reportJsonParts, reportMarkdown } from './render.js';
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

/**
 * The files of one report in every format, as site paths and texts, each made when asked for:
 * the whole dataset's are some 11 MB at 10,000 records, and need not be held together. The
 * rows of its JSON and CSV files come from `rows` where the last build's files hold them. The
 * files give `generated` as the time they were made (a mark for it, see `timeMark`).
 */
function* reportFiles(site: SiteContext, templates: Templates, report: Published, rows: (sitePath: string) => RecordPieces | undefined, generated: string): Generator<[string, FileText]> {
  const folder = `${paths.reports}${report.slug}/`;
  const page = pageAt(site, folder);
  const made = reportTables(site.records, report.scope, site.now, site.locale);
  const tables = { ...made, figures: { ...made.figures, generated } };
  yield [`${folder}report.html`, reportHtml(templates, tables, page)];
  yield [`${folder}report.md`, reportMarkdown(templates, tables, page.root)];
  yield [`${folder}report.json`, reportJsonParts(tables, (name) => rows(`${folder}${name}`))];
  for (const [name, csv] of reportCsv(tables, (name) => rows(`${folder}${name}`))) yield [`${folder}${name}`, csv];
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

const REPORT_FILES = ['report.html', 'report.md', 'report.json', 'summary.csv', 'lags.csv', 'incidents.csv', 'enforcement.csv', 'totals.csv'];

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
 * Puts the last build's files of `report`, drawn for what it shows (`shown`) at another time,
 * with this build's time in them (see `restamp`), and tells the next build where their pieces
 * now lie: true if every file could be, else none is put.
 */
function restampReport(reuse: PageReuse, report: Published, settings: string, shown: string, time: string, put: (sitePath: string, text: FileText) => void): boolean {
  const files = REPORT_FILES.map((name) => {
    const sitePath = `${paths.reports}${report.slug}/${name}`;
    const last = reuse.lastFile(sitePath, settings);
    return { sitePath, again: last && restamp(last, shown, time) };
  });
  if (files.some((file) => !file.again)) return false;
  for (const { sitePath, again } of files) {
    put(sitePath, again!.parts);
    reuse.placePieces(sitePath, settings, again!.spans);
  }
  return true;
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
  // Drawn with a mark for the time where the next build may copy the files with its own time.
  const mark = site.reuse && templates.freeOfC1 ? timeMark(time) : undefined;
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
      const made = new Map<string, PiecesOfFile>();
      const rows = (sitePath: string) => made.set(sitePath, piecesOf(reuse, sitePath, settings, keyOf)).get(sitePath)!.pieces;
      for (const [p, text] of reportFiles(site, templates, report, rows, mark ?? time)) {
        const stamps: number[] = [];
        const bytes = put(p, mark ? stampTime(text, mark, time, (at) => stamps.push(at)) : text);
        const more = mark ? stampSpans(shown(), bytes, stamps, time) : [];
        if (made.has(p)) made.get(p)!.done(more);
        else if (more.length > 0) reuse!.placePieces(p, settings, more);
      }
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
