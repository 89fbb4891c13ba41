import { open, stat } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { openRanges, readStretch, type KeptRanges } from '../output/files.js';

/** Where an entry lies in a shard file, as that file was when its index was read. */
interface OnDisk {
  file: string;
  /** The file's size and modification time then: an entry is read only from that file. */
  bytes: number;
  mtimeMs: number;
  /** How many texts the entry holds, known without reading it. */
  count: number;
  /** The entry's byte range in the file, `[start, end)`. */
  start: number;
  end: number;
}

/** The index at the head of a shard file: each entry's key, text count and byte range after the index. */
interface ShardIndex {
  fingerprint: string;
  entries: Array<[key: string, count: number, start: number, end: number]>;
}

/** A shard file opens with the index's length in bytes, then the index (v8-serialized), then the entries. */
const LENGTH_BYTES = 4;

/** How much of a shard file is read at once when its entries are copied into a new one. */
const READ_AHEAD = 1 << 20;

/**
 * A record's rendered Markdown by key, in memory or in the cache's shard files, read an entry at
 * a time when asked for. Rendered Markdown is the cache's bulk (some 30 MB of HTML at 10,000
 * records), and a rebuild after one edit draws only a hundred or so records' pages: read whole,
 * every record's HTML stayed live through that build, some 40 MiB of its peak memory.
 *
 * Each entry is a JSON array of HTML strings. An entry whose file has changed since its index
 * was read, or that does not read back as the texts it should hold, is a miss: its texts are
 * rendered again.
 */
export class MarkdownStore {
  private readonly entries = new Map<string, string[] | OnDisk>();

  /** How many texts the entry under `key` holds, without reading it; undefined when there is none. */
  count(key: string): number | undefined {
    const entry = this.entries.get(key);
    return entry === undefined ? undefined : Array.isArray(entry) ? entry.length : entry.count;
  }

  /** The HTML kept under `key`, read from its shard if need be; undefined when there is none to read. */
  get(key: string): string[] | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || Array.isArray(entry)) return entry;
    const html = parseEntry(readEntry(entry), entry.count);
    if (html === undefined) this.entries.delete(key);
    return html;
  }

  set(key: string, html: string[]): void {
    this.entries.set(key, html);
  }

  /**
   * Reads the index of a shard file (made by `shardBytes` with this `fingerprint`), taking the
   * entries whose keys `accept` says belong to it. Resolves to their keys: none for a missing,
   * corrupt or foreign file.
   */
  async readIndex(file: string, fingerprint: string, accept: (key: string) => boolean): Promise<string[]> {
    try {
      const handle = await open(file, 'r');
      try {
        const info = await handle.stat();
        const length = Buffer.alloc(LENGTH_BYTES);
        await handle.read(length, 0, LENGTH_BYTES, 0);
        const indexBytes = length.readUInt32LE(0);
        if (LENGTH_BYTES + indexBytes > info.size) return [];
        const raw = Buffer.alloc(indexBytes);
        await handle.read(raw, 0, indexBytes, LENGTH_BYTES);
        const index = deserialize(raw) as ShardIndex;
        if (index?.fingerprint !== fingerprint || !Array.isArray(index.entries)) return [];
        return this.place(file, info, LENGTH_BYTES + indexBytes, index.entries, accept);
      } finally {
        await handle.close();
      }
    } catch {
      return [];
    }
  }

  /** Records where each entry of an index lies; the keys placed. */
  private place(file: string, info: { size: number; mtimeMs: number }, base: number, entries: ShardIndex['entries'], accept: (key: string) => boolean): string[] {
    const keys: string[] = [];
    for (const entry of entries) {
      const [key, count, start, end] = Array.isArray(entry) ? entry : [];
      const fits = Number.isInteger(start) && Number.isInteger(end) && start! >= 0 && start! <= end! && base + end! <= info.size;
      if (typeof key !== 'string' || !accept(key) || !Number.isInteger(count) || !fits) continue;
      this.entries.set(key, { file, bytes: info.size, mtimeMs: info.mtimeMs, count: count!, start: base + start!, end: base + end! });
      keys.push(key);
    }
    return keys;
  }

  /**
   * A shard file holding the entries under `keys` (those still at hand: an entry whose file can
   * no longer be read is left out), and the keys it holds. Entries read from a shard are copied
   * as bytes, never parsed.
   */
  shardBytes(keys: readonly string[], fingerprint: string): { bytes: Buffer; keys: string[] } {
    const index: ShardIndex['entries'] = [];
    const parts: Buffer[] = [];
    // Each shard file read from is opened once and read a megabyte at a time: opened for each
    // entry (some 600 a shard at 10,000 records), saving a rebuild's one changed shard took
    // 2,400 calls to the file system.
    const files = new Map<string, KeptRanges | undefined>();
    const read = (entry: OnDisk) => {
      if (!files.has(entry.file)) files.set(entry.file, openRanges(entry.file, entry, READ_AHEAD));
      return files.get(entry.file)?.read(entry.start, entry.end);
    };
    let at = 0;
    try {
      for (const key of keys) {
        const entry = this.entries.get(key);
        if (entry === undefined) continue;
        const bytes = Array.isArray(entry) ? Buffer.from(JSON.stringify(entry)) : read(entry);
        if (bytes === undefined) continue;
        index.push([key, this.count(key)!, at, at + bytes.byteLength]);
        parts.push(bytes);
        at += bytes.byteLength;
      }
    } finally {
      for (const file of files.values()) file?.close();
    }
    const head = serialize({ fingerprint, entries: index } satisfies ShardIndex);
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32LE(head.byteLength);
    return { bytes: Buffer.concat([length, head, ...parts]), keys: index.map(([key]) => key) };
  }

  /**
   * Points the entries of a shard just written (`bytes`, as `shardBytes` made it, now in `file`)
   * at that file: the one they were read from is gone, and the HTML of those made in this run
   * is let go (read back if asked for).
   */
  async written(file: string, bytes: Buffer): Promise<void> {
    const indexBytes = bytes.readUInt32LE(0);
    const index = deserialize(bytes.subarray(LENGTH_BYTES, LENGTH_BYTES + indexBytes)) as ShardIndex;
    this.place(file, await stat(file), LENGTH_BYTES + indexBytes, index.entries, () => true);
  }
}

/** An entry's bytes, if its file is still the one its index was read from. */
function readEntry(entry: OnDisk): Buffer | undefined {
  return readStretch(entry.file, entry, entry.start, entry.end);
}

/** An entry's HTML: a JSON array of `count` strings, else undefined. */
function parseEntry(bytes: Buffer | undefined, count: number): string[] | undefined {
  if (bytes === undefined) return undefined;
  try {
    const html = JSON.parse(bytes.toString('utf8')) as unknown;
    return Array.isArray(html) && html.length === count && html.every((h) => typeof h === 'string') ? html : undefined;
  } catch {
    return undefined;
  }
}
