import { formatDate } from '../../dates/format.js';
import { toRecordDate } from '../../dates/parse.js';
import type { ModelRecord } from '../../model/normalize.js';
import { normalizeUrl } from '../../text/urls.js';
import type { RecordSource } from '../../schema/record.js';

/** A source as a formatted citation. */
export interface CitationView {
  /** The source's id, used for its anchor. */
  id: string;
  /** Who published it. */
  publisher: string;
  /** Who wrote it. */
  author: string | undefined;
  /** The document's title. */
  title: string;
  /** Its address, as browsers serialize it. */
  url: string;
  /** The publication date as written. */
  datetime: string | undefined;
  /** The publication date for readers. */
  date: string | undefined;
  /** When an editor last read it, for readers. */
  retrieved: string | undefined;
  /** An archived copy. */
  archivedUrl: string | undefined;
  /** What kind of document it is, in words. */
  typeLabel: string | undefined;
  /** Passages quoted from it. */
  quotes: Array<{ text: string; by: string | undefined }>;
}

const SOURCE_TYPE_LABEL: Record<string, string> = {
  article: 'Press article', statement: 'Statement by the organization', regulator: 'Regulator',
  court: 'Court document', report: 'Report or study', archive: 'Archive', other: 'Other',
};

/** A source as the record page cites it. */
export function citation(source: RecordSource, locale: string): CitationView {
  const published = source.published === undefined ? undefined : toRecordDate(source.published);
  return {
    id: source.id,
    publisher: source.publisher,
    author: source.author,
    title: source.title,
    url: normalizeUrl(source.url),
    datetime: published?.text,
    date: published && formatDate(published, locale),
    retrieved: source.retrieved === undefined ? undefined : formatDate(toRecordDate(source.retrieved), locale),
    archivedUrl: source.archived_url && normalizeUrl(source.archived_url),
    typeLabel: source.type && SOURCE_TYPE_LABEL[source.type],
    quotes: (source.quotes ?? []).map((q) => ({ text: q.text, by: q.by })),
  };
}

function bibtexEscape(text: string): string {
  return text.replace(/[\\{}&%$#_^~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' || c === '~' ? `\\${c}{}` : `\\${c}`));
}

/**
 * How to cite a record: a plain-text line and a BibTeX entry. Dated by the record's last
 * update, not by the build: a build's day is not the day anyone reads the page (the page says
 * to add that), and a citation dated by it made every record page change every day, so that
 * the first build of a day drew all of them again (16 s rather than 2.5 at 10,000 records).
 */
export function citeRecord(model: ModelRecord, url: string, locale: string): { text: string; bibtex: string } {
  const r = model.source;
  const updated = r.updated === undefined ? undefined : toRecordDate(r.updated);
  const version = updated ? `, updated ${formatDate(updated, locale)}` : '';
  const text = `"${r.title}." disclosed dataset, record ${r.id}${version}. ${url}`;
  const bibtex = [
    `@misc{disclosed-${r.id},`,
    `  title = {${bibtexEscape(r.title)}},`,
    `  author = {{disclosed contributors}},`,
    `  howpublished = {\\url{${url}}},`,
    ...(updated ? [`  year = {${updated.start.year}},`] : []),
    `  note = {disclosed dataset, record ${bibtexEscape(r.id)}},`,
    '}',
  ].join('\n');
  return { text, bibtex };
}
