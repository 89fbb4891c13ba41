import type { ModelRecord } from '../model/normalize.js';
import { paths } from '../model/paths.js';
import type { Templates } from './templates.js';
import { canonical, pageAt, type PageContext, type SiteContext } from './view/context.js';
import { filterGroups, recordLinks, type Facet } from './view/listing.js';
import { SafeHtml } from './view/safe-html.js';
import { aboutRecord, dateOrder, placeEvents, timelineEntry, type PlacedEvent, type RecordAbout } from './view/timeline.js';
import type { RenderPage } from './pages.js';
import { contentKey } from '../cache/build-cache.js';
import type { DrawOrKeep, GroupFile, KeepWhole } from './keep.js';
import { recordHash } from '../model/record-hash.js';
import { oncePerObject } from '../memo.js';

/** At most this many events on one timeline page; longer views are split by year, then in parts. */
export const EVENTS_PER_PAGE = 1000;

/** At most this many records listed on a filtered view's first page. */
export const RECORDS_LISTED = 1000;

// Each event is drawn once with this stand-in for the page's root, then placed on every view
// that lists it (the timeline, its organization, kind, type and tags) with the root filled in.
const ROOT = '\u0000root\u0000';

interface DrawnEvent {
  placed: PlacedEvent;
  year: number;
  /** The event's HTML, drawn on first use, in pieces split where the page's root goes. */
  pieces(): string[];
  /** What its HTML follows from (its record's hash and its anchor), made on first use. */
  key(): string;
}

/**
 * The same text, held one byte a character when it can be. V8 makes a string two bytes a
 * character when any part of it was, and in a build some short strings reach the event
 * template as two-byte copies (an event's type did, though the checked data held it as
 * one-byte; V8 shares equal strings, perhaps with an earlier two-byte one). Every event's HTML
 * then took twice the memory it needs, 65 MB more at 10,000 records, and twice the copying on
 * each of the five views it is placed on. Narrowing each event once took 100 MiB off a cold
 * build's peak, in the same time.
 */
function narrow(text: string): string {
  return /[^\x00-\xff]/.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}

/** Places every event in date order; each is drawn once, when a page first shows it. */
export function drawEvents(site: SiteContext, templates: Templates): DrawnEvent[] {
  const stand: PageContext = { site, path: '', root: ROOT };
  const drawn: DrawnEvent[] = [];
  for (const model of site.records) {
    // 96 bits of the record's hash name it well enough, and keep a page's key short to make.
    let name: string | undefined;
    const nameOf = () => (name ??= recordHash(model).slice(0, 16));
    let about: RecordAbout | undefined;
    for (const placed of placeEvents(model)) {
      let pieces: string[] | undefined;
      let key: string | undefined;
      drawn.push({
        placed,
        year: new Date(placed.date.start.toMillis()).getUTCFullYear(),
        pieces: () => (pieces ??= narrow(templates.render('partials/event', timelineEntry(stand, placed, false, (about ??= aboutRecord(stand, model))))).split(ROOT)),
        key: () => (key ??= `${nameOf()}#${placed.anchor}`),
      });
    }
  }
  return dateOrder(drawn.map((e) => e.placed)).map((i) => drawn[i]!);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One page of a view: where it is and which events it shows, grouped by year. */
interface Part {
  path: string;
  label: string;
  events: DrawnEvent[];
}

function groupYears(root: string, events: readonly DrawnEvent[]) {
  const years: Array<{ year: string; entries: SafeHtml; count: number }> = [];
  let current: DrawnEvent[] = [];
  const flush = () => {
    if (current.length === 0) return;
    // One join of flat pieces with the root between them: replacing the stand-in in a joined
    // page made each of the five views flatten and copy every event's HTML twice.
    const parts: string[] = [];
    for (const e of current) {
      const pieces = e.pieces();
      parts.push(pieces[0]!);
      for (let i = 1; i < pieces.length; i++) parts.push(root, pieces[i]!);
    }
    years.push({ year: String(current[0]!.year), count: current.length, entries: new SafeHtml(parts.join('')) });
    current = [];
  };
  for (const e of events) {
    if (current.length > 0 && current[0]!.year !== e.year) flush();
    current.push(e);
  }
  flush();
  return years;
}

/** Splits a view's events into pages: one page when short, else by year and in parts. */
function partsOf(base: string, events: DrawnEvent[]): { parts: Part[]; paged: boolean } {
  if (events.length <= EVENTS_PER_PAGE) return { parts: [{ path: base, label: '', events }], paged: false };
  const byYear = new Map<number, DrawnEvent[]>();
  for (const e of events) {
    const list = byYear.get(e.year);
    if (list) list.push(e);
    else byYear.set(e.year, [e]);
  }
  const parts: Part[] = [];
  for (const [year, list] of [...byYear].sort(([a], [b]) => a - b)) {
    const pieces = chunk(list, EVENTS_PER_PAGE);
    pieces.forEach((piece, i) => parts.push({ path: `${base}${year}/${i === 0 ? '' : `${i + 1}/`}`, label: pieces.length > 1 ? `${year}, part ${i + 1} of ${pieces.length}` : String(year), events: piece }));
  }
  return { parts, paged: true };
}

/**
 * Each filtered view's events, in date order, found in one pass over the events (rather than
 * one pass per view): an event belongs to its record's views, and to its own type's view.
 */
export function eventsByView(all: readonly Facet[], drawn: readonly DrawnEvent[]): Map<string, DrawnEvent[]> {
  const out = new Map<string, DrawnEvent[]>(all.map((f) => [f.path, []]));
  // Each record's and each event type's lists, found by object rather than by path or id.
  const listsOfRecord = new Map<ModelRecord, DrawnEvent[][]>();
  const typeLists = new Map<string, DrawnEvent[]>();
  for (const facet of all) {
    const list = out.get(facet.path)!;
    if (facet.eventType) {
      typeLists.set(facet.eventType, list);
      continue;
    }
    for (const m of facet.records) {
      const lists = listsOfRecord.get(m);
      if (lists) lists.push(list);
      else listsOfRecord.set(m, [list]);
    }
  }
  for (const e of drawn) {
    const lists = listsOfRecord.get(e.placed.model);
    if (lists) for (const list of lists) list.push(e);
    typeLists.get(e.placed.event.type)?.push(e);
  }
  return out;
}

/** What every timeline view of a build draws with. */
export interface TimelineDrawing {
  render: RenderPage;
  keep: DrawOrKeep;
  keepWhole: KeepWhole;
  /** The settings key of the build (see `settingsKey`). */
  settings: string;
  site: SiteContext;
  all: Facet[];
  drawn: DrawnEvent[];
  /** Each filtered view's events, found on first use (a warm build may keep every view). */
  byView(): Map<string, DrawnEvent[]>;
}

/** Which events a page lists, as record hashes and anchors: what its event HTML follows from. */
function eventsKey(events: readonly DrawnEvent[]): string {
  return events.map((e) => e.key()).join('\n');
}

/** Draws one page of a view, given its frame (headings, filters, links), meta and events. */
type DrawPage = (at: PageContext, frame: object, meta: Parameters<RenderPage>[3], listed: readonly DrawnEvent[]) => GroupFile[];

/** Draws a timeline page, or keeps it when its frame and events are those of the last build. */
function drawOrKeepPage({ render, keep, settings }: TimelineDrawing): DrawPage {
  return (at, frame, meta, listed) => {
    const key = () => contentKey('timeline-page', settings, at.path, JSON.stringify(frame), JSON.stringify(meta), eventsKey(listed));
    return keep(key, (to) => render(at, 'pages/timeline', () => ({ ...frame, years: groupYears(at.root, listed) }), meta, to));
  };
}

/** The timeline of the whole dataset, split by year: an edit redraws the years of its record's events. */
export function mainTimeline(drawing: TimelineDrawing): void {
  timelineView(drawing, undefined, drawing.drawn, drawOrKeepPage(drawing));
}

// What every filtered page shows of the others: each filter's label, address and count.
const filtersKey = oncePerObject((all: Facet[]) => JSON.stringify(all.map((f) => [f.group, f.path, f.label, f.records.length])));

/**
 * One filtered view (an organization, kind, event type or tag). All its pages show follows from
 * the view's records (their texts) and the filters every page lists: an unchanged view is kept
 * whole, without placing its events or naming each page. A changed one is laid out again, and
 * each of its pages kept or drawn on its own (an event type's view spans most records).
 */
export function filteredTimeline(drawing: TimelineDrawing, facet: Facet): void {
  const { keepWhole, settings, all } = drawing;
  const key = () => contentKey('timeline-view', settings, facet.group, facet.path, facet.label, filtersKey(all), ...facet.records.map((m) => `${m.id} ${recordHash(m)}`));
  keepWhole(key, () => {
    const files: GroupFile[] = [];
    const page = drawOrKeepPage(drawing);
    timelineView(drawing, facet, drawing.byView().get(facet.path) ?? [], (...args) => {
      const made = page(...args);
      files.push(...made);
      return made;
    });
    return files;
  });
}

/** Lays out the timeline of the whole dataset or of one filter, split into pages if long. */
function timelineView(drawing: TimelineDrawing, facet: Facet | undefined, events: DrawnEvent[], page: DrawPage): void {
  const { site, all } = drawing;
  const base = facet?.path ?? paths.home;
  const records: readonly ModelRecord[] = facet?.records ?? site.records;
  const heading = facet ? facet.label : 'Timeline of disclosures';
  const description = facet
    ? `${events.length} events from ${records.length} records: ${facet.label}.`
    : `${events.length} events from ${records.length} records of data incidents, their disclosure, and enforcement.`;
  const { parts, paged } = partsOf(base, events);
  const landing = pageAt(site, base);
  const partLinks = (page: PageContext) => parts.map((p) => ({ label: p.label, href: page.root + p.path, count: p.events.length, current: p.path === page.path }));
  const common = (page: PageContext) => ({
    description,
    filters: filterGroups(page, all),
    overviewHref: page.root + paths.overview,
    parts: paged ? partLinks(page) : undefined,
  });
  const structured = facet ? undefined : { '@type': 'Dataset', name: 'disclosed: incident and enforcement records', description, url: canonical(landing), distribution: [{ '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: canonical(landing, paths.records) }] };
  if (paged) {
    // A view of more records (a kind, at 100,000 records) leaves the list out: its year pages
    // link every record through its events.
    const listed = facet && facet.group !== 'type' && records.length <= RECORDS_LISTED ? recordLinks(landing, records) : undefined;
    page(landing, { ...common(landing), heading, records: listed }, { title: facet ? facet.label : 'disclosed', description, structured }, []);
  }
  parts.forEach((part, i) => {
    const at = pageAt(site, part.path);
    const title = part.label ? `${heading}: ${part.label}` : heading;
    const frame = {
      ...common(at),
      heading: title,
      records: !paged && facet && facet.group !== 'type' ? recordLinks(at, records) : undefined,
      previous: paged && i > 0 ? { href: at.root + parts[i - 1]!.path, label: parts[i - 1]!.label } : undefined,
      next: paged && i < parts.length - 1 ? { href: at.root + parts[i + 1]!.path, label: parts[i + 1]!.label } : undefined,
    };
    page(at, frame, { title: facet || part.label ? title : 'disclosed', description, structured: paged ? undefined : structured }, part.events);
  });
}
