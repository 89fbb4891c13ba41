import { sortDates } from '../../dates/compare.js';
import { formatDate } from '../../dates/format.js';
import { toRecordDate, type RecordDate } from '../../dates/parse.js';
import type { ModelRecord } from '../../model/normalize.js';
import { paths } from '../../model/paths.js';
import { toSlug } from '../../text/slug.js';
import { normalizeUrl } from '../../text/urls.js';
import type { RecordEvent } from '../../schema/record.js';
import { renderMarkdown } from '../../markdown/render.js';
import { link, type PageContext } from './context.js';
import { EVENT_TYPE_LABEL, KIND_LABEL } from '../../text/labels.js';
import { SafeHtml } from './safe-html.js';
import { oncePerObject } from '../../memo.js';

/** A record's event, placed in time, with the anchor that makes it a permalink. */
export interface PlacedEvent {
  /** The record it belongs to. */
  model: ModelRecord;
  /** The event as written. */
  event: RecordEvent;
  /** Its date, read. */
  date: RecordDate;
  /** Its end, if it spans time. */
  end: RecordDate | undefined;
  /** The fragment id on the record page, stable while the date and title stay. */
  readonly anchor: string;
}

/** A record's events' anchors, in date order: made when one is first asked for. */
class Anchors {
  private made: string[] | undefined;

  constructor(private readonly placed: ReadonlyArray<{ event: RecordEvent; date: RecordDate }>) {}

  /** The anchor of the record's `i`th event in date order. */
  at(i: number): string {
    return (this.made ??= this.make())[i]!;
  }

  private make(): string[] {
    const used = new Set<string>();
    return this.placed.map(({ event, date }) => {
      const base = `event-${toSlug(`${date.text} ${event.title}`).slice(0, 60).replace(/-+$/, '')}`;
      let anchor = base;
      for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
      used.add(anchor);
      return anchor;
    });
  }
}

/** A placed event: its anchor is made (with its record's others) when first asked for. */
class Placed implements PlacedEvent {
  /** Its record's anchors, and its place among the record's events in date order (set once they are sorted). */
  anchors: Anchors | undefined;
  index = 0;

  constructor(
    readonly model: ModelRecord,
    readonly event: RecordEvent,
    readonly date: RecordDate,
    readonly end: RecordDate | undefined,
  ) {}

  get anchor(): string {
    return this.anchors!.at(this.index);
  }
}

/**
 * A record's events in date order, each with a unique anchor. Placed once per record:
 * timelines, the record page and events.csv all place the same record's events. Anchors are
 * made only for the events something draws: slugging every event's took 0.07 s of every build
 * at 10,000 records, where a rebuild draws a few records' events (the rest of the timeline
 * pages it redraws are copied, see `event-spans.ts`).
 */
export const placeEvents = oncePerObject((model: ModelRecord): readonly PlacedEvent[] => {
  const placed = model.source.events
    .map((event) => new Placed(model, event, toRecordDate(event.date, event.approximate === true), event.end === undefined ? undefined : toRecordDate(event.end, event.approximate === true)))
    .sort((a, b) => sortDates(a.date, b.date));
  const anchors = new Anchors(placed);
  placed.forEach((p, i) => {
    p.anchors = anchors;
    p.index = i;
  });
  return placed;
});

/** An event as a timeline shows it. */
export interface TimelineEntry {
  /** The element id: the anchor on the record's own page, made unique across records elsewhere. */
  domId: string;
  /** The fragment id on the record page. */
  anchor: string;
  /** A link to the event on its record page. */
  permalink: string;
  /** The entry names its record (a timeline), rather than sitting on the record's own page. */
  showRecord: boolean;
  /** The date as written, for `<time datetime>`. */
  datetime: string;
  /** The date for readers, at its precision. */
  date: string;
  /** The date is an estimate. */
  approximate: boolean;
  /** The end as written, for an event that spans time. */
  endDatetime: string | undefined;
  /** The end for readers. */
  endDate: string | undefined;
  /** The event type, as a code. */
  type: string;
  /** The event type in words. */
  typeLabel: string;
  /** The timeline filtered to this event type. */
  typeHref: string;
  /** What happened, in one line. */
  title: string;
  /** More detail, as sanitized HTML (record pages only). */
  description: SafeHtml | undefined;
  /** The record the event belongs to, with its links. */
  record: { id: string; title: string; href: string; kindLabel: string; organization: string; orgHref: string; withdrawn: boolean };
  /** The sources the event cites. */
  sources: Array<{ publisher: string; title: string; url: string }>;
}

/** What each of a record's events shows of the record, with links relative to one page. */
export interface RecordAbout {
  record: TimelineEntry['record'];
  /** Its sources by id, as events cite them. */
  sources: Map<string, TimelineEntry['sources'][number]>;
}

/** The record's part of its events' entries: made once for all its events on a page. */
export function aboutRecord(page: PageContext, model: ModelRecord): RecordAbout {
  const r = model.source;
  return {
    record: {
      id: model.id,
      title: r.title,
      href: link(page, paths.record(model.id)),
      kindLabel: KIND_LABEL[r.kind] ?? r.kind,
      organization: r.organization,
      orgHref: link(page, paths.organization(r.organization)),
      withdrawn: r.withdrawn !== undefined,
    },
    sources: new Map(r.sources.map((s) => [s.id, { publisher: s.publisher, title: s.title, url: normalizeUrl(s.url) }])),
  };
}

/**
 * The timeline entry of a placed event, with links relative to the page. `about` is the
 * record's part, when the caller has it for this page already.
 */
export function timelineEntry(page: PageContext, placed: PlacedEvent, onRecordPage: boolean, about = aboutRecord(page, placed.model)): TimelineEntry {
  const { model, event, date, end } = placed;
  const locale = page.site.locale;
  return {
    domId: onRecordPage ? placed.anchor : `${model.id}--${placed.anchor}`,
    anchor: placed.anchor,
    permalink: `${about.record.href}#${placed.anchor}`,
    showRecord: !onRecordPage,
    datetime: date.text,
    date: formatDate(date, locale),
    approximate: date.approximate,
    endDatetime: end?.text,
    endDate: end && formatDate(end, locale),
    type: event.type,
    typeLabel: EVENT_TYPE_LABEL[event.type] ?? event.type,
    typeHref: link(page, paths.eventType(event.type)),
    title: event.title,
    description: onRecordPage && event.description ? new SafeHtml(renderMarkdown(event.description)) : undefined,
    record: about.record,
    sources: event.sources.flatMap((id) => about.sources.get(id) ?? []),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The positions of `events` in the order every timeline (and every report) lists them: by date
 * (as `sortDates` orders dates), then by record id, then as given. The distinct dates (a few thousand: dates
 * are shared by value, see `parseDate`) are sorted and ranked, the records ranked by id, and
 * the events put in order by two stable counting sorts, record rank first. Comparing DateTimes,
 * or objects and ids, in a sort of the events made ordering 75,000 of them take 0.3 to 0.5 s;
 * a sort comparing numbers in typed arrays, 0.045 s; this, a tenth of that.
 */
export function dateOrder(events: ReadonlyArray<Pick<PlacedEvent, 'date' | 'model'>>): number[] {
  const n = events.length;
  const dateRank = new Map<RecordDate, number>();
  for (const p of events) dateRank.set(p.date, 0);
  let ranks = 0;
  [...dateRank.keys()].sort(sortDates).forEach((date, i, dates) => {
    if (i > 0 && sortDates(dates[i - 1]!, date) !== 0) ranks++;
    dateRank.set(date, ranks);
  });
  const ids = recordIds(events);
  const idRank = new Map(ids.map((id, i) => [id, i]));
  const byDate = new Uint32Array(n);
  const byRecord = new Uint32Array(n);
  let model: ModelRecord | undefined;
  let modelRank = 0;
  for (let i = 0; i < n; i++) {
    const p = events[i]!;
    byDate[i] = dateRank.get(p.date)!;
    // A record's events come together: its rank is looked up once.
    if (p.model !== model) [model, modelRank] = [p.model, idRank.get(p.model.id)!];
    byRecord[i] = modelRank;
  }
  const given = Array.from({ length: n }, (_, i) => i);
  return stableByKey(stableByKey(given, byRecord, ids.length), byDate, n === 0 ? 0 : ranks + 1);
}

/**
 * The distinct record ids of `events`, sorted. Events come a record at a time, and records in
 * id order (the model's): then the ids are in order as they come, and a Set and a sort of
 * 10,000 ids (a third of ordering a dataset's records) are not needed.
 */
function recordIds(events: ReadonlyArray<Pick<PlacedEvent, 'model'>>): string[] {
  const ids: string[] = [];
  let model: ModelRecord | undefined;
  for (const p of events) {
    if (p.model === model) continue;
    model = p.model;
    if (ids.length === 0 || ids[ids.length - 1]! < model.id) ids.push(model.id);
    else return [...new Set(events.map((e) => e.model.id))].sort(byText);
  }
  return ids;
}

/** `order` stably sorted by `keys[i]` (whole numbers below `size`): a counting sort. */
function stableByKey(order: readonly number[], keys: Uint32Array, size: number): number[] {
  const next = new Uint32Array(size + 1);
  for (const i of order) next[keys[i]! + 1]!++;
  for (let k = 0; k < size; k++) next[k + 1]! += next[k]!;
  const sorted = new Array<number>(order.length);
  for (const i of order) sorted[next[keys[i]!]!++] = i;
  return sorted;
}
