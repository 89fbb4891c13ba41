import { isoInstant } from '../dates/format.js';
import { toRecordDate, type RecordDate } from '../dates/parse.js';
import { markdownToText } from '../markdown/render.js';
import { readyMarkdown } from '../markdown/prerender.js';
import type { ModelRecord } from '../model/normalize.js';
import { absolute, paths } from '../model/paths.js';
import { csvRow } from './csv.js';
import { piecewise, type RecordPieces } from './data-files.js';
import { placeEvents } from './view/timeline.js';
import type { SiteContext } from './view/context.js';
import type { Part } from '../output/files.js';

/**
 * The feed lists the records changed most recently, as feeds do: readers poll it often, and
 * every record of a large dataset made it megabytes (9 MB at 10,000 records). The site's
 * timelines and `data/records.json` list them all.
 */
export const FEED_ENTRIES = 100;

/** When a record last changed for readers: `updated`, else its disclosure or action date. */
function revised(model: ModelRecord): RecordDate {
  const r = model.source;
  return toRecordDate(r.updated ?? (r.kind === 'incident' ? r.disclosed.date : r.date));
}

/** The records the feed lists: those last changed, newest first. */
export function feedRecords(records: readonly ModelRecord[]): ModelRecord[] {
  return records
    .map((m) => ({ m, updated: revised(m).startMs }))
    .sort((a, b) => b.updated - a.updated || (a.m.id < b.m.id ? -1 : 1))
    .slice(0, FEED_ENTRIES)
    .map(({ m }) => m);
}

/** The view of the Atom feed of `listed` (see `feedRecords`). */
export function feedView(site: SiteContext, listed = feedRecords(site.records)) {
  const entries = listed.map((m) => {
    readyMarkdown(m);
    return {
      id: absolute(site.baseUrl, paths.record(m.id)),
      title: m.source.withdrawn ? `[Withdrawn] ${m.source.title}` : m.source.title,
      url: absolute(site.baseUrl, paths.record(m.id)),
      updated: isoInstant(revised(m).startMs),
      summary: markdownToText(m.source.summary, 500),
      organization: m.source.organization,
    };
  });
  return {
    id: absolute(site.baseUrl, paths.home),
    self: absolute(site.baseUrl, paths.feed),
    home: absolute(site.baseUrl, paths.home),
    updated: entries[0]?.updated ?? isoInstant(site.now.toMillis()),
    entries,
  };
}

const EVENTS_HEADER = ['record_id', 'record_kind', 'record_title', 'organization', 'date', 'date_precision', 'approximate', 'end', 'type', 'title', 'source_ids', 'source_urls', 'permalink'];

/**
 * `data/events.csv`: one row per event of every record, a record's rows together (its piece,
 * copied from the last build's file when `pieces` has it).
 */
export function eventsCsv(site: SiteContext, pieces?: RecordPieces): Iterable<Part> {
  const make = (m: ModelRecord) => {
    const urls = new Map(m.source.sources.map((s) => [s.id, s.url]));
    return placeEvents(m)
      .map((p) => csvRow([
        m.id, m.source.kind, m.source.title, m.source.organization,
        p.date.text, p.date.precision, p.date.approximate, p.end?.text, p.event.type, p.event.title,
        p.event.sources.join(' '), p.event.sources.map((id) => urls.get(id) ?? '').join(' '),
        `${absolute(site.baseUrl, paths.record(m.id))}#${p.anchor}`,
      ]))
      .join('');
  };
  return piecewise(site.records, { head: csvRow(EVENTS_HEADER), between: '', tail: '', make }, pieces);
}
