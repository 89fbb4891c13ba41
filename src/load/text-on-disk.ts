import { readSourceFile, sourceHash, textHash, type SourceFile } from './source-file.js';

/**
 * A record file's text left on disk once the file is checked: its hash, and how to read it
 * again. A build held every text to its end for the record's YAML download (46 MB at 10,000
 * records); reading one again when its download is drawn takes some microseconds.
 */
export interface TextOnDisk {
  /** The hash of the text that was checked (see `textHash`): the SHA-256 of its UTF-8 bytes. */
  hash: string;
  /** The text again: throws `FileChanged` if the file no longer holds it. */
  read(): string;
  /**
   * The file (absolute), its path in messages, and the text's size in UTF-8 bytes: the file
   * holds those bytes, after a byte-order mark if it has one. What lets the text be copied
   * rather than read here (see `WriteThread`).
   */
  file: string;
  display: string;
  bytes: number;
}

/** Whether a file's content is a record file's text left on disk. */
export function isTextOnDisk(value: unknown): value is TextOnDisk {
  return typeof value === 'object' && value !== null && typeof (value as TextOnDisk).read === 'function' && typeof (value as TextOnDisk).hash === 'string';
}

/** A record file that no longer holds the text a build checked: edited while the build ran. */
export class FileChanged extends Error {
  constructor(readonly file: string) {
    super(`${file}: the file changed while the build ran; run the build again`);
  }
}

/** The text of a record file again, if it still has the hash `hash`; else `FileChanged`. */
function readAgain(absolute: string, display: string, relative: string, hash: string): string {
  const again = readSourceFile(absolute, display, relative);
  if ('text' in again && textHash(again.text) === hash) return again.text;
  throw new FileChanged(display);
}

/** The text of `source`, read from `absolute`, left on disk. */
export function textOnDisk(source: SourceFile, absolute: string): TextOnDisk {
  const hash = sourceHash(source);
  const { display, relative } = source;
  return {
    hash,
    file: absolute,
    display,
    bytes: source.bytes ?? Buffer.byteLength(source.text),
    read: () => readAgain(absolute, display, relative, hash),
  };
}

/** What a record file held when a build last read it, and the signature its stat had then. */
export interface KnownText {
  /** See `DatasetStamp.settled`. */
  signature: string;
  /** The text's `textHash`. */
  hash: string;
  /** Its size in UTF-8 bytes. */
  bytes: number;
}

/**
 * A record file proven unchanged since a build read it (its stat shows the same signature): a
 * source whose hash and size are known, and whose text is read (and checked against the hash)
 * only if asked for. A rebuild after one edit at 10,000 records otherwise read every file,
 * 0.3 to 1 s, to find the one whose hash changed.
 */
export function knownSource(absolute: string, display: string, relative: string, known: Pick<KnownText, 'hash' | 'bytes'>): SourceFile {
  const source = { display, relative, hash: known.hash, bytes: known.bytes };
  Object.defineProperty(source, AGAIN, { value: { absolute, text: undefined } });
  return Object.defineProperty(source, 'text', TEXT_READ_AGAIN) as SourceFile;
}

// Where a known source's text is read again from, and the text once read (not enumerable).
const AGAIN = Symbol('read again');

/**
 * One getter for every known source's text. A getter made for each file gave each of 10,000
 * sources a hidden class of its own, and every read of a source's fields (its path, its hash)
 * was a megamorphic look-up.
 */
const TEXT_READ_AGAIN = {
  get(this: SourceFile & { [AGAIN]: { absolute: string; text: string | undefined } }): string {
    const again = this[AGAIN];
    return (again.text ??= readAgain(again.absolute, this.display, this.relative, this.hash!));
  },
  enumerable: true,
};
