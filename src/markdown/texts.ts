import type { DisclosureRecord } from '../schema/record.js';

/** A record's Markdown texts, always in this order: summary, event descriptions, corrections, withdrawal. */
export function recordMarkdown(r: DisclosureRecord): string[] {
  return [r.summary, ...r.events.flatMap((e) => e.description ?? []), ...(r.corrections ?? []).map((c) => c.note), ...(r.withdrawn ? [r.withdrawn.reason] : [])];
}

/** How many texts `recordMarkdown` gives, without making them (asked of every record at every build). */
export function markdownCount(r: DisclosureRecord): number {
  let count = 1 + (r.corrections?.length ?? 0) + (r.withdrawn ? 1 : 0);
  for (const e of r.events) if (e.description != null) count++; // as `?? []` leaves it out
  return count;
}

/**
 * Sets each of a record's Markdown texts to what `map` makes of it, in `recordMarkdown`'s order
 * (the build cache keeps them apart from the rest of the record, see `fileShardBytes`).
 */
export function mapMarkdown(r: DisclosureRecord, map: (text: string) => string): void {
  r.summary = map(r.summary);
  for (const e of r.events) if (e.description != null) e.description = map(e.description);
  for (const c of r.corrections ?? []) c.note = map(c.note);
  if (r.withdrawn) r.withdrawn.reason = map(r.withdrawn.reason);
}
