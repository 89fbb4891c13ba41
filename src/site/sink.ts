import { isTextOnDisk, type TextOnDisk } from '../load/text-on-disk.js';

/**
 * A file's text: whole, or as parts to be written one after another, for a file too large to
 * hold as one string (`records.json` at 100,000 records), or a record file's text left on disk
 * (its YAML download). Parts are read once; a part given as bytes is UTF-8 (a piece copied from
 * the last build's file).
 */
export type FileText = string | Iterable<string | Uint8Array> | TextOnDisk;

/** A file's text as one string (what the dev server keeps in memory). */
export function wholeText(text: FileText): string {
  if (typeof text === 'string') return text;
  if (isTextOnDisk(text)) return text.read();
  return Buffer.concat([...text].map((part) => (typeof part === 'string' ? Buffer.from(part) : part))).toString('utf8');
}

/** Where rendered files go, one at a time (a tree on disk, or memory for the dev server). */
export type Sink = (sitePath: string, text: FileText) => void;

export type { Digests, Gather } from '../output/gather.js';
