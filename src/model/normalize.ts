import { formatDate } from '../dates/format.js';
import { lagBetween, describeLag, type Lag } from '../dates/lag.js';
import { toRecordDate, type Precision, type RecordDate } from '../dates/parse.js';
import type { DateInput, DisclosureRecord, RecordEvent, RecordSource } from '../schema/record.js';
import { paths } from './paths.js';
import { oncePerObject } from '../memo.js';
import { knownRecordHash } from './record-hash.js';
import type { TextOnDisk } from '../load/text-on-disk.js';

const recordUrl = paths.record;

/** A date as published in data files: what was written, its precision and the span it means. */
export interface DateJson {
  /** The value as written, without `~`. */
  value: string;
  /** The unit it was written to. */
  precision: Precision;
  /** An estimate. */
  approximate: boolean;
  /** The first instant it can mean (ISO 8601). */
  start: string;
  /** The first instant after it (ISO 8601, exclusive). */
  end: string;
  /** The date for readers, at its precision ("April 2018"). */
  display: string;
}

/** A disclosure lag as published: the day range and the words for it. */
export interface LagJson extends Lag {
  /** What the lag is measured from. */
  from: 'period.start' | 'discovered';
  /** The lag for readers ("about 19 months"). */
  display: string;
}

/** A record ready for every output: dates read, lags computed, links both ways, its URL. */
export interface ModelRecord {
  /** The record as written (validated). */
  source: DisclosureRecord;
  /** The record's id. */
  id: string;
  /** The site-relative URL of its page, like `records/groups-api/`. */
  url: string;
  /** Ids of records that list this one in `related` or `concerns`, sorted. */
  backlinks: string[];
  /** Disclosure lags (incidents only): from the start of exposure, and from discovery where known. */
  lags: LagJson[];
  /**
   * The record file's text, as the researchers wrote it (offered as a download). Read again
   * from disk when the model was given the text as `TextOnDisk`.
   */
  readonly text: string;
  /** Where the text lies when it is not held (a build): its download is copied from there. */
  readonly onDisk?: TextOnDisk;
}

/** A validated record with the text of its file. */
export interface RecordInput {
  /** The validated record. */
  record: DisclosureRecord;
  /** Its file's text, or (a build, which needs it once) its hash and how to read it again. */
  text: string | TextOnDisk;
}


/** Reads a written date into its published form (one frozen object per distinct date). */
export function dateJson(value: DateInput, approximate = false): DateJson {
  return published(toRecordDate(value, approximate));
}

// Data files publish every event's dates: made once per distinct date (one RecordDate object
// each), not twice per event.
const published = oncePerObject((d: RecordDate): DateJson =>
  Object.freeze({ value: d.text, precision: d.precision, approximate: d.approximate, start: d.startIso, end: d.endIso, display: formatDate(d) }),
);

function lagJson(from: LagJson['from'], start: RecordDate, disclosed: RecordDate): LagJson[] {
  const lag = lagBetween(start, disclosed);
  return lag ? [{ from, ...lag, display: describeLag(lag) }] : [];
}

// A record's lags follow from the record alone; the dev server models the same (unchanged)
// record objects on every save, so each is computed once.
const lagsOf = oncePerObject((record: DisclosureRecord): LagJson[] => {
  if (record.kind !== 'incident') return [];
  const disclosed = toRecordDate(record.disclosed.date);
  return [
    ...lagJson('period.start', toRecordDate(record.period.start), disclosed),
    ...(record.discovered === undefined ? [] : lagJson('discovered', toRecordDate(record.discovered), disclosed)),
  ];
});

/** Builds the model of a dataset: records sorted by id, with backlinks and lags. Pure. */
export function buildModel(inputs: readonly RecordInput[]): ModelRecord[] {
  const backlinks = new Map<string, Set<string>>();
  const link = (target: string, from: string) => {
    const set = backlinks.get(target);
    if (set) set.add(from);
    else backlinks.set(target, new Set([from]));
  };
  for (const { record: r } of inputs) {
    for (const target of r.related ?? []) link(target, r.id);
    if (r.kind === 'enforcement') for (const target of r.concerns ?? []) link(target, r.id);
  }
  // Files are read in path order, which is id order when files are named after their ids (as
  // the format asks): then there is nothing to sort.
  const inOrder = inputs.every((input, i) => i === 0 || inputs[i - 1]!.record.id < input.record.id);
  return (inOrder ? inputs : [...inputs].sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)))
    .map(({ record: source, text }) => {
      const set = backlinks.get(source.id);
      const links = set ? [...set].sort() : [];
      const last = lastModel.get(source);
      if (last && last.input === text && last.model.backlinks.length === links.length && last.model.backlinks.every((id, i) => id === links[i])) return last.model;
      const id = source.id;
      const lags = lagsOf(source);
      // Each model is one literal: spread from an object of the common fields, 10,000 models
      // had as many hidden classes (V8 copied them its slow way), and every read of a model's
      // fields was a megamorphic look-up.
      let model: ModelRecord;
      if (typeof text === 'string') model = { source, id, url: recordUrl(id), backlinks: links, lags, text };
      else {
        model = Object.defineProperty({ source, id, url: recordUrl(id), backlinks: links, lags, onDisk: text }, 'text', TEXT_FROM_DISK) as ModelRecord;
        knownRecordHash(model, text.hash);
      }
      lastModel.set(source, { model, input: text });
      return model;
    });
}

/**
 * One getter for every model whose text is left on disk. A getter made for each model (its
 * text's own `read`) gave each of 10,000 models a hidden class of its own, and every read of a
 * model's fields anywhere in a build was a megamorphic look-up.
 */
const TEXT_FROM_DISK = {
  get(this: { onDisk: TextOnDisk }): string {
    return this.onDisk.read();
  },
  enumerable: true,
};

// The dev server models the same record objects for unchanged files on every save: an
// unchanged record (text and backlinks) keeps its model object, and with it everything
// remembered per model (placed events, hashes), instead of ten thousand new ones a save.
const lastModel = new WeakMap<DisclosureRecord, { model: ModelRecord; input: RecordInput['text'] }>();

function eventJson(e: RecordEvent) {
  return { ...e, date: dateJson(e.date, e.approximate === true), end: e.end === undefined ? undefined : dateJson(e.end, e.approximate === true) };
}

function sourceJson(s: RecordSource) {
  return {
    ...s,
    published: s.published === undefined ? undefined : dateJson(s.published),
    retrieved: s.retrieved === undefined ? undefined : dateJson(s.retrieved),
  };
}

/** A record in the published data shape (`data/records.json`): every date read, nothing lost. */
export function recordJson(model: ModelRecord): Record<string, unknown> {
  const r = model.source;
  const optionalDate = (v: DateInput | undefined) => (v === undefined ? undefined : dateJson(v));
  const kindFields =
    r.kind === 'incident'
      ? {
          period: { start: dateJson(r.period.start), end: optionalDate(r.period.end) },
          disclosed: { ...r.disclosed, date: dateJson(r.disclosed.date) },
          discovered: optionalDate(r.discovered),
        }
      : { date: dateJson(r.date) };
  return {
    ...r,
    ...kindFields,
    url: model.url,
    backlinks: model.backlinks,
    lags: model.lags,
    events: r.events.map(eventJson),
    sources: r.sources.map(sourceJson),
    updated: optionalDate(r.updated),
    corrections: r.corrections?.map((c) => ({ ...c, date: dateJson(c.date) })),
    withdrawn: r.withdrawn && { ...r.withdrawn, date: dateJson(r.withdrawn.date) },
  };
}
