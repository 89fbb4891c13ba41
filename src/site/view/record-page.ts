import { formatDate } from '../../dates/format.js';
import { toRecordDate } from '../../dates/parse.js';
import { renderMarkdown, markdownToText } from '../../markdown/render.js';
import { readyMarkdown } from '../../markdown/prerender.js';
import type { ModelRecord } from '../../model/normalize.js';
import { paths } from '../../model/paths.js';
import type { DateInput, EnforcementRecord, IncidentRecord } from '../../schema/record.js';
import { citation, citeRecord, type CitationView } from './citation.js';
import { canonical, link, type PageContext } from './context.js';
import { ACTION_LABEL, DISCLOSER_LABEL, KIND_LABEL, jurisdictionLabel, words } from '../../text/labels.js';
import { lagChart, type LagChart } from './lag-chart.js';
import { formatCount, formatMoney } from '../../text/numbers.js';
import { SafeHtml } from './safe-html.js';
import { aboutRecord, placeEvents, timelineEntry, type TimelineEntry } from './timeline.js';

/** One value in the key-facts box: text, optionally a date or a link, with a note. */
export interface FactItem {
  /** A word before the value ("from", "until"). */
  prefix?: string;
  /** The value, in words. */
  text: string;
  /** The value as written, when it is a date. */
  datetime?: string;
  /** A link, when the value names a page or a source. */
  href?: string;
  /** A note after the value (who, uncertainty, days). */
  note?: string;
}

/** A labelled row of the key-facts box. */
export interface Fact {
  label: string;
  items: FactItem[];
}

/** A link to another record, with why it is linked. */
export interface RelatedLink {
  /** The other record's title. */
  title: string;
  /** Its page. */
  href: string;
  /** How it relates, in words. */
  relation: string;
}

/** Everything the record page template shows. */
export interface RecordPageView {
  /** The record's id. */
  id: string;
  /** The record's title. */
  title: string;
  /** Incident or enforcement action, in words. */
  kindLabel: string;
  /** The organization it is about. */
  organization: string;
  /** The organization's page. */
  orgHref: string;
  /** The summary, as sanitized HTML. */
  summary: SafeHtml;
  /** The summary as one line of text, for meta tags. */
  description: string;
  /** The withdrawal notice, if the record is withdrawn. */
  withdrawn: { date: string; datetime: string; reason: SafeHtml } | undefined;
  /** Published corrections, oldest first. */
  corrections: Array<{ date: string; datetime: string; note: SafeHtml }>;
  /** The key-facts box. */
  facts: Fact[];
  /** The exposure-to-disclosure chart (incidents). */
  chart: LagChart | undefined;
  /** The record's timeline. */
  events: TimelineEntry[];
  /** The sources, as citations. */
  sources: CitationView[];
  /** Related records, both directions. */
  related: RelatedLink[];
  /** Its tags, with their pages. */
  tags: Array<{ tag: string; href: string }>;
  /** How to cite the record. */
  cite: { text: string; bibtex: string };
  /** The file names of its YAML and JSON downloads. */
  downloads: { yaml: string; json: string };
  /** The embed page and the snippet to paste. */
  embed: { href: string; snippet: string };
}

function dateItem(value: DateInput, locale: string, note?: string): FactItem {
  const d = toRecordDate(value);
  return { text: formatDate(d, locale), datetime: d.text, ...(note ? { note } : {}) };
}

function incidentFacts(page: PageContext, model: ModelRecord, r: IncidentRecord): Fact[] {
  const locale = page.site.locale;
  const facts: Fact[] = [];
  const period: FactItem[] = [{ prefix: 'from', ...dateItem(r.period.start, locale) }];
  period.push(r.period.end === undefined ? { text: 'end ongoing or unknown' } : { prefix: 'until', ...dateItem(r.period.end, locale) });
  facts.push({ label: 'Exposure period', items: period });
  facts.push({ label: 'Discovered by the organization', items: [r.discovered === undefined ? { text: 'not known' } : dateItem(r.discovered, locale)] });
  const source = r.sources.find((s) => s.id === r.disclosed.source);
  facts.push({
    label: 'First disclosed',
    items: [
      dateItem(r.disclosed.date, locale, `by ${DISCLOSER_LABEL[r.disclosed.by] ?? r.disclosed.by}`),
      ...(source ? [{ text: `${source.publisher}: ${source.title}`, href: `#source-${source.id}` }] : []),
    ],
  });
  for (const lag of model.lags) {
    const days = lag.minDays === lag.maxDays ? `${lag.minDays} days` : `${lag.minDays} to ${lag.maxDays} days`;
    facts.push({ label: lag.from === 'discovered' ? 'Lag from discovery to disclosure' : 'Lag from start of exposure to disclosure', items: [{ text: lag.display, note: days }] });
  }
  if (r.affected?.people !== undefined) facts.push({ label: 'People affected', items: [countItem(r.affected.people, locale)] });
  if (r.affected?.organizations !== undefined) facts.push({ label: 'Organizations with access', items: [countItem(r.affected.organizations, locale)] });
  if (r.data_types?.length) facts.push({ label: 'Data exposed', items: r.data_types.map((t) => ({ text: words(t) })) });
  if (r.recipients?.length) facts.push({ label: 'Recipients', items: r.recipients.map((p) => ({ text: p.name, ...(p.role ? { note: p.role } : {}) })) });
  return facts;
}

function countItem(count: NonNullable<NonNullable<IncidentRecord['affected']>['people']>, locale: string): FactItem {
  const note = typeof count === 'object' ? count.note : undefined;
  return { text: formatCount(count, locale), ...(note ? { note } : {}) };
}

function enforcementFacts(page: PageContext, r: EnforcementRecord): Fact[] {
  const locale = page.site.locale;
  const authorities = typeof r.authority === 'string' ? [r.authority] : r.authority;
  const facts: Fact[] = [
    { label: authorities.length > 1 ? 'Authorities' : 'Authority', items: authorities.map((text) => ({ text })) },
    { label: 'Jurisdiction', items: [{ text: jurisdictionLabel(r.jurisdiction, locale) }] },
    { label: 'Action', items: [{ text: ACTION_LABEL[r.action] ?? r.action }] },
    { label: 'Date', items: [dateItem(r.date, locale)] },
  ];
  if (r.amount) facts.push({ label: 'Amount', items: [{ text: `${formatMoney(r.amount.value, r.amount.currency, locale)} (${r.amount.currency})`, ...(r.amount.note ? { note: r.amount.note } : {}) }] });
  if (r.legal_basis) facts.push({ label: 'Legal basis', items: [{ text: r.legal_basis }] });
  const concerns = (r.concerns ?? []).flatMap((id) => {
    const target = page.site.byId.get(id);
    return target ? [{ text: target.source.title, href: link(page, paths.record(id)) }] : [];
  });
  if (concerns.length) facts.push({ label: 'Concerns', items: concerns });
  return facts;
}

function relatedLinks(page: PageContext, model: ModelRecord): RelatedLink[] {
  const r = model.source;
  const out: RelatedLink[] = [];
  const seen = new Set<string>();
  const add = (id: string, relation: string) => {
    const target = page.site.byId.get(id);
    if (!target || seen.has(id)) return;
    seen.add(id);
    out.push({ title: target.source.title, href: link(page, paths.record(id)), relation });
  };
  if (r.kind === 'enforcement') (r.concerns ?? []).forEach((id) => add(id, 'incident this action concerns'));
  for (const id of model.backlinks) {
    const other = page.site.byId.get(id)?.source;
    if (other?.kind === 'enforcement' && other.concerns?.includes(r.id)) add(id, 'enforcement action concerning this incident');
  }
  (r.related ?? []).forEach((id) => add(id, 'related'));
  model.backlinks.forEach((id) => add(id, 'links here'));
  return out;
}

/** The view of a record's page. */
export function recordPage(page: PageContext, model: ModelRecord): RecordPageView {
  readyMarkdown(model);
  const r = model.source;
  const locale = page.site.locale;
  const url = canonical(page);
  const embedUrl = canonical(page, paths.embed(r.id));
  const about = aboutRecord(page, model);
  const snippet = `<iframe src="${embedUrl}" title="Timeline: ${r.title.replace(/"/g, '&quot;')}" width="100%" height="420" style="border:0" loading="lazy"></iframe>`;
  return {
    id: r.id,
    title: r.title,
    kindLabel: KIND_LABEL[r.kind] ?? r.kind,
    organization: r.organization,
    orgHref: link(page, paths.organization(r.organization)),
    summary: new SafeHtml(renderMarkdown(r.summary)),
    description: markdownToText(r.summary, 200),
    withdrawn: r.withdrawn && {
      date: formatDate(toRecordDate(r.withdrawn.date), locale),
      datetime: toRecordDate(r.withdrawn.date).text,
      reason: new SafeHtml(renderMarkdown(r.withdrawn.reason)),
    },
    corrections: (r.corrections ?? []).map((c) => ({
      date: formatDate(toRecordDate(c.date), locale),
      datetime: toRecordDate(c.date).text,
      note: new SafeHtml(renderMarkdown(c.note)),
    })),
    facts: r.kind === 'incident' ? incidentFacts(page, model, r) : enforcementFacts(page, r),
    chart: lagChart(page, [model], `chart-${r.id}`, `From exposure to disclosure: ${r.title}`),
    events: placeEvents(model).map((p) => timelineEntry(page, p, true, about)),
    sources: r.sources.map((s) => citation(s, locale)),
    related: relatedLinks(page, model),
    tags: (r.tags ?? []).map((tag) => ({ tag, href: link(page, paths.tag(tag)) })),
    cite: citeRecord(model, url, locale),
    downloads: { yaml: `${r.id}.yaml`, json: `${r.id}.json` },
    embed: { href: link(page, paths.embed(r.id)), snippet },
  };
}
