import type { FileReporter } from './report.js';

/** One file's data as the dataset checks see it: whatever parsed, well-shaped or not. */
export interface DatasetEntry {
  /** The path relative to the records folder. */
  relative: string;
  /** The path shown in messages. */
  display: string;
  /** The file's plain data. */
  data: Record<string, unknown>;
  /** Where this file's problems go. */
  out: FileReporter;
}

function strings(value: unknown): Array<[number, string]> {
  return Array.isArray(value) ? value.flatMap((v, i): Array<[number, string]> => (typeof v === 'string' ? [[i, v]] : [])) : [];
}

/**
 * Checks across the dataset (format checks 3 and 4): ids match file names and are unique,
 * and every `related` and `concerns` id names a record (of kind incident, for `concerns`).
 * Files whose shape is wrong still take part, so one mistake does not hide another.
 */
export function checkDataset(entries: readonly DatasetEntry[]): void {
  const byId = new Map<string, DatasetEntry>();
  for (const entry of entries) {
    const id = entry.data.id;
    if (typeof id !== 'string') continue;
    const base = entry.relative.slice(entry.relative.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '');
    if (id !== base) entry.out.add('id-mismatch', `the id "${id}" does not match the file name "${base}"; rename one so they agree`, ['id']);
    const first = byId.get(id);
    if (first) entry.out.add('duplicate-id', `the id "${id}" is already used by ${first.display}`, ['id']);
    else byId.set(id, entry);
  }
  for (const entry of entries) {
    for (const key of ['related', 'concerns'] as const) {
      for (const [i, id] of strings(entry.data[key])) {
        const target = byId.get(id);
        if (!target) entry.out.add('dangling-reference', `${key} names "${id}", but no record has that id`, [key, i]);
        else if (key === 'concerns' && target.data.kind !== 'incident') {
          entry.out.add('concerns-not-incident', `concerns names "${id}", which is kind: ${String(target.data.kind)}; only incidents may be named`, [key, i]);
        }
      }
    }
  }
}
