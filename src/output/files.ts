import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { isTextOnDisk, type TextOnDisk } from '../load/text-on-disk.js';

// Reading, writing and comparing the files of an output folder: what both writers (and the
// write thread) share.

/** Whether a file's size and modification time, as stat'ed, are those a build wrote it with. */
export function matchesWritten(info: { size: number; mtimeMs: number } | undefined, written: { bytes: number; mtimeMs: number }): boolean {
  return info !== undefined && info.size === written.bytes && info.mtimeMs === written.mtimeMs;
}

/** Whether a file on disk is still the one a build wrote: the same size and modification time. */
export function stillAsWritten(file: string, written: { bytes: number; mtimeMs: number }): boolean {
  return matchesWritten(statSync(file, { throwIfNoEntry: false }), written);
}

/** The text of a file, or undefined when it cannot be read. */
export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A stretch of a file the last build wrote, given as where it lies rather than read: the
 * writer copies it (a kept record's piece of `records.json`). `written` is how that file was
 * left, which it must still be.
 */
export interface KeptRange {
  kept: string;
  start: number;
  end: number;
  written: { bytes: number; mtimeMs: number };
}

/** Whether a part is a stretch of a kept file rather than text or bytes. */
export function isKeptRange(part: unknown): part is KeptRange {
  return typeof part === 'object' && part !== null && 'kept' in part && 'written' in part;
}

/** A part of a file given in parts: text, UTF-8 bytes, or a stretch of a file of the last build. */
export type Part = string | Uint8Array | KeptRange;

/** The bytes of a kept range, read here (for a sink that does not copy them itself). */
export function readRange(range: KeptRange): Buffer {
  const bytes = readStretch(range.kept, range.written, range.start, range.end);
  if (!bytes) throw new Error(`${range.kept} changed while the build was copying from it`);
  return bytes;
}

/** A part's size in bytes, without reading a kept range. */
export function partSize(part: Part): number {
  return typeof part === 'string' ? Buffer.byteLength(part) : isKeptRange(part) ? part.end - part.start : part.byteLength;
}

/** A part's bytes, a kept range's read here. */
export function partBytes(part: Part): Uint8Array {
  if (typeof part === 'string') return Buffer.from(part, 'utf8');
  return isKeptRange(part) ? readRange(part) : part;
}

/**
 * A file's content: whole, in parts for a file too large to hold whole, or a record file's
 * text left on disk.
 */
export type Content = string | Uint8Array | Iterable<Part> | TextOnDisk;

/** Byte ranges of a file of the last build, read on demand. */
export interface KeptRanges {
  /** The bytes from `start` up to `end`, or undefined if the file ends before. */
  read(start: number, end: number): Buffer | undefined;
  close(): void;
}

/**
 * Opens a file of the last build to read ranges of, if it is still as that build wrote it.
 * With `ahead`, each read takes at least that many bytes, and later ranges inside them are
 * served without reading again: for ranges asked in the file's order (every kept record's
 * piece of `records.json`, 10,000 reads at 10,000 records otherwise).
 */
export function openRanges(file: string, written: { bytes: number; mtimeMs: number }, ahead = 0): KeptRanges | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (!matchesWritten(fstatSync(fd), written)) throw new Error('changed since it was written');
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
  const open = fd;
  // The bytes last read, and where in the file they start. Each read fills a new buffer: the
  // ranges handed out of the last one stay as they were.
  let window = Buffer.alloc(0);
  let from = 0;
  return {
    read(start, end) {
      if (start < from || end > from + window.byteLength) {
        const bytes = Buffer.allocUnsafe(Math.max(ahead, end - start));
        window = bytes.subarray(0, readSync(open, bytes, 0, bytes.byteLength, start));
        from = start;
      }
      return end <= from + window.byteLength ? window.subarray(start - from, end - from) : undefined;
    },
    close: () => closeSync(open),
  };
}

/** The bytes from `start` up to `end` of a file, if it is still as it was written (see `openRanges`). */
export function readStretch(file: string, written: { bytes: number; mtimeMs: number }, start: number, end: number): Buffer | undefined {
  const ranges = openRanges(file, written);
  try {
    return ranges?.read(start, end);
  } finally {
    ranges?.close();
  }
}

/** Whether content is given in parts rather than whole. */
export function isParts(content: Content): content is Iterable<Part> {
  return typeof content !== 'string' && !(content instanceof Uint8Array) && !isTextOnDisk(content);
}

/** How much of a file written in parts is gathered before it goes to the disk. */
const WRITE_CHUNK = 1 << 20;

/**
 * Parts of a file gathered into chunks of about a megabyte, each handed to `out` as it fills
 * (and used again after: `out` must be done with it when it returns). A text is encoded, and
 * bytes copied, into one buffer, rather than joined into a new one for each write; a part
 * larger than a chunk goes out on its own.
 */
export class Chunks {
  private readonly chunk = Buffer.allocUnsafe(WRITE_CHUNK);
  private filled = 0;

  constructor(private readonly out: (bytes: Uint8Array) => void) {}

  /** Adds a text, as UTF-8. */
  text(part: string): void {
    // A text's UTF-8 takes at most three bytes a UTF-16 unit.
    const most = 3 * part.length;
    if (this.filled + most > WRITE_CHUNK) this.flush();
    if (most > WRITE_CHUNK) this.out(Buffer.from(part, 'utf8'));
    else this.filled += this.chunk.write(part, this.filled);
  }

  /** Adds bytes. */
  bytes(part: Uint8Array): void {
    if (this.filled + part.byteLength > WRITE_CHUNK) this.flush();
    if (part.byteLength > WRITE_CHUNK) return this.out(part);
    this.chunk.set(part, this.filled);
    this.filled += part.byteLength;
  }

  /** Hands on what is gathered. */
  flush(): void {
    if (this.filled > 0) this.out(this.chunk.subarray(0, this.filled));
    this.filled = 0;
  }
}

/** How much of a file is compared at once. */
const COMPARE_BYTES = 1 << 20;
// Buffers to compare files in, made once: a buffer a comparison (files of megabytes, for the
// write thread) waited for the garbage collector.
let scratch: [Buffer, Buffer] | undefined;
const buffers = () => (scratch ??= [Buffer.allocUnsafe(COMPARE_BYTES), Buffer.allocUnsafe(COMPARE_BYTES)]);

/** Whether two files hold the same bytes (false when either cannot be read). */
export function sameFiles(a: string, b: string): boolean {
  const fds: number[] = [];
  try {
    fds.push(openSync(a, 'r'), openSync(b, 'r'));
    if (fstatSync(fds[0]!).size !== fstatSync(fds[1]!).size) return false;
    const [x, y] = buffers();
    for (;;) {
      const n = readSync(fds[0]!, x, 0, x.byteLength, null);
      if (n === 0) return true;
      // Reads of a regular file return all that is asked, short only at its end.
      if (readSync(fds[1]!, y, 0, n, null) !== n || !x.subarray(0, n).equals(y.subarray(0, n))) return false;
    }
  } catch {
    return false;
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

/** Whether `file` holds exactly `bytes` (false when it cannot be read). */
export function sameBytes(file: string, bytes: Uint8Array): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).size !== bytes.byteLength) return false;
    const [old] = buffers();
    for (let at = 0; at < bytes.byteLength; ) {
      const n = readSync(fd, old, 0, Math.min(old.byteLength, bytes.byteLength - at), at);
      if (n === 0 || !old.subarray(0, n).equals(bytes.subarray(at, at + n))) return false;
      at += n;
    }
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Deletes a retired tree without making the build wait: a detached `rm -rf` where there is
 * one, else in-process. A tree left behind by a crash is removed by the next build.
 */
export function removeInBackground(dir: string): void {
  if (process.platform !== 'win32') {
    try {
      spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' }).on('error', () => void rm(dir, { recursive: true, force: true })).unref();
      return;
    } catch {
      // Fall through to removing it here.
    }
  }
  void rm(dir, { recursive: true, force: true });
}
