/**
 * The same text as one flat string, one byte a character when it can be. For strings kept
 * long (memoized HTML, drawn events) that were built by concatenating and slicing: V8 holds
 * such a string as a tree of its parts, 32 bytes a node plus the parts (and whatever larger
 * strings the slices point into), and makes it two bytes a character when any part was.
 */
export function compact(text: string): string {
  return /[^\x00-\xff]/.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'latin1').toString('latin1');
}

/** Below this length V8 copies a part of a string; from it on, a part is a view into the whole. */
const SLICE_MIN = 13;
// Short values recur in record after record (source ids, dates, organizations, event types).
const shared = new Map<string, string>();
const SHARED_MAX = 50_000;

/**
 * A value to keep for the rest of a run, in a string of its own. A part of a string (a slice,
 * a line of a split, a regular expression's match) 13 characters or longer is a view that
 * keeps the whole alive: a record's values held so kept its file's text (46 MB at 10,000
 * records). A shorter value is shared with equal ones read before: one string for every
 * record's `s1`, rather than one for each.
 */
export function held(text: string): string {
  if (text.length >= SLICE_MIN) return compact(text);
  const seen = shared.get(text);
  if (seen !== undefined) return seen;
  if (shared.size < SHARED_MAX) shared.set(text, text);
  return text;
}

/**
 * Parsed data (plain objects and arrays) with every string `held`, in place: data from a
 * parser that slices its input. Objects met again (YAML aliases, even cyclic) are done once.
 */
export function heldStrings<T>(value: T, done = new Set<object>()): T {
  if (typeof value === 'string') return held(value) as T;
  if (value !== null && typeof value === 'object' && !done.has(value)) {
    done.add(value);
    // Own properties only, assigned as they are (an own `__proto__` stays a property).
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) object[key] = heldStrings(object[key], done);
  }
  return value;
}
