import { isTextOnDisk, type TextOnDisk } from '../load/text-on-disk.js';
import { partBytes, type Part } from '../output/files.js';

/**
 * A file's text: whole, or as parts to be written one after another, for a file too large to
 * hold as one string (`records.json` at 100,000 records), or a record file's text left on disk
 * (its YAML download). Parts are read once; a part given as bytes is UTF-8, and one given as
 * a stretch of a file of the last build is copied from it (a kept record's piece).
 */
export type FileText = string | Iterable<Part> | TextOnDisk;

/** A file's text as one string (what the dev server keeps in memory). */
export function wholeText(text: FileText): string {
  if (typeof text === 'string') return text;
  if (isTextOnDisk(text)) return text.read();
  return Buffer.concat([...text].map(partBytes)).toString('utf8');
}

/** Where rendered files go, one at a time (a tree on disk, or memory for the dev server). */
export type Sink = (sitePath: string, text: FileText) => void;

export type { Digests, Gather } from '../output/gather.js';
