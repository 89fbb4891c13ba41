import { contentKey } from '../cache/build-cache.js';
import type { ModelRecord } from '../model/normalize.js';
import { NAME_BYTES } from '../model/record-hash.js';
import { PLACEMENT_CHARS, type TimelineLayout } from '../cache/timeline-layout.js';
import { placeEvents } from './view/timeline.js';

// A one-record edit changes what a few timeline pages show, not where any event goes. Placing
// every event, sorting them and naming every page of the views they are on (some 265,000
// events' keys at 10,000 records) took 0.42 s of such a rebuild's drawing (profiles) to find
// those few pages. The last build's layout (each view's pages and their keys; each page's
// events are remembered with it, see `event-spans.ts`) is kept, and a build whose records all
// still place their events where they did takes it as it is: only the pages that list a
// changed record's events, or the record itself, are named and drawn again.

/**
 * What decides where a record's events go: its id (the order of records), what it is filtered
 * by (organization, kind, tags, its events' types) and its events' dates as the timelines
 * order them. Hashed: the record's name (its text) changes with every edit, this with few.
 */
export function placementOf(model: ModelRecord): string {
  const r = model.source;
  const events = placeEvents(model).map((p) => [p.date.startMs, p.date.endMs, p.date.text, p.event.type]);
  return contentKey('placement', JSON.stringify([model.id, r.organization, r.kind, r.tags ?? [], events])).slice(0, PLACEMENT_CHARS);
}

/** Every record's placement hash, taking the last layout's for a record whose name is unchanged. */
export function placementsOf(records: readonly ModelRecord[], names: readonly string[], last: TimelineLayout | undefined): string {
  const same = last !== undefined && last.names.length === names.length * NAME_BYTES;
  return records.map((m, i) => (same && last.names.startsWith(names[i]!, i * NAME_BYTES) ? placementAt(last, i) : placementOf(m))).join('');
}

const placementAt = (layout: TimelineLayout, i: number) => layout.placements.slice(i * PLACEMENT_CHARS, (i + 1) * PLACEMENT_CHARS);

/** The records an edit changed, each under the name the last build knew it by. */
export type Changed = Map<string, ModelRecord>;

/**
 * The records whose text changed since `last` was laid out, by their old names, when every
 * record still places its events where it did (the same records, in the same order, filtered
 * the same way, their events on the same dates); undefined when anything moved, or more than
 * `limit` records changed (drawing most pages again, the full layout does better).
 */
export function changedInPlace(last: TimelineLayout, records: readonly ModelRecord[], names: readonly string[], limit: number): Changed | undefined {
  if (last.names.length !== names.length * NAME_BYTES) return undefined;
  const changed: Changed = new Map();
  for (let i = 0; i < names.length; i++) {
    if (last.names.startsWith(names[i]!, i * NAME_BYTES)) continue;
    const model = records[i]!;
    if (changed.size === limit || placementOf(model) !== placementAt(last, i)) return undefined;
    changed.set(last.names.slice(i * NAME_BYTES, (i + 1) * NAME_BYTES), model);
  }
  return changed;
}
