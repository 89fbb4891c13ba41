import type { ModelRecord } from '../model/normalize.js';
import { fileOf, paths } from '../model/paths.js';
import { changedInPlace, placementsOf, type Changed } from './timeline-layout.js';
import type { PartOutline, TimelineLayout, ViewLayout } from '../cache/timeline-layout.js';
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
import { appendEvent, EVENT_SPAN_BYTES, eventKey, eventsMarker, keyIndex, keyName, listsAny, spannedKeys, spliceEvents, type SplicedEvent } from './event-spans.js';

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

/** An event as a timeline page lists it: in its year, and spliced in (see `spliceEvents`). */
interface TimelineEvent extends SplicedEvent {
  readonly year: number;
}

/** An event placed in time, drawn when a page first lists it and let go after the last. */
class DrawnEvent implements TimelineEvent {
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

/** The page every event is drawn on: the stand-in for the root in place of a page's. */
const standIn = (site: SiteContext): PageContext => ({ site, path: '', root: ROOT });

/** Places every event in date order; each is drawn when a page first lists it. */
function drawEvents(site: SiteContext, templates: Templates): DrawnEvent[] {
  const stand = standIn(site);
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

/** A page's events (in date order) by year. */
function byYear<E extends TimelineEvent>(events: readonly E[]): E[][] {
  const years: E[][] = [];
  for (const e of events) {
    const current = years.at(-1);
    if (current && current[0]!.year === e.year) current.push(e);
    else years.push([e]);
  }
  return years;
}

/** What the template shows of each year of a page: its events' HTML as `entries` makes it. */
function yearViews(years: ReadonlyArray<readonly TimelineEvent[]>, entries: (events: readonly TimelineEvent[], i: number) => string) {
  return years.map((list, i) => ({ year: String(list[0]!.year), count: list.length, entries: new SafeHtml(entries(list, i)) }));
}

/** How a view is split into pages: one when short, else by year and in parts. */
interface ViewOutline {
  paged: boolean;
  parts: PartOutline[];
}

/** Splits a view's events into pages: one page when short, else by year and in parts. */
function partsOf(base: string, events: DrawnEvent[]): { outline: ViewOutline; events: DrawnEvent[][] } {
  if (events.length <= EVENTS_PER_PAGE) return { outline: { paged: false, parts: [[base, '', events.length]] }, events: [events] };
  const byYear = new Map<number, DrawnEvent[]>();
  for (const e of events) {
    const list = byYear.get(e.year);
    if (list) list.push(e);
    else byYear.set(e.year, [e]);
  }
  const parts: PartOutline[] = [];
  const lists: DrawnEvent[][] = [];
  for (const [year, list] of [...byYear].sort(([a], [b]) => a - b)) {
    const pieces = chunk(list, EVENTS_PER_PAGE);
    pieces.forEach((piece, i) => {
      parts.push([`${base}${year}/${i === 0 ? '' : `${i + 1}/`}`, pieces.length > 1 ? `${year}, part ${i + 1} of ${pieces.length}` : String(year), piece.length]);
      lists.push(piece);
    });
  }
  return { outline: { paged: true, parts }, events: lists };
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
  templates: Templates;
  all: Facet[];
  /** The views' layout is remembered for the next build (a build of every file, with a cache). */
  recording: boolean;
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
  /** Its events in date order (laid out from the last build's, made when first asked for). */
  events: () => readonly TimelineEvent[];
  /** A part of a view split by year: its events are all of one year. */
  oneYear: boolean;
  /** Its frame lists the view's records, with their titles. */
  lists: boolean;
  /** Its key, once named. */
  key?: string;
}

/**
 * Which events a page lists: what its event HTML follows from. Each is its record's name and
 * its place among the record's events (which its anchor follows from), as 16 bytes in Latin-1
 * text: an id and a hash an event took 0.07 s of a one-record rebuild at 10,000 records.
 */
function eventsKey(events: readonly TimelineEvent[]): string {
  return events.map((e) => e.key()).join('');
}

/**
 * Draws a timeline page, or keeps it when its frame and events are those of the last build
 * (named `known`, when the last build's layout says so; else named here). A build with a cache
 * draws a page with markers for its years' events, spliced in after: each copied from the last
 * build's page where it lay there, and placed for the next build.
 */
function drawOrKeepPage({ render, settings, site, all }: TimelineDrawing, page: PageLayout, keep: DrawOrKeep, known?: string): void {
  const { at, meta } = page;
  // The filters, the same on every page but for links and the current one, are named by what
  // they follow from (see `filterGroups`): written out, they were 2 MB of a one-record
  // rebuild's page keys at 10,000 records.
  let bare: object | undefined;
  const bareFrame = () => (bare ??= page.frame());
  const key = () => (page.key = known ?? contentKey('timeline-page', settings, at.path, JSON.stringify(bareFrame()), filtersKey(all), JSON.stringify(meta), eventsKey(page.events())));
  const frame = () => ({ ...bareFrame(), filters: filterGroups(at, all) });
  const reuse = site.reuse;
  const drawn = (list: readonly TimelineEvent[]) => list.reduce((html, e) => appendEvent(html, e, at.root), '');
  // A part of a split view is of one year: its events need not each be placed to say so.
  const yearsOf = () => (page.oneYear && page.events().length > 0 ? [page.events()] : byYear(page.events()));
  if (!reuse) return void keep(key, (to) => render(at, 'pages/timeline', () => ({ ...frame(), years: yearViews(yearsOf(), drawn) }), meta, to));
  keep(key, (to) => {
    const years = yearsOf();
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

/** More changed records than this, and the timelines are laid out anew (most pages change). */
const CHANGED_IN_PLACE = 100;

/**
 * Every timeline view: the whole dataset's, split by year (an edit redraws the years of its
 * record's events), and one per organization, kind, event type and tag.
 *
 * All a filtered view shows follows from its records (their texts) and the filters every page
 * lists: an unchanged view is kept whole, without placing its events or naming each page. A
 * changed one is laid out again, and each of its pages kept or drawn on its own (an event
 * type's view spans most records). When every record still places its events where it did,
 * the last build's layout is taken as it is (see `timeline-layout.ts`).
 */
export function drawTimelines(drawing: TimelineDrawing): void {
  const { site, all, settings, recording } = drawing;
  // Each record's part of a view's key, made once: a record is in five views or more.
  const names = new Map<ModelRecord, string>();
  const nameOf = (m: ModelRecord) => names.get(m) ?? names.set(m, recordName(m)).get(m)!;
  // Names are all 12 characters long: nothing between them.
  const viewKey = (facet: Facet) => contentKey('timeline-view', settings, facet.group, facet.path, facet.label, filtersKey(all), facet.records.map(nameOf).join(''));
  const last = site.reuse?.timelines;
  const filters = recording ? contentKey(filtersKey(all)) : '';
  const usable = recording && last?.settings === settings && last.filters === filters ? last : undefined;
  const recordNames = recording ? site.records.map(nameOf) : [];
  const changed = usable && changedInPlace(usable, site.records, recordNames, CHANGED_IN_PLACE);
  const kept = usable && changed ? keepLayout(drawing, usable, changed, recordNames, viewKey) : undefined;
  const views = kept ?? layOut(drawing, usable, viewKey);
  if (!views) return;
  // Taken as it was, the layout places every record's events as the last one did.
  const placements = kept && usable ? usable.placements : placementsOf(site.records, recordNames, last);
  site.reuse!.layTimelines({ settings, filters, names: recordNames.join(''), placements, views });
}

/**
 * Lays every view out from the records: places every event, sorts them, and names each page
 * of the whole timeline and of the filtered views that changed. Pages are drawn year by year
 * across all the views, and an event's HTML is let go once the last page listing it is drawn:
 * drawn view after view, every event's HTML (an event is on five views or more) was held until
 * the last view, 140 MB at 10,000 records. A page of several years (a short view's only page)
 * is drawn with the first of them. The layout, when recorded: a filtered view kept whole is
 * the last build's, and one the last layout lacks is opened to be laid out.
 */
function layOut(drawing: TimelineDrawing, last: TimelineLayout | undefined, viewKey: (facet: Facet) => string): ViewLayout[] | undefined {
  const { openWhole, site, all, recording } = drawing;
  const drawn = drawEvents(site, drawing.templates);
  const lastViews = new Map(last?.views.map((v) => [v.base, v]));
  const home = partsOf(paths.home, drawn);
  const homePages = timelineView(drawing, undefined, home.outline, (i) => home.events[i]!);
  // Each page with its events as placed here: a part's (the landing page of a split view, first, lists none).
  const withEvents = (pages: PageLayout[], parts: DrawnEvent[][], keep: DrawOrKeep) => pages.map((page, i): Drawn => [page, keep, parts[i - (pages.length - parts.length)] ?? []]);
  const pages = withEvents(homePages, home.events, drawing.keep);
  const laid: Array<() => ViewLayout> = [() => viewLayout(paths.home, undefined, home.outline, homePages)];
  const groups: OpenGroup[] = [];
  // Each opened view, laid out below; the layout is read once its pages are named.
  const opened: Array<{ facet: Facet; group: OpenGroup; key: string | undefined; outline?: ViewOutline; pages?: PageLayout[] }> = [];
  for (const facet of all) {
    const key = site.reuse && viewKey(facet);
    const whole = recording && lastViews.get(facet.path)?.group === key ? lastViews.get(facet.path) : undefined;
    const group = openWhole(() => key!, recording && !whole);
    if (group) {
      const view: (typeof opened)[number] = { facet, group, key };
      opened.push(view);
      laid.push(() => viewLayout(facet.path, key, view.outline!, view.pages!));
    } else if (whole) laid.push(() => whole);
  }
  // Events are sorted into the views that changed only: a one-record rebuild at 10,000 records
  // opens a dozen of some sixty, and sorting every view's took 0.05 s.
  const lists = eventsByView(opened.map(({ facet }) => facet), drawn);
  for (const view of opened) {
    const { facet, group } = view;
    groups.push(group);
    const split = partsOf(facet.path, lists.get(facet.path) ?? []);
    view.outline = split.outline;
    view.pages = timelineView(drawing, facet, split.outline, (i) => split.events[i]!);
    pages.push(...withEvents(view.pages, split.events, group.keep));
  }
  for (const [, , events] of pages) for (const e of events) e.uses++;
  // Events come in date order: a page's first is its first year. Pages that list none first.
  const firstYear = ([, , events]: Drawn) => events[0]?.year ?? Number.MIN_SAFE_INTEGER;
  for (const [page, keep, events] of pages.sort((a, b) => firstYear(a) - firstYear(b))) {
    drawOrKeepPage(drawing, page, keep);
    for (const e of events) e.listed();
  }
  for (const group of groups) group.close();
  if (!recording) return undefined;
  // In the order the last layout's views were: the whole timeline, then each filter's.
  const views = laid.map((view) => view());
  return views.length === all.length + 1 && views.every((v) => v.keys.every((k) => k !== undefined)) ? views : undefined;
}

/** A page to draw or keep, with its events. */
type Drawn = [PageLayout, DrawOrKeep, readonly DrawnEvent[]];

/** A view as the layout remembers it, once its pages are named. */
function viewLayout(base: string, group: string | undefined, outline: ViewOutline, pages: readonly PageLayout[]): ViewLayout {
  return { base, ...(group === undefined ? {} : { group }), ...outline, keys: pages.map((p) => p.key!) };
}

/**
 * Takes the last build's layout of every view, when each record places its events where it
 * did (`changed` are those whose text changed, by their old names): only the pages that list
 * a changed record's events (found in the events each page remembers, see `event-spans.ts`), or
 * the record itself, are named again; every other page keeps its key. Everything it needs is
 * checked before anything is drawn or kept: undefined when the layout cannot be taken.
 */
function keepLayout(drawing: TimelineDrawing, last: TimelineLayout, changed: Changed, recordNames: readonly string[], viewKey: (facet: Facet) => string): ViewLayout[] | undefined {
  const { site, all, settings } = drawing;
  const reuse = site.reuse!;
  if (last.views.length !== all.length + 1 || last.views[0]!.base !== paths.home || all.some((f, i) => last.views[i + 1]!.base !== f.path)) return undefined;
  const byName = new Map(site.records.map((m, i) => [recordNames[i]!, m]));
  for (const [name, model] of changed) byName.set(name, model);
  const spanned = spannedEvents(site, drawing.templates, byName, changed);
  // An unchanged page whose file changed after all since it was looked at (below) is drawn
  // with its events from the full layout, made for it (each view's once).
  let full: DrawnEvent[] | undefined;
  const fullViews = new Map<Facet | undefined, DrawnEvent[][]>();
  const fullEvents = (facet: Facet | undefined, part: number) => {
    const drawn = (full ??= drawEvents(site, drawing.templates));
    if (!fullViews.has(facet)) fullViews.set(facet, partsOf(facet?.path ?? paths.home, facet ? eventsByView([facet], drawn).get(facet.path) ?? [] : drawn).events);
    return fullViews.get(facet)![part] ?? [];
  };
  const plans = [];
  for (const [j, view] of last.views.entries()) {
    const facet = j === 0 ? undefined : all[j - 1]!;
    const key = facet && viewKey(facet);
    const named = new Map<PageLayout, TimelineEvent[]>();
    const landing = view.paged ? 1 : 0;
    const pages: PageLayout[] = timelineView(drawing, facet, view, (part) => named.get(pages[part + landing]!) ?? fullEvents(facet, part));
    // A filtered view whose key is unchanged holds no changed record: none of its pages changed.
    const changes = !facet || key !== view.group;
    for (const [p, page] of pages.entries()) {
      const count = p < landing ? 0 : view.parts[p - landing]![2];
      const spans = changes && count > 0 ? reuse.eventSpans(fileOf(page.at.path), settings) : undefined;
      if (changes && count > 0 && spans?.length !== count * EVENT_SPAN_BYTES) return undefined;
      if ((changes && page.lists) || (spans && listsAny(spans, changed.keys()))) {
        const events = spans ? spanned(spans) : [];
        if (!events) return undefined;
        named.set(page, events);
      } else if (!reuse.holds(view.keys[p]!)) {
        // Its file is gone or changed (the output folder emptied, say): drawn, it would need the
        // full layout, which then does better from the start.
        return undefined;
      }
    }
    plans.push({ facet, key, view, pages, named, changes });
  }
  const laid: ViewLayout[] = [];
  for (const { facet, key, view, pages, named, changes } of plans) {
    // A changed view is never kept whole: its files under its new key would be some older
    // build's, whose pages' keys the layout does not know.
    const group = facet ? drawing.openWhole(() => key!, changes) : undefined;
    if (facet && !group) {
      laid.push(view);
      continue;
    }
    pages.forEach((page, p) => {
      drawOrKeepPage(drawing, page, group?.keep ?? drawing.keep, named.has(page) ? undefined : view.keys[p]);
      // Its events' HTML goes with it.
      named.delete(page);
    });
    group?.close();
    laid.push(viewLayout(view.base, key, { paged: view.paged, parts: view.parts }, pages));
  }
  return laid;
}

/**
 * An event of a page as the last build laid it out: named by its key, placed and drawn only
 * if the page needs its HTML (it did not lie in the last build's copy) or its year.
 */
class SpannedEvent implements TimelineEvent {
  private drawn: DrawnEvent | undefined;

  constructor(
    private readonly keyText: string,
    private readonly record: () => RecordEvents,
    private readonly index: number,
  ) {}

  key(): string {
    return this.keyText;
  }

  get year(): number {
    return this.event().year;
  }

  pieces(): string[] {
    return this.event().pieces();
  }

  pieceBytes(): number {
    return this.event().pieceBytes();
  }

  private event(): DrawnEvent {
    if (!this.drawn) {
      const record = this.record();
      const placed = placeEvents(record.model)[this.index]!;
      this.drawn = new DrawnEvent(placed, yearOf(placed.date), record, this.index);
    }
    return this.drawn;
  }
}

/**
 * The events a page's remembered spans name (see `event-spans.ts`), a changed record's under
 * its new name: undefined when one names no record or event of this build (a cache anyone can
 * edit).
 */
function spannedEvents(site: SiteContext, templates: Templates, byName: ReadonlyMap<string, ModelRecord>, changed: Changed) {
  const stand = standIn(site);
  const records = new Map<ModelRecord, RecordEvents>();
  const recordOf = (model: ModelRecord) => records.get(model) ?? records.set(model, new RecordEvents(model, stand, templates)).get(model)!;
  return (spans: Uint8Array): SpannedEvent[] | undefined => {
    const events: SpannedEvent[] = [];
    for (const key of spannedKeys(spans)) {
      const [name, index] = [keyName(key), keyIndex(key)];
      const model = byName.get(name);
      if (!model || index >= model.source.events.length) return undefined;
      events.push(new SpannedEvent(changed.has(name) ? eventKey(recordOf(model).named(), index) : key, () => recordOf(model), index));
    }
    return events;
  };
}

/** Lays out the timeline of the whole dataset or of one filter, split into pages as `outline` says. */
function timelineView(drawing: TimelineDrawing, facet: Facet | undefined, outline: ViewOutline, eventsOf: (part: number) => readonly TimelineEvent[]): PageLayout[] {
  const { site } = drawing;
  const base = facet?.path ?? paths.home;
  const records: readonly ModelRecord[] = facet?.records ?? site.records;
  const heading = facet ? facet.label : 'Timeline of disclosures';
  const { paged, parts } = outline;
  const count = parts.reduce((n, [, , c]) => n + c, 0);
  const description = facet
    ? `${count} events from ${records.length} records: ${facet.label}.`
    : `${count} events from ${records.length} records of data incidents, their disclosure, and enforcement.`;
  const landing = pageAt(site, base);
  const partLinks = (page: PageContext) => parts.map(([path, label, n]) => ({ label, href: page.root + path, count: n, current: path === page.path }));
  const common = (page: PageContext) => ({
    description,
    overviewHref: page.root + paths.overview,
    parts: paged ? partLinks(page) : undefined,
  });
  const structured = facet ? undefined : { '@type': 'Dataset', name: 'disclosed: incident and enforcement records', description, url: canonical(landing), distribution: [{ '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: canonical(landing, paths.records) }] };
  const pages: PageLayout[] = [];
  // A part of a filtered view that is not split lists the view's records, and so does the
  // landing page of a split one unless it has more (a kind, at 100,000 records): its year
  // pages link every record through its events.
  const lists = !!facet && facet.group !== 'type' && (!paged || records.length <= RECORDS_LISTED);
  if (paged) {
    pages.push({ at: landing, frame: () => ({ ...common(landing), heading, records: lists ? recordLinks(landing, records) : undefined }), meta: { title: facet ? facet.label : 'disclosed', description, structured }, events: () => [], oneYear: false, lists });
  }
  parts.forEach(([path, label], i) => {
    const at = pageAt(site, path);
    const title = label ? `${heading}: ${label}` : heading;
    const frame = () => ({
      ...common(at),
      heading: title,
      records: !paged && lists ? recordLinks(at, records) : undefined,
      previous: paged && i > 0 ? { href: at.root + parts[i - 1]![0], label: parts[i - 1]![1] } : undefined,
      next: paged && i < parts.length - 1 ? { href: at.root + parts[i + 1]![0], label: parts[i + 1]![1] } : undefined,
    });
    pages.push({ at, frame, meta: { title: facet || label ? title : 'disclosed', description, structured: paged ? undefined : structured }, events: () => eventsOf(i), oneYear: paged, lists: !paged && lists });
  });
  return pages;
}
