import type { ModelRecord } from '../model/normalize.js';
import type { RecordPieces } from './data-files.js';
import type { PageReuse } from './view/context.js';

/** A file's pieces for `piecewise`, and what tells the next build where they went. */
export interface PiecesOfFile {
  /** Undefined when there is no last build to keep from or remember for. */
  pieces: RecordPieces | undefined;
  /** Called once the file is made: remembers where each piece went, and `more` pieces. */
  done(more?: Array<[key: string, start: number, end: number]>): void;
}

/**
 * Where a file of one piece per record (`records.json`, `events.csv`, a report's table) copies
 * each record's piece from: the last build's copy of the file, where it was made with the same
 * `settings`, and held a piece under the record's `key` (a name for everything the piece
 * shows). `mayKeep` may rule a record out without naming it.
 */
export function piecesOf(reuse: PageReuse | undefined, sitePath: string, settings: string, key: (m: ModelRecord) => string, more: Pick<RecordPieces, 'textOf'> & { mayKeep?: (m: ModelRecord) => boolean } = {}): PiecesOfFile {
  if (!reuse) return { pieces: undefined, done: () => undefined };
  const { mayKeep = () => true, ...rest } = more;
  const spans: Array<[string, number, number]> = [];
  const pieces: RecordPieces = {
    ...rest,
    pieceOf: (m) => (mayKeep(m) ? reuse.piece(sitePath, settings, key(m)) : undefined),
    placed: (m, start, end) => spans.push([key(m), start, end]),
  };
  return { pieces, done: (more = []) => reuse.placePieces(sitePath, settings, [...spans, ...more]) };
}
