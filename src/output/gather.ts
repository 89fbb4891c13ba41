import { createHash } from 'node:crypto';
import { Chunks } from './files.js';

/**
 * How a file is made of pieces of other files (`records.json` of each record's JSON file):
 * what comes first, between two pieces and last, and how each piece is indented.
 */
export interface GatherLayout {
  head: string;
  between: string;
  tail: string;
  /** Spaces put before each line of a piece, once its trailing white space is dropped. */
  indent: number;
  /** How many pieces the file holds: one more or less is a failure, not a file. */
  pieces: number;
}

/** What a file written came to: its size, and its SHA-256 in hex (for the manifest). */
export interface Digest {
  bytes: number;
  sha256: string;
}

/**
 * What a gathered file came to, and where each piece went in it: the byte offsets of each
 * piece's start and end, in turn (a build with a cache remembers them, to copy the pieces of
 * records that did not change from this file next time).
 */
export interface Gathered extends Digest {
  spans: number[];
}

/**
 * Has a writer hash each file it is given whose path `isDigested` accepts, as it writes it.
 * Calling what it returns gives each such file's size and SHA-256 by path, once all are written
 * (missing where writing failed; the build fails as it commits).
 */
export type Digests = (isDigested: (sitePath: string) => boolean) => () => Map<string, Digest>;

/**
 * Starts a file a writer makes of pieces of the files it is given next: each file whose path
 * `isPiece` accepts is the next piece, as it is written. Calling what it returns ends the file:
 * what it came to, or undefined when writing failed (and the build fails as it commits).
 */
export type Gather = (sitePath: string, layout: GatherLayout, isPiece: (sitePath: string) => boolean) => () => Gathered | undefined;

const LINE_FEED = 0x0a;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * A file gathered piece by piece, as UTF-8 bytes, a megabyte at a time to `write`, and hashed
 * a megabyte at a time (a hash update per line of the pieces would cost more than the copies).
 */
export class Gatherer {
  private readonly hash = createHash('sha256');
  private readonly chunks: Chunks;
  private readonly indent: Buffer;
  private readonly between: Buffer;
  private bytes = 0;
  private pieces = 0;
  // Bytes added so far (written, or waiting in a chunk), and each piece's start and end.
  private offset = 0;
  private readonly spans: number[] = [];

  constructor(
    private readonly layout: GatherLayout,
    write: (bytes: Uint8Array) => void,
  ) {
    this.chunks = new Chunks((bytes) => {
      this.hash.update(bytes);
      this.bytes += bytes.byteLength;
      write(bytes);
    });
    this.indent = Buffer.alloc(layout.indent, ' ');
    this.between = Buffer.from(layout.between);
    this.chunks.text(layout.head);
    this.offset = Buffer.byteLength(layout.head);
  }

  private add(part: Uint8Array): void {
    this.chunks.bytes(part);
    this.offset += part.byteLength;
  }

  /** Adds the next piece: the bytes of a file, re-indented. */
  piece(bytes: Uint8Array): void {
    if (this.pieces++ > 0) this.add(this.between);
    this.spans.push(this.offset);
    let end = bytes.byteLength;
    while (end > 0 && isSpace(bytes[end - 1]!)) end--;
    this.add(this.indent);
    for (let start = 0; ; ) {
      const feed = bytes.indexOf(LINE_FEED, start);
      if (feed < 0 || feed >= end) {
        this.add(bytes.subarray(start, end));
        this.spans.push(this.offset);
        return;
      }
      this.add(bytes.subarray(start, feed + 1));
      this.add(this.indent);
      start = feed + 1;
    }
  }

  /** Ends the file: what it came to. Throws if it holds more or fewer pieces than its layout says. */
  end(): Gathered {
    if (this.pieces !== this.layout.pieces) throw new Error(`${this.layout.pieces} pieces were to be gathered, not ${this.pieces}`);
    this.chunks.text(this.layout.tail);
    this.chunks.flush();
    return { bytes: this.bytes, sha256: this.hash.digest('hex'), spans: this.spans };
  }
}
