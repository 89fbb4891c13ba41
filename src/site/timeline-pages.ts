import type { ModelRecord } from '../model/normalize.js';
import { paths } from '../model/paths.js';
import type { Templates } from './templates.js';
import { canonical, pageAt, type PageContext, type SiteContext } from './view/context.js';
import { filterGroups, recordLinks, type Facet } from './view/listing.js';
import { SafeHtml } from './view/safe-html.js';
import { aboutRecord, dateOrder, placeEvents, timelineEntry, type PlacedEvent, type RecordAbout } from './view/timeline.js';
import type { RenderPage } from './pages.js';
import { contentKey } from '../cache/build-cache.js';
import type { DrawOrKeep, OpenGroup, OpenWhole } from './keep.js';
import { recordName } from '../model/record-hash.js';
import { oncePerObject } from '../memo.js';
import type { RecordDate } from '../dates/parse.js';
import { compact } from '../text/compact.js';
import { appendEvent, eventKey, eventsMarker, spliceEvents, type SplicedEvent } from './event-spans.js';

/** At most this many events on one timeline page; longer views are split by year, then in parts. */
export const EVENTS_PER_PAGE = 1000;

/** At most this many records listed on a filtered view's first page. */
export const RECORDS_LISTED = 1000;

// Each event is drawn once with this stand-in for the page's root, then placed on every view
// that lists it (the timeline, its organization, kind, type and tags) with the root filled in.
const ROOT = '\u0000root\u0000';

/**
 * What a record's events are drawn with: the record's part of each entry, made once, and its
 * name in page keys. One per record rather than a closure per event (75,000 at 10,000 records).
 */
class RecordEvents {
  private about: RecordAbout | undefined;
  private name: string | undefined;
  /** The filtered views' lists its events go in, and the call of `eventsByView` they are for. */
  views: DrawnEvent[][] = [];
  viewsFor: object | undefined;

  constructor(
    readonly model: ModelRecord,
    private readonly stand: PageContext,
    private readonly templates: Templates,
  ) {}

  /** An event's HTML, with the stand-in for the page's root. */
  draw(placed: PlacedEvent): string {
    return this.templates.render('partials/event', timelineEntry(this.stand, placed, false, (this.about ??= aboutRecord(this.stand, this.model))));
  }

  /** Its name in a page's key (see `recordName`). */
  named(): string {
    return (this.name ??= recordName(this.model));
  }
}

/** An event placed in time, drawn when a page first lists it and let go after the last. */
class DrawnEvent implements SplicedEvent {
  /** Pages laid out to list it and not yet drawn: its HTML is let go when none is left. */
  uses = 0;
  private html: string[] | undefined;
  private bytes: number | undefined;
  private keyText: string | undefined;

  constructor(
    readonly placed: PlacedEvent,
    readonly year: number,
    /** Its record, and its place among the record's events: what its HTML follows from. */
    readonly record: RecordEvents,
    readonly index: number,
  ) {}

  /**
   * The event's HTML, in pieces split where the page's root goes. Compact: some short strings
   * reached the event template as two-byte copies (an event's type did, though the checked
   * data held it as one-byte), so every event's HTML took twice the memory it needs;
   * compacting each once took 100 MiB off a cold 10,000-record build's peak, in the same time.
   */
  pieces(): string[] {
    return (this.html ??= compact(this.record.draw(this.placed)).split(ROOT));
  }

  pieceBytes(): number {
    return (this.bytes ??= this.pieces().reduce((n, piece) => n + Buffer.byteLength(piece), 0));
  }

  /** Its record's name and its place among the record's events: what its HTML follows from. */
  key(): string {
    return (this.keyText ??= eventKey(this.record.named(), this.index));
  }

  /** A page listing it is done. */
  listed(): void {
    if (--this.uses === 0) this.html = undefined;
  }
}

// The year (UTC) a date starts in, once per date (dates are shared by value, see `parseDate`).
const yearOf = oncePerObject((date: RecordDate) => new Date(date.startMs).getUTCFullYear());

/** Places every event in date order; each is drawn when a page first lists it. */
export function drawEvents(site: SiteContext, templates: Templates): DrawnEvent[] {
  const stand: PageContext = { site, path: '', root: ROOT };
  const drawn: DrawnEvent[] = [];
  for (const model of site.records) {
    const record = new RecordEvents(model, stand, templates);
    placeEvents(model).forEach((placed, i) => drawn.push(new DrawnEvent(placed, yearOf(placed.date), record, i)));
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

/** A page's events (in date order) by year. */
function byYear(events: readonly DrawnEvent[]): DrawnEvent[][] {
  const years: DrawnEvent[][] = [];
  for (const e of events) {
    const current = years.at(-1);
    if (current && current[0]!.year === e.year) current.push(e);
    else years.push([e]);
  }
  return years;
}

/** What the template shows of each year of a page: its events' HTML as `entries` makes it. */
function yearViews(years: readonly DrawnEvent[][], entries: (events: readonly DrawnEvent[], i: number) => string) {
  return years.map((list, i) => ({ year: String(list[0]!.year), count: list.length, entries: new SafeHtml(entries(list, i)) }));
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
 * The events of each of `views` (filtered views), in date order, found in one pass over the
 * events (rather than one pass per view): an event belongs to its record's views, and to its
 * own type's view.
 */
function eventsByView(views: readonly Facet[], drawn: readonly DrawnEvent[]): Map<string, DrawnEvent[]> {
  const out = new Map<string, DrawnEvent[]>(views.map((f) => [f.path, []]));
  // Each record's and each event type's lists, found by object rather than by path or id.
  const listsOfRecord = new Map<ModelRecord, DrawnEvent[][]>();
  const typeLists = new Map<string, DrawnEvent[]>();
  for (const facet of views) {
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
    // Looked up once a record, not once an event.
    const record = e.record;
    if (record.viewsFor !== out) {
      record.views = listsOfRecord.get(record.model) ?? [];
      record.viewsFor = out;
    }
    for (const list of record.views) list.push(e);
    typeLists.get(e.placed.event.type)?.push(e);
  }
  return out;
}

/** What every timeline view of a build draws with. */
export interface TimelineDrawing {
  render: RenderPage;
  keep: DrawOrKeep;
  openWhole: OpenWhole;
  /** The settings key of the build (see `settingsKey`). */
  settings: string;
  site: SiteContext;
  all: Facet[];
  drawn: DrawnEvent[];
}

/**
 * A timeline page laid out: its place, frame (headings and links, made when the page is drawn
 * or kept, as some hundreds of pages wait to be; the filters are added when it is drawn), meta
 * and events.
 */
interface PageLayout {
  at: PageContext;
  frame: () => object;
  meta: Parameters<RenderPage>[3];
  events: readonly DrawnEvent[];
  /** Draws or keeps it: alone, or as a part of its view. */
  keep: DrawOrKeep;
}

/**
 * Which events a page lists: what its event HTML follows from. Each is its record's name and
 * its place among the record's events (which its anchor follows from), as 16 bytes in Latin-1
 * text: an id and a hash an event took 0.07 s of a one-record rebuild at 10,000 records.
 */
function eventsKey(events: readonly DrawnEvent[]): string {
  return events.map((e) => e.key()).join('');
}

/**
 * Draws a timeline page, or keeps it when its frame and events are those of the last build.
 * A build with a cache draws a page with markers for its years' events, spliced in after:
 * each copied from the last build's page where it lay there, and placed for the next build.
 */
function drawOrKeepPage({ render, settings, site, all }: TimelineDrawing, { at, frame: frameOf, meta, events, keep }: PageLayout): void {
  // The filters, the same on every page but for links and the current one, are named by what
  // they follow from (see `filterGroups`): written out, they were 2 MB of a one-record
  // rebuild's page keys at 10,000 records.
  const bare = frameOf();
  const key = () => contentKey('timeline-page', settings, at.path, JSON.stringify(bare), filtersKey(all), JSON.stringify(meta), eventsKey(events));
  const frame = () => ({ ...bare, filters: filterGroups(at, all) });
  const reuse = site.reuse;
  const drawn = (list: readonly DrawnEvent[]) => list.reduce((html, e) => appendEvent(html, e, at.root), '');
  if (!reuse) return void keep(key, (to) => render(at, 'pages/timeline', () => ({ ...frame(), years: yearViews(byYear(events), drawn) }), meta, to));
  keep(key, (to) => {
    const years = byYear(events);
    render(at, 'pages/timeline', { ...frame(), years: yearViews(years, (_, i) => eventsMarker(i)) }, meta, (sitePath, html) => {
      const { parts, spans } = spliceEvents(html as string, years, at.root, reuse.eventsOf(sitePath, settings));
      reuse.placePageEvents(sitePath, settings, spans);
      // A page of nothing kept is one text, which the writer encodes straight into its ring.
      to(sitePath, parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : parts);
    });
  });
}

// What every filtered page shows of the others: each filter's label, address and count.
const filtersKey = oncePerObject((all: Facet[]) => JSON.stringify(all.map((f) => [f.group, f.path, f.label, f.records.length])));

/**
 * Every timeline view: the whole dataset's, split by year (an edit redraws the years of its
 * record's events), and one per organization, kind, event type and tag.
 *
 * All a filtered view shows follows from its records (their texts) and the filters every page
 * lists: an unchanged view is kept whole, without placing its events or naming each page. A
 * changed one is laid out again, and each of its pages kept or drawn on its own (an event
 * type's view spans most records).
 *
 * Pages are drawn year by year across all the views, and an event's HTML is let go once the
 * last page listing it is drawn: drawn view after view, every event's HTML (an event is on
 * five views or more) was held until the last view, 140 MB at 10,000 records. A page of
 * several years (a short view's only page) is drawn with the first of them.
 */
export function drawTimelines(drawing: TimelineDrawing): void {
  const { openWhole, settings, all } = drawing;
  const pages = timelineView(drawing, undefined, drawing.drawn, drawing.keep);
  const groups: OpenGroup[] = [];
  // Each record's part of a view's key, made once: a record is in five views or more.
  const names = new Map<ModelRecord, string>();
  const nameOf = (m: ModelRecord) => names.get(m) ?? names.set(m, recordName(m)).get(m)!;
  const opened: Array<[Facet, OpenGroup]> = [];
  for (const facet of all) {
    // Names are all 12 characters long: nothing between them.
    const group = openWhole(() => contentKey('timeline-view', settings, facet.group, facet.path, facet.label, filtersKey(all), facet.records.map(nameOf).join('')));
    if (group) opened.push([facet, group]);
  }
  // Events are sorted into the views that changed only: a one-record rebuild at 10,000 records
  // opens a dozen of some sixty, and sorting every view's took 0.05 s.
  const lists = eventsByView(opened.map(([facet]) => facet), drawing.drawn);
  for (const [facet, group] of opened) {
    groups.push(group);
    pages.push(...timelineView(drawing, facet, lists.get(facet.path) ?? [], group.keep));
  }
  for (const page of pages) for (const e of page.events) e.uses++;
  // Events come in date order: a page's first is its first year. Pages that list none first.
  const yearOf = (page: PageLayout) => page.events[0]?.year ?? Number.MIN_SAFE_INTEGER;
  for (const page of pages.sort((a, b) => yearOf(a) - yearOf(b))) {
    drawOrKeepPage(drawing, page);
    for (const e of page.events) e.listed();
  }
  for (const group of groups) group.close();
}

/** Lays out the timeline of the whole dataset or of one filter, split into pages if long. */
function timelineView(drawing: TimelineDrawing, facet: Facet | undefined, events: DrawnEvent[], keep: DrawOrKeep): PageLayout[] {
  const { site } = drawing;
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
    overviewHref: page.root + paths.overview,
    parts: paged ? partLinks(page) : undefined,
  });
  const structured = facet ? undefined : { '@type': 'Dataset', name: 'disclosed: incident and enforcement records', description, url: canonical(landing), distribution: [{ '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: canonical(landing, paths.records) }] };
  const pages: PageLayout[] = [];
  if (paged) {
    // A view of more records (a kind, at 100,000 records) leaves the list out: its year pages
    // link every record through its events.
    const listed = facet && facet.group !== 'type' && records.length <= RECORDS_LISTED;
    pages.push({ at: landing, frame: () => ({ ...common(landing), heading, records: listed ? recordLinks(landing, records) : undefined }), meta: { title: facet ? facet.label : 'disclosed', description, structured }, events: [], keep });
  }
  parts.forEach((part, i) => {
    const at = pageAt(site, part.path);
    const title = part.label ? `${heading}: ${part.label}` : heading;
    const frame = () => ({
      ...common(at),
      heading: title,
      records: !paged && facet && facet.group !== 'type' ? recordLinks(at, records) : undefined,
      previous: paged && i > 0 ? { href: at.root + parts[i - 1]!.path, label: parts[i - 1]!.label } : undefined,
      next: paged && i < parts.length - 1 ? { href: at.root + parts[i + 1]!.path, label: parts[i + 1]!.label } : undefined,
    });
    pages.push({ at, frame, meta: { title: facet || part.label ? title : 'disclosed', description, structured: paged ? undefined : structured }, events: part.events, keep });
  });
  return pages;
}
