import { partSize, type KeptRange, type Part } from '../output/files.js';
import { isTextOnDisk } from '../load/text-on-disk.js';
import type { FileText } from '../site/sink.js';

// A build at the machine's clock (no `--now`) is a new time, and every report names the time
// it was made: every build drew every report again (some 0.5 s at 10,000 records), although only
// the few places that show the time differ from the last build's files. A report is drawn with
// a mark where the time goes, each place found exactly and kept for the next build, which
// copies the last build's files with its own time in those places.

/**
 * What a report shows in place of the build's `time` while it is drawn: as many UTF-8 bytes
 * (so that every byte offset taken while drawing holds once the time is in), of C1 control
 * characters, which no text a report shows can hold (one-line texts refuse them) and which
 * neither HTML, Markdown, CSV nor JSON escapes: each place of the mark is a place of the time.
 * None for a time too short to hold one (there is no time shorter than a year).
 */
export function timeMark(time: string): string | undefined {
  const bytes = Buffer.byteLength(time);
  return bytes < 2 ? undefined : '\u0080'.repeat(bytes >> 1) + (bytes & 1 ? '_' : '');
}

/** `text` with `time` where it holds `mark` (as long in bytes), telling `found` each place's byte offset. */
function stampString(text: string, mark: string, time: string, offset: number, found: (start: number) => void): string {
  let at = text.indexOf(mark);
  if (at < 0) return text;
  let stamped = '';
  let from = 0;
  while (at >= 0) {
    const before = text.slice(from, at);
    offset += Buffer.byteLength(before);
    found(offset);
    offset += Buffer.byteLength(time);
    stamped += before + time;
    from = at + mark.length;
    at = text.indexOf(mark, from);
  }
  return stamped + text.slice(from);
}

/**
 * A file's text drawn with `mark` for the time, with the time in its places, each told to
 * `found` (its byte offset) as the text is read. Only text parts can hold the mark: parts given
 * as bytes or kept ranges are records' pieces.
 */
export function stampTime(text: FileText, mark: string, time: string, found: (start: number) => void): FileText {
  if (typeof text === 'string') return stampString(text, mark, time, 0, found);
  if (isTextOnDisk(text)) return text;
  return (function* () {
    let offset = 0;
    for (const part of text) {
      if (typeof part === 'string') {
        yield stampString(part, mark, time, offset, found);
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

/** A piece's key: a file, or the `i`th place of the time in it, drawn for what `key` names. */
const WHOLE = ' file';
const fileKey = (key: string) => key + WHOLE;
const stampKey = (key: string, i: number) => `${key} time ${i}`;

/** What the last build's file was drawn for (see `restamp`), if it was drawn with its time's places known. */
export function drawnFor(last: LastFile): string | undefined {
  for (const key of last.spans.keys()) if (key.endsWith(WHOLE)) return key.slice(0, -WHOLE.length);
  return undefined;
}

/**
 * What tells the next build where the time went in a file drawn for `key` (everything the
 * file shows but the time): the whole file, and each place of the time.
 */
export function stampSpans(key: string, bytes: number, stamps: readonly number[], time: string): Array<[string, number, number]> {
  const length = Buffer.byteLength(time);
  return [[fileKey(key), 0, bytes], ...stamps.map((start, i): [string, number, number] => [stampKey(key, i), start, start + length])];
}

/**
 * The last build's copy of a file drawn for `key`, with `time` in the places of its time: the
 * parts to write (stretches of that file, copied, and the time), and where its pieces lie in the
 * new file. Undefined when that file was not drawn for `key`.
 */
export function restamp(last: LastFile, key: string, time: string): { parts: Part[]; spans: Array<[string, number, number]> } | undefined {
  const file = last.spans.get(fileKey(key));
  if (!file || file[0] !== 0) return undefined;
  const stamps: Array<readonly [number, number]> = [];
  for (let span; (span = last.spans.get(stampKey(key, stamps.length))); ) stamps.push(span);
  const parts: Part[] = [];
  let from = 0;
  for (const [start, end] of stamps) {
    if (start < from || end > file[1]) return undefined;
    if (start > from) parts.push(last.range(from, start));
    parts.push(time);
    from = end;
  }
  if (from < file[1]) parts.push(last.range(from, file[1]));
  // A place moves by what the times before it grew or shrank (the same length, most often).
  const length = Buffer.byteLength(time);
  const moved = stamps.every(([start, end]) => end - start === length)
    ? (at: number) => at
    : (at: number) => stamps.reduce((to, [start, end]) => (start < at ? to + length - (end - start) : to), at);
  return { parts, spans: [...last.spans].map(([k, [start, end]]) => [k, moved(start), moved(end)]) };
}
