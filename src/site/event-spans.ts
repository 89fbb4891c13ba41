import type { PageEvents } from '../cache/build-cache.js';
import type { KeptRange, Part } from '../output/files.js';
import { NAME_BYTES } from '../model/record-hash.js';

// A timeline page drawn again (an edit changed one of its thousand events) copies every other
// event's HTML from the last build's copy of the page, rather than drawing it: drawing the
// events of the 30 pages a one-record edit redraws took 0.37 s of a rebuild at 10,000 records.
// Each page drawn remembers where its events went, for the next build.

/** How many bytes name an event: its record's name (12) and its place among the record's events (4). */
export const EVENT_KEY_BYTES = NAME_BYTES + 4;

/** An event's key, then where it starts and ends in its page (`[start, end)`), 32 bits each. */
export const EVENT_SPAN_BYTES = EVENT_KEY_BYTES + 8;

/** An event on a page, as splicing needs it. */
export interface SplicedEvent {
  /** Its key: `EVENT_KEY_BYTES` bytes, as a Latin-1 text. */
  key(): string;
  /** Its HTML, in pieces split where the page's root goes. */
  pieces(): string[];
  /** The UTF-8 size of its pieces, together. */
  pieceBytes(): number;
}

/**
 * `text` followed by an event's HTML with the page's root filled in: concatenated, a rope, which
 * V8 copies once, when the page is written (replacing the stand-in in a joined page made each
 * of the five views flatten and copy every event's HTML twice, and joining the pieces copied it
 * once more: 0.9 s of a cold 10,000-record build's main thread).
 */
export function appendEvent(text: string, event: SplicedEvent, root: string): string {
  const pieces = event.pieces();
  text += pieces[0]!;
  for (let i = 1; i < pieces.length; i++) text += root + pieces[i]!;
  return text;
}

/** Where the events of a page lay in the last build's copy, by key. */
export type LastEvents = (key: string) => KeptRange | undefined;

/** What a template is given in place of the events of the page's `i`th year: spliced in after. */
export function eventsMarker(i: number): string {
  return `\u0000events ${i}\u0000`;
}

const MARKER = /\u0000events (\d+)\u0000/;

/** Four bytes of a 32-bit number, little-endian, as Latin-1 text. */
function u32Text(n: number): string {
  return String.fromCharCode(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
}

/**
 * An event's key from its record's name (12 bytes as Latin-1 text) and its place among the
 * record's events.
 */
export function eventKey(name: string, index: number): string {
  return name + u32Text(index);
}

/** The record name an event's key begins with (see `eventKey`). */
export function keyName(key: string): string {
  return key.slice(0, NAME_BYTES);
}

/** The place among its record's events an event's key ends with (see `eventKey`). */
export function keyIndex(key: string): number {
  return (key.charCodeAt(NAME_BYTES) | (key.charCodeAt(NAME_BYTES + 1) << 8) | (key.charCodeAt(NAME_BYTES + 2) << 16) | (key.charCodeAt(NAME_BYTES + 3) << 24)) >>> 0;
}

/**
 * The key of each event a page's spans name, in order. The spans are read as one text, each
 * key a slice of it: a text made for each key took 0.03 s of a rebuild.
 */
export function spannedKeys(spans: Uint8Array): string[] {
  const text = Buffer.from(spans.buffer, spans.byteOffset, spans.byteLength).toString('latin1');
  const keys: string[] = [];
  for (let o = 0; o + EVENT_SPAN_BYTES <= text.length; o += EVENT_SPAN_BYTES) keys.push(text.slice(o, o + EVENT_KEY_BYTES));
  return keys;
}

/** Whether a page's spans name an event of one of `names`' records (see `recordName`). */
export function listsAny(spans: Uint8Array, names: Iterable<string>): boolean {
  const bytes = Buffer.from(spans.buffer, spans.byteOffset, spans.byteLength);
  for (const name of names) {
    const needle = Buffer.from(name, 'latin1');
    // Only where a span starts: a name's bytes may also turn up inside another span.
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) if (at % EVENT_SPAN_BYTES === 0) return true;
  }
  return false;
}

/** The last build's events of a page, read from what it remembered of `file`. */
export function lastEvents(file: string, page: PageEvents): LastEvents {
  const spans = Buffer.from(page.spans.buffer, page.spans.byteOffset, page.spans.byteLength);
  const at = new Map(spannedKeys(spans).map((key, i) => [key, i * EVENT_SPAN_BYTES]));
  const written = { bytes: page.bytes, mtimeMs: page.mtimeMs };
  return (key) => {
    const o = at.get(key);
    if (o === undefined) return undefined;
    const start = spans.readUInt32LE(o + EVENT_KEY_BYTES);
    const end = spans.readUInt32LE(o + EVENT_KEY_BYTES + 4);
    // A cache anyone can edit: a range outside the file is not copied.
    return start <= end && end <= page.bytes ? { kept: file, start, end, written } : undefined;
  };
}

/**
 * A page drawn with `eventsMarker(i)` for each year's events, as parts: the year's events put
 * where its marker is, each copied from the last build's page (`last`) when it lay there, else
 * its HTML with the page's root filled in. Events that lay one after another there are copied
 * as one stretch. Also where each event went (`EVENT_SPAN_BYTES` each, where its year first
 * appears), for the next build.
 */
export function spliceEvents(html: string, years: ReadonlyArray<readonly SplicedEvent[]>, root: string, last?: LastEvents): { parts: Part[]; spans: Buffer } {
  // Each event's span as Latin-1 text (its key, then its range), made bytes at the end.
  const spans: string[] = [];
  const rootBytes = Buffer.byteLength(root);
  const placed = new Set<number>();
  const parts: Part[] = [];
  let offset = 0;
  // Text not yet given, and kept events not yet given, as one stretch of the last page.
  let text = '';
  let run: KeptRange | undefined;
  const giveText = () => {
    if (text) parts.push(text);
    text = '';
  };
  const giveRun = () => {
    if (run) parts.push(run);
    run = undefined;
  };
  html.split(MARKER).forEach((chunk, c) => {
    if (c % 2 === 0) {
      giveRun();
      text += chunk;
      offset += Buffer.byteLength(chunk);
      return;
    }
    const year = Number(chunk);
    // A template that shows a year's events twice: the first place is the one remembered.
    const first = !placed.has(year);
    placed.add(year);
    for (const event of years[year] ?? []) {
      const key = event.key();
      const kept = last && last(key);
      const start = offset;
      if (kept) {
        if (run?.kept === kept.kept && run.end === kept.start) run.end = kept.end;
        else {
          giveText();
          giveRun();
          run = { ...kept };
        }
        offset += kept.end - kept.start;
      } else {
        giveRun();
        text = appendEvent(text, event, root);
        offset += event.pieceBytes() + rootBytes * (event.pieces().length - 1);
      }
      if (first) spans.push(key + u32Text(start) + u32Text(offset));
    }
  });
  giveRun();
  giveText();
  return { parts, spans: Buffer.from(spans.join(''), 'latin1') };
}
