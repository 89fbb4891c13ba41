import { partSize, type KeptRange, type Part } from '../output/files.js';
import { isTextOnDisk } from '../load/text-on-disk.js';
import type { FileText } from '../site/sink.js';

// A report shows two values in a few places that change more often than the rest of it: the
// time it was made (without `--now`, every build is a new time) and the dataset version (every
// edit changes it). Every build drew every report again (some 0.5 s at 10,000 records), and
// every edit the whole dataset's HTML and Markdown, although only those places differed from
// the last build's files. A report is drawn with a mark where each value goes, each place found
// exactly and kept for the next build, which copies the last build's file with its own values
// in those places where nothing else the file shows changed.

/** A value stamped into a report's files. */
export type StampKind = 'time' | 'version';

/** A value as drawn (its mark) and as written. */
export interface Stamp {
  kind: StampKind;
  mark: string;
  value: string;
}

// Each kind's mark is made of one C1 control character of its own.
const MARK_CHARACTER: Record<StampKind, string> = { time: '\u0080', version: '\u0081' };

/**
 * What a report shows in place of `value` while it is drawn: as many UTF-8 bytes (so that every
 * byte offset taken while drawing holds once the value is in), of C1 control characters, which
 * no text a report shows can hold (one-line texts refuse them) and which neither HTML, Markdown,
 * CSV nor JSON escapes: each place of the mark is a place of the value. None for a value too
 * short to hold one (no time or version is).
 */
export function stampOf(kind: StampKind, value: string): Stamp | undefined {
  const bytes = Buffer.byteLength(value);
  return bytes < 2 ? undefined : { kind, value, mark: MARK_CHARACTER[kind].repeat(bytes >> 1) + (bytes & 1 ? '_' : '') };
}

/** `text` with the stamp's value where it holds its mark (as long in bytes), telling `found` each place's byte offset. */
function stampString(text: string, stamp: Stamp, offset: number, found: (start: number) => void): string {
  const { mark, value } = stamp;
  let at = text.indexOf(mark);
  if (at < 0) return text;
  let stamped = '';
  let from = 0;
  while (at >= 0) {
    const before = text.slice(from, at);
    offset += Buffer.byteLength(before);
    found(offset);
    offset += Buffer.byteLength(value);
    stamped += before + value;
    from = at + mark.length;
    at = text.indexOf(mark, from);
  }
  return stamped + text.slice(from);
}

/**
 * A file's text drawn with the stamps' marks, with their values in their places, each told to
 * `found` (its kind and byte offset) as the text is read. Only text parts can hold a mark:
 * parts given as bytes or kept ranges are records' pieces.
 */
export function stampValues(text: FileText, stamps: readonly Stamp[], found: (kind: StampKind, start: number) => void): FileText {
  const stampAll = (part: string, offset: number) => stamps.reduce((s, stamp) => stampString(s, stamp, offset, (at) => found(stamp.kind, at)), part);
  if (typeof text === 'string') return stampAll(text, 0);
  if (isTextOnDisk(text)) return text;
  return (function* () {
    let offset = 0;
    for (const part of text) {
      if (typeof part === 'string') {
        yield stampAll(part, offset);
        offset += Buffer.byteLength(part);
      } else {
        yield part;
        offset += partSize(part);
      }
    }
  })();
}

/** A file of the last build: where the pieces it was made of lie in it (see `PageReuse.lastFile`). */
export interface LastFile {
  /** Each piece's byte range, by key. */
  spans: ReadonlyMap<string, readonly [start: number, end: number]>;
  /** A stretch of the file, for the writer to copy. */
  range(start: number, end: number): KeptRange;
}

type Span = [key: string, start: number, end: number];

/**
 * A piece's key: the whole file, drawn for what `key` names (everything it shows but its
 * stamps; a file may be named by several), or the `i`th place of a stamp.
 */
const WHOLE = ' file';
const fileKey = (key: string) => key + WHOLE;
const stampKey = (kind: StampKind, i: number) => `${kind} ${i}`;

/** What the last build's file was drawn for (see `restamp`), if it was drawn with its stamps' places known. */
export function drawnFor(last: LastFile): string | undefined {
  for (const key of last.spans.keys()) if (key.endsWith(WHOLE)) return key.slice(0, -WHOLE.length);
  return undefined;
}

/**
 * What tells the next build where the stamps went in a file of `bytes` drawn for `keys`: the
 * whole file under each key, and each place of each stamp.
 */
export function stampSpans(keys: readonly string[], bytes: number, places: ReadonlyArray<[StampKind, number]>, stamps: readonly Stamp[]): Span[] {
  const count = new Map<StampKind, number>();
  const length = (kind: StampKind) => Buffer.byteLength(stamps.find((s) => s.kind === kind)!.value);
  return [
    ...keys.map((key): Span => [fileKey(key), 0, bytes]),
    ...places.map(([kind, start]): Span => {
      const i = count.get(kind) ?? 0;
      count.set(kind, i + 1);
      return [stampKey(kind, i), start, start + length(kind)];
    }),
  ];
}

/**
 * The last build's copy of a file drawn for `key`, with `values` in the places of their stamps
 * (a stamp not given keeps what the file holds): the parts to write (stretches of that file,
 * copied, and the values), and where its pieces lie in the new file, which is drawn for `keys`.
 * Undefined when that file was not drawn for `key`.
 */
export function restamp(last: LastFile, key: string, values: Partial<Record<StampKind, string>>, keys: readonly string[] = [key]): { parts: Part[]; spans: Span[] } | undefined {
  const file = last.spans.get(fileKey(key));
  if (!file || file[0] !== 0) return undefined;
  const places: Array<{ start: number; end: number; value: string }> = [];
  for (const [kind, value] of Object.entries(values) as Array<[StampKind, string]>) {
    for (let i = 0, span; (span = last.spans.get(stampKey(kind, i))); i++) places.push({ start: span[0], end: span[1], value });
  }
  places.sort((a, b) => a.start - b.start);
  const parts: Part[] = [];
  let from = 0;
  for (const { start, end, value } of places) {
    if (start < from || end > file[1]) return undefined;
    if (start > from) parts.push(last.range(from, start));
    parts.push(value);
    from = end;
  }
  if (from < file[1]) parts.push(last.range(from, file[1]));
  // A place moves by what the values before it grew or shrank (the same length, most often).
  const grown = places.map(({ start, end, value }) => ({ start, by: Buffer.byteLength(value) - (end - start) }));
  const moved = grown.every(({ by }) => by === 0) ? (at: number) => at : (at: number) => grown.reduce((to, { start, by }) => (start < at ? to + by : to), at);
  const bytes = moved(file[1]);
  const spans: Span[] = keys.map((k) => [fileKey(k), 0, bytes]);
  for (const [k, [start, end]] of last.spans) if (!k.endsWith(WHOLE)) spans.push([k, moved(start), moved(end)]);
  return { parts, spans };
}
