import { items, mapping } from './loose.js';

/** A date of a record, with where it stands. */
export interface DateAt {
  /** The path to the value in the record. */
  path: PropertyKey[];
  /** The value as written (not yet known to be a valid date). */
  value: unknown;
  /** Marked approximate by a sibling `approximate: true`. */
  approximate: boolean;
}

/** Every date-valued key of a record's data, whether or not the record is well-shaped. */
export function recordDates(data: Record<string, unknown>): DateAt[] {
  const out: DateAt[] = [];
  const add = (path: PropertyKey[], value: unknown, approximate = false) => {
    if (value !== undefined) out.push({ path, value, approximate });
  };
  const period = mapping(data.period);
  add(['period', 'start'], period?.start);
  add(['period', 'end'], period?.end);
  add(['disclosed', 'date'], mapping(data.disclosed)?.date);
  add(['discovered'], data.discovered);
  add(['date'], data.date);
  items(data.events).forEach((e, i) => {
    const event = mapping(e);
    add(['events', i, 'date'], event?.date, event?.approximate === true);
    add(['events', i, 'end'], event?.end, event?.approximate === true);
  });
  items(data.sources).forEach((s, i) => {
    add(['sources', i, 'published'], mapping(s)?.published);
    add(['sources', i, 'retrieved'], mapping(s)?.retrieved);
  });
  items(data.corrections).forEach((c, i) => add(['corrections', i, 'date'], mapping(c)?.date));
  add(['withdrawn', 'date'], mapping(data.withdrawn)?.date);
  add(['updated'], data.updated);
  return out;
}
