import { formatDate } from '../../dates/format.js';
import { toRecordDate } from '../../dates/parse.js';
import type { ModelRecord } from '../../model/normalize.js';
import { paths } from '../../model/paths.js';
import type { IncidentRecord } from '../../schema/record.js';
import { link, type PageContext } from './context.js';
import { DISCLOSER_LABEL } from '../../text/labels.js';

/** One incident's row: exposure, discovery and disclosure on the shared axis. */
export interface ChartRow {
  /** Top of the row's label. */
  labelY: number;
  /** Centre line of the row's bar. */
  barY: number;
  /** The incident's title. */
  label: string;
  /** Its page. */
  href: string;
  /** Start and width of the exposure bar. */
  exposureX: number;
  /** Width of the exposure bar. */
  exposureWidth: number;
  /** The exposure has no known end: the bar fades out up to the disclosure. */
  openEnded: boolean;
  /** Where discovery falls, if known. */
  discoveredX: number | undefined;
  /** Where the first disclosure falls. */
  disclosedX: number;
  /** The same facts in words (after the title), for the text alternative. */
  text: string;
}

/** An exposure-to-disclosure chart, drawn at build time. */
export interface LagChart {
  /** Unique id prefix for the SVG's title and description. */
  id: string;
  /** The chart's title, also its SVG `<title>`. */
  title: string;
  /** The same facts in words, its SVG `<desc>`. */
  description: string;
  /** Width in SVG units. */
  width: number;
  /** Height in SVG units. */
  height: number;
  /** The axis line's height. */
  axisY: number;
  /** The year marks of the time axis. */
  ticks: Array<{ x: number; label: string }>;
  /** One row per incident. */
  rows: ChartRow[];
}

const WIDTH = 720;
const MARGIN = 16;
const ROW = 44;
const AXIS = 28;

function words(record: IncidentRecord, lag: string | undefined, locale: string): string {
  const start = formatDate(toRecordDate(record.period.start), locale);
  const end = record.period.end === undefined ? 'an unknown end' : formatDate(toRecordDate(record.period.end), locale);
  const discovered = record.discovered === undefined ? '' : `; discovered ${formatDate(toRecordDate(record.discovered), locale)}`;
  const disclosed = formatDate(toRecordDate(record.disclosed.date), locale);
  const by = DISCLOSER_LABEL[record.disclosed.by] ?? record.disclosed.by;
  return `exposure from ${start} to ${end}${discovered}; first disclosed ${disclosed} by ${by}${lag ? `, ${lag} after it began` : ''}.`;
}

/** The chart of the given incidents (others are left out), or undefined when there are none. */
export function lagChart(page: PageContext, models: readonly ModelRecord[], id: string, title: string): LagChart | undefined {
  const incidents = models.filter((m): m is ModelRecord & { source: IncidentRecord } => m.source.kind === 'incident');
  if (incidents.length === 0) return undefined;
  const spans = incidents.map((m) => {
    const r = m.source;
    const start = toRecordDate(r.period.start);
    const disclosed = toRecordDate(r.disclosed.date);
    const end = r.period.end === undefined ? undefined : toRecordDate(r.period.end);
    return { m, r, start, disclosed, end, discovered: r.discovered === undefined ? undefined : toRecordDate(r.discovered) };
  });
  const utcYear = (ms: number) => new Date(ms).getUTCFullYear();
  const firstYear = Math.min(...spans.map((s) => utcYear(s.start.startMs)));
  const lastYear = Math.max(...spans.map((s) => Math.max(utcYear(s.disclosed.endMs), utcYear((s.end ?? s.disclosed).endMs))));
  const t0 = Date.UTC(firstYear, 0, 1);
  const t1 = Date.UTC(lastYear + 1, 0, 1);
  const x = (ms: number) => Math.round((MARGIN + ((ms - t0) / (t1 - t0)) * (WIDTH - 2 * MARGIN)) * 10) / 10;
  const years = lastYear + 1 - firstYear;
  const step = years > 40 ? 10 : years > 16 ? 5 : years > 8 ? 2 : 1;
  const ticks = [];
  for (let y = firstYear; y <= lastYear + 1; y += step) ticks.push({ x: x(Date.UTC(y, 0, 1)), label: String(y) });
  const rows = spans.map((s, i): ChartRow => {
    const exposureEnd = (s.end ?? s.disclosed).endMs;
    const exposureX = x(s.start.startMs);
    return {
      labelY: i * ROW + 14,
      barY: i * ROW + 28,
      label: s.r.title,
      href: link(page, paths.record(s.m.id)),
      exposureX,
      exposureWidth: Math.max(2, Math.round((x(exposureEnd) - exposureX) * 10) / 10),
      openEnded: s.end === undefined,
      discoveredX: s.discovered && x(s.discovered.startMs),
      disclosedX: x(s.disclosed.startMs),
      text: words(s.r, s.m.lags.find((l) => l.from === 'period.start')?.display, page.site.locale),
    };
  });
  const axisY = rows.length * ROW + 8;
  return {
    id,
    title,
    description: rows.map((r) => `${r.label}: ${r.text}`).join(' '),
    width: WIDTH,
    height: axisY + AXIS,
    axisY,
    ticks,
    rows,
  };
}
