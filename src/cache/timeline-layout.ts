import { NAME_BYTES } from '../model/record-hash.js';

// The last build's timeline views as the cache keeps them; what a build does with them is in
// `site/timeline-layout.ts`.

/** How many characters of a record's placement hash are kept (96 bits). */
export const PLACEMENT_CHARS = 16;

/** A part of a timeline view: a page that lists events, its label and how many. */
export type PartOutline = [path: string, label: string, count: number];

/** A timeline view as laid out: split into parts or not, and its pages' keys. */
export interface ViewLayout {
  /** Its site path (the whole timeline's is the empty path). */
  base: string;
  /** A filter's view: the key it is kept whole under (see `drawTimelines`). */
  group?: string;
  paged: boolean;
  parts: PartOutline[];
  /** Each page's key: the landing page's first when the view is split, then each part's. */
  keys: string[];
}

/** The last build's timelines, as the cache keeps them. */
export interface TimelineLayout {
  /** The settings (see `settingsKey`) and the filters (see `filtersKey`, hashed) they were drawn with. */
  settings: string;
  filters: string;
  /** Every record's name, in the model's order, as one Latin-1 text. */
  names: string;
  /** Every record's placement hash (see `placementOf`), in the same order, as one text. */
  placements: string;
  /** The whole timeline's view, then each filter's, in the order `facets` gives them. */
  views: ViewLayout[];
}

/** A layout as read back: at least its shape (the cache is a file anyone can edit). */
export function isTimelineLayout(value: unknown): value is TimelineLayout {
  const v = value as TimelineLayout | null;
  const isPart = (p: unknown) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string' && Number.isSafeInteger(p[2]) && (p[2] as number) >= 0;
  const isView = (w: ViewLayout | null) =>
    typeof w === 'object' && w !== null && typeof w.base === 'string' && (w.group === undefined || typeof w.group === 'string') && typeof w.paged === 'boolean' &&
    Array.isArray(w.parts) && w.parts.every(isPart) && Array.isArray(w.keys) && w.keys.every((k) => typeof k === 'string') && w.keys.length === w.parts.length + (w.paged ? 1 : 0);
  return (
    typeof v === 'object' && v !== null && typeof v.settings === 'string' && typeof v.filters === 'string' && typeof v.names === 'string' && typeof v.placements === 'string' &&
    v.names.length % NAME_BYTES === 0 && v.placements.length === (v.names.length / NAME_BYTES) * PLACEMENT_CHARS && Array.isArray(v.views) && v.views.every(isView)
  );
}
