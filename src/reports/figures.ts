import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import { formatDate, isoInstant } from '../dates/format.js';
import { toRecordDate } from '../dates/parse.js';
import type { ModelRecord } from '../model/normalize.js';
import { recordHash } from '../model/record-hash.js';
import { paths } from '../model/paths.js';
import type { Count, DateInput } from '../schema/record.js';
import { DISCLOSER_LABEL, ACTION_LABEL, jurisdictionLabel, words } from '../text/labels.js';
import { formatCount, formatMoney } from '../text/numbers.js';
import { describeScope, inScope, keyDate, organizationRecords, type Scope } from './scope.js';
import { summarizeLags, type LagSummary } from './stats.js';
import { oncePerObject } from '../memo.js';
import { dateOrder } from '../site/view/timeline.js';

/** The version of the report format below; bump it when a field changes meaning. */
export const REPORT_FORMAT = 1;

/** A date in a report: as written, and for readers. */
export interface ReportDate {
  /** As written, with its precision. */
  value: string;
  /** For readers. */
  display: string;
}

/** One incident's row. */
export interface IncidentRow {
  /** The record's id. */
  id: string;
  title: string;
  /** Its page, site-relative. */
  url: string;
  organization: string;
  exposureStart: ReportDate;
  exposureEnd: ReportDate | null;
  discovered: ReportDate | null;
  disclosed: ReportDate;
  /** Who disclosed it first (a code). */
  disclosedBy: string;
  /** The lag from the start of exposure, as a range of days. */
  lagDays: { min: number; max: number } | null;
  /** The same in words. */
  lag: string;
  /** People affected, with their uncertainty, in words. */
  people: string;
  /** Organizations with access, in words. */
  organizations: string;
  dataTypes: string[];
}

/** One enforcement action's row. */
export interface EnforcementRow {
  /** The record's id. */
  id: string;
  title: string;
  /** Its page, site-relative. */
  url: string;
  organization: string;
  authority: string[];
  jurisdiction: string;
  action: string;
  date: ReportDate;
  /** The amount with its currency, when there is one. */
  amount: { value: number; currency: string; display: string } | null;
  legalBasis: string;
  /** The incidents it addresses. */
  concerns: Array<{ id: string; title: string; url: string }>;
}

/** A report's content, independent of format; the JSON report is exactly this. */
export interface ReportData {
  /** The report format version (docs/reports.md). */
  format: number;
  /** The report's title. */
  title: string;
  /** What the report covers, as asked and in words. */
  scope: { organization: string | null; from: string | null; to: string | null; description: string };
  /** The dataset version (SHA-256 of the records in scope) and how many records went in. */
  dataset: { version: string; records: number };
  /** The build's clock, ISO 8601 UTC. */
  generated: string;
  /** Counts, who disclosed first, and lag statistics as ranges of days. */
  summary: {
    incidents: number;
    enforcementActions: number;
    withdrawn: number;
    firstDisclosedBy: Array<{ by: string; label: string; count: number }>;
    lagFromExposure: LagSummary;
    lagFromDiscovery: LagSummary;
  };
  /** One row per current incident, by disclosure date. */
  incidents: IncidentRow[];
  /** One row per current enforcement action, by date. */
  enforcement: EnforcementRow[];
  /** Amounts per currency (never added across currencies). */
  totals: Array<{ currency: string; total: number; display: string; actions: number }>;
  /** Amounts per currency per year. */
  amountsByYear: Array<{ currency: string; years: Array<{ year: number; total: number; display: string }> }>;
  /** Records in scope that stand withdrawn (not counted). */
  withdrawnRecords: Array<{ id: string; title: string; url: string; withdrawn: ReportDate }>;
}

/**
 * The dataset version: a SHA-256 over the in-scope records' files (their hashes), in id order.
 * Made once per list of records: the manifest and the whole dataset's report share it.
 */
export const datasetVersion = oncePerObject((models: readonly ModelRecord[]): string => {
  const sorted = [...models].sort((a, b) => (a.id < b.id ? -1 : 1));
  // Each file's hash is made once a record (a build has it from checking the file); hashed
  // as one string, not a call a record.
  return createHash('sha256').update(sorted.map((m) => `${m.id}\0${recordHash(m)}\0`).join('')).digest('hex');
});

function reportDate(value: DateInput, locale: string): ReportDate {
  const d = toRecordDate(value);
  return { value: d.text, display: formatDate(d, locale) };
}

function countText(count: Count | undefined, locale: string): string {
  return count === undefined ? 'not given' : formatCount(count, locale);
}

function incidentRow(m: ModelRecord, locale: string): IncidentRow | undefined {
  const r = m.source;
  if (r.kind !== 'incident') return undefined;
  const lag = m.lags.find((l) => l.from === 'period.start');
  return {
    id: r.id,
    title: r.title,
    url: paths.record(r.id),
    organization: r.organization,
    exposureStart: reportDate(r.period.start, locale),
    exposureEnd: r.period.end === undefined ? null : reportDate(r.period.end, locale),
    discovered: r.discovered === undefined ? null : reportDate(r.discovered, locale),
    disclosed: reportDate(r.disclosed.date, locale),
    disclosedBy: r.disclosed.by,
    lagDays: lag ? { min: lag.minDays, max: lag.maxDays } : null,
    lag: lag?.display ?? 'not known',
    people: countText(r.affected?.people, locale),
    organizations: countText(r.affected?.organizations, locale),
    dataTypes: (r.data_types ?? []).map(words),
  };
}

function enforcementRow(m: ModelRecord, byId: ReadonlyMap<string, ModelRecord>, locale: string): EnforcementRow | undefined {
  const r = m.source;
  if (r.kind !== 'enforcement') return undefined;
  return {
    id: r.id,
    title: r.title,
    url: paths.record(r.id),
    organization: r.organization,
    authority: typeof r.authority === 'string' ? [r.authority] : r.authority,
    jurisdiction: jurisdictionLabel(r.jurisdiction, locale),
    action: ACTION_LABEL[r.action] ?? r.action,
    date: reportDate(r.date, locale),
    amount: r.amount ? { value: r.amount.value, currency: r.amount.currency, display: formatMoney(r.amount.value, r.amount.currency, locale) } : null,
    legalBasis: r.legal_basis ?? '',
    concerns: (r.concerns ?? []).map((id) => ({ id, title: byId.get(id)?.source.title ?? id, url: paths.record(id) })),
  };
}

/**
 * Every record by its key date (see `keyDate`), then id, as the timelines order events
 * (`dateOrder`): the order of every report's tables and of the overview, sorted once per
 * dataset. A scope's records, taken in this order, are in their report's order.
 */
export const byKeyDate = oncePerObject((records: readonly ModelRecord[]): readonly ModelRecord[] =>
  dateOrder(records.map((model) => ({ date: keyDate(model), model }))).map((i) => records[i]!),
);

/** Totals per currency, and per year per currency: amounts in different currencies are never added. */
function moneyFigures(actions: readonly ModelRecord[], locale: string) {
  const totals = new Map<string, { total: number; actions: number; years: Map<number, number> }>();
  for (const m of actions) {
    const r = m.source;
    if (r.kind !== 'enforcement' || !r.amount) continue;
    const t = totals.get(r.amount.currency) ?? { total: 0, actions: 0, years: new Map<number, number>() };
    t.total += r.amount.value;
    t.actions += 1;
    const year = new Date(toRecordDate(r.date).startMs).getUTCFullYear();
    t.years.set(year, (t.years.get(year) ?? 0) + r.amount.value);
    totals.set(r.amount.currency, t);
  }
  const currencies = [...totals.keys()].sort();
  return {
    totals: currencies.map((currency) => {
      const t = totals.get(currency)!;
      return { currency, total: t.total, display: formatMoney(t.total, currency, locale), actions: t.actions };
    }),
    amountsByYear: currencies.map((currency) => ({
      currency,
      years: [...totals.get(currency)!.years].sort(([a], [b]) => a - b).map(([year, total]) => ({ year, total, display: formatMoney(total, currency, locale) })),
    })),
  };
}

/**
 * A report with its tables' rows made when asked for: the figures (`incidents` and
 * `enforcement` empty, in their places), and the records each table lists, in order. The
 * whole dataset's report lists every record, and a rebuild copies most rows of its JSON and
 * CSV files from the last build's (see `reportJsonParts`): making every row took 0.1 s of a
 * one-record rebuild at 10,000 records.
 */
export interface ReportTables {
  figures: ReportData;
  incidents: readonly ModelRecord[];
  enforcement: readonly ModelRecord[];
  /** A record's row (made once). */
  incidentRow(m: ModelRecord): IncidentRow;
  enforcementRow(m: ModelRecord): EnforcementRow;
}

// The records by id, once per dataset: for enforcement rows' incident titles, asked by every report.
const idsOf = oncePerObject((all: readonly ModelRecord[]) => new Map(all.map((m) => [m.id, m])));

// Each record's place in the reports' order (see `byKeyDate`), once per dataset.
const placeByKeyDate = oncePerObject((all: readonly ModelRecord[]) => new Map(byKeyDate(all).map((m, i) => [m, i])));

/** The records in a scope, in the reports' order; an organization's found by name (see `organizationRecords`). */
function recordsInScope(all: readonly ModelRecord[], scope: Scope): ModelRecord[] {
  if (scope.organization === undefined) return byKeyDate(all).filter((m) => inScope(m, scope));
  const { organization, ...range } = scope;
  const place = placeByKeyDate(all);
  return organizationRecords(all, organization)
    .filter((m) => inScope(m, range))
    .sort((a, b) => place.get(a)! - place.get(b)!);
}

/** The build's clock as reports and the manifest give it (`generated`): ISO 8601 UTC, to the second. */
export function generatedAt(now: DateTime): string {
  return isoInstant(now.toMillis());
}

/** Computes a report over the records in scope. Withdrawn records are listed, never counted. Pure. */
export function reportTables(all: readonly ModelRecord[], scope: Scope, now: DateTime, locale: string): ReportTables {
  const inside = recordsInScope(all, scope);
  const current = inside.filter((m) => m.source.withdrawn === undefined);
  const incidents = current.filter((m) => m.source.kind === 'incident');
  const enforcement = current.filter((m) => m.source.kind === 'enforcement');
  const firstBy = new Map<string, number>();
  for (const m of incidents) if (m.source.kind === 'incident') firstBy.set(m.source.disclosed.by, (firstBy.get(m.source.disclosed.by) ?? 0) + 1);
  const lagsFrom = (from: string) => {
    const lags = [];
    for (const m of current) for (const l of m.lags) if (l.from === from) lags.push(l);
    return lags;
  };
  const description = describeScope(scope, locale);
  const rows = new Map<ModelRecord, IncidentRow | EnforcementRow>();
  const rowOf = <T extends IncidentRow | EnforcementRow>(m: ModelRecord, make: (m: ModelRecord) => T | undefined): T => (rows.get(m) ?? rows.set(m, make(m)!).get(m)) as T;
  return {
    figures: {
      format: REPORT_FORMAT,
      title: `Transparency report: ${description}`,
      scope: { organization: scope.organization ?? null, from: scope.from?.text ?? null, to: scope.to?.text ?? null, description },
      // A scope of every record has the dataset's own version.
      dataset: { version: datasetVersion(inside.length === all.length ? all : inside), records: inside.length },
      generated: generatedAt(now),
      summary: {
        incidents: incidents.length,
        enforcementActions: enforcement.length,
        withdrawn: inside.length - current.length,
        firstDisclosedBy: Object.keys(DISCLOSER_LABEL)
          .filter((by) => firstBy.has(by))
          .map((by) => ({ by, label: DISCLOSER_LABEL[by]!, count: firstBy.get(by)! })),
        lagFromExposure: summarizeLags(lagsFrom('period.start')),
        lagFromDiscovery: summarizeLags(lagsFrom('discovered')),
      },
      incidents: [],
      enforcement: [],
      ...moneyFigures(enforcement, locale),
      withdrawnRecords: inside
        .filter((m) => m.source.withdrawn !== undefined)
        .map((m) => ({ id: m.id, title: m.source.title, url: paths.record(m.id), withdrawn: reportDate(m.source.withdrawn!.date, locale) })),
    },
    incidents,
    enforcement,
    incidentRow: (m) => rowOf(m, (r) => incidentRow(r, locale)),
    enforcementRow: (m) => rowOf(m, (r) => enforcementRow(r, idsOf(all), locale)),
  };
}

/** The report's content with every row: what its JSON holds. */
export function withRows(tables: ReportTables, limit = Infinity): ReportData {
  return { ...tables.figures, incidents: tables.incidents.slice(0, limit).map(tables.incidentRow), enforcement: tables.enforcement.slice(0, limit).map(tables.enforcementRow) };
}

/** Computes a report over the records in scope. Withdrawn records are listed, never counted. Pure. */
export function reportData(all: readonly ModelRecord[], scope: Scope, now: DateTime, locale: string): ReportData {
  return withRows(reportTables(all, scope, now, locale));
}
