import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMAT_VERSION } from '../schema/vocabulary.js';
import { paths } from '../model/paths.js';
import { recordJson, type ModelRecord } from '../model/normalize.js';
import { wholeText, type FileText } from './sink.js';
import type { GatherLayout } from '../output/gather.js';
import { isKeptRange, partSize, type KeptRange, type Part } from '../output/files.js';

/** Stable JSON text: two-space indented, ending in a newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A record's normalized JSON, as its own download holds it. */
export function recordJsonText(model: ModelRecord): string {
  return jsonText(recordJson(model));
}

/** Where the pieces of `records.json` (each record's part) may come from, and who is told where they went. */
export interface RecordPieces {
  /** A record's piece (indented, without the comma) as the last build's file held it. */
  pieceOf?: (model: ModelRecord) => Uint8Array | KeptRange | undefined;
  /** A record's JSON text already made (a kept file read back), when there is no piece. */
  textOf?: (model: ModelRecord) => string | undefined;
  /** Told each record's piece's byte range in the file made. */
  placed?: (model: ModelRecord, start: number, end: number) => void;
}

/** How a file of one piece per record is laid out: what comes first, between pieces and last. */
interface Layout {
  head: string;
  between: string;
  tail: string;
  /** A record's piece, made afresh. */
  make: (model: ModelRecord) => string;
}

/**
 * A file made of one piece per record, part by part: each piece copied from the last build's
 * file when at hand, else made; where each went is told to `pieces.placed`. Kept pieces that
 * lay one after another in the last build's file, the separator between them, are given as
 * one stretch of it: a one-record edit copies `records.json` as two, not 10,000 pieces.
 * Returns the file's size in bytes, counted where the pieces are placed (else 0).
 */
export function* piecewise(records: readonly ModelRecord[], layout: Layout, pieces: RecordPieces = {}): Generator<Part, number> {
  let offset = 0;
  // Bytes are counted only for someone who wants the pieces' places.
  const counted = <T extends Part>(part: T): T => {
    if (pieces.placed) offset += partSize(part);
    return part;
  };
  const between = Buffer.byteLength(layout.between);
  // Kept pieces not yet given, as one stretch of the last build's file.
  let run: KeptRange | undefined;
  yield counted(layout.head);
  for (const [i, m] of records.entries()) {
    const piece = pieces.pieceOf?.(m);
    // The last build wrote the separator between two pieces it wrote one after the other.
    if (run && isKeptRange(piece) && piece.kept === run.kept && piece.start === run.end + between) {
      run.end = piece.end;
      offset += between;
      const start = offset;
      offset += piece.end - piece.start;
      pieces.placed?.(m, start, offset);
      continue;
    }
    if (run) yield run;
    run = undefined;
    if (i > 0 && layout.between) yield counted(layout.between);
    const start = offset;
    if (isKeptRange(piece)) run = counted({ ...piece });
    else yield counted(piece ?? layout.make(m));
    pieces.placed?.(m, start, offset);
  }
  if (run) yield run;
  yield counted(layout.tail);
  return offset;
}

/** A run of pieces, one per record, with `between` between them (see `piecewiseRuns`). */
export interface Run {
  records: readonly ModelRecord[];
  between: string;
  /** A record's piece, made afresh. */
  make: (model: ModelRecord) => string;
}

/**
 * A file of runs of pieces between texts (`texts[0]`, the first run, `texts[1]`, ... the last
 * text), each run made as `piecewise` makes a file. Its pieces are placed in the whole file.
 */
export function* piecewiseRuns(texts: readonly string[], runs: readonly Run[], pieces: RecordPieces = {}): Generator<Part> {
  let offset = 0;
  for (const [i, run] of runs.entries()) {
    const start = offset;
    const placed = pieces.placed && ((m: ModelRecord, from: number, to: number) => pieces.placed!(m, start + from, start + to));
    offset += yield* piecewise(run.records, { head: texts[i]!, between: run.between, tail: '', make: run.make }, { ...pieces, placed });
  }
  yield texts[runs.length]!;
}

/**
 * `data/records.json` from each record's own JSON text: exactly `jsonText` of the whole
 * document (each record indented two levels deeper), without serializing a record whose text
 * or piece is at hand. JSON strings hold no raw line breaks, so re-indenting a text is safe.
 * Made part by part: at 100,000 records the file is larger than the longest string JavaScript
 * allows.
 */
export function recordsJsonParts(records: readonly ModelRecord[], pieces: RecordPieces = {}): Iterable<Part> {
  if (records.length === 0) return [`{\n  "format": ${JSON.stringify(FORMAT_VERSION)},\n  "count": 0,\n  "records": []\n}\n`];
  const layout = recordsJsonLayout(records.length);
  const indent = ' '.repeat(layout.indent);
  const make = (m: ModelRecord) => `${indent}${(pieces.textOf?.(m) ?? recordJsonText(m)).trimEnd().replaceAll('\n', `\n${indent}`)}`;
  return piecewise(records, { ...layout, make }, pieces);
}

/**
 * How `records.json` of one or more records is laid out around their JSON texts, each indented
 * two levels deeper than in its own file: what a writer that gathers it from those files needs.
 */
export function recordsJsonLayout(count: number): GatherLayout {
  return { head: `{\n  "format": ${JSON.stringify(FORMAT_VERSION)},\n  "count": ${count},\n  "records": [\n`, between: ',\n', tail: '\n  ]\n}\n', indent: 4, pieces: count };
}

/** `data/records.json` as one string (for small datasets and tests). */
export function recordsJson(records: readonly ModelRecord[], pieces?: RecordPieces): string {
  return wholeText(recordsJsonParts(records, pieces));
}

/** The repository's copy of the record format's JSON Schema. */
export const SHIPPED_SCHEMA = fileURLToPath(new URL(`../../../${paths.schema}`, import.meta.url));

/** The JSON Schema the site publishes cannot be read: the tool's files are incomplete. */
export class SchemaMissing extends Error {
  constructor(cause: unknown) {
    super(`${SHIPPED_SCHEMA}: the record format's JSON Schema is missing from the tool's files (\`npm run docs\` writes it)`, { cause });
    this.name = 'SchemaMissing';
  }
}

let shippedSchema: string | undefined;

/**
 * The JSON Schema as the site publishes it: the repository's copy, which `npm run docs` writes
 * from the schemas and a test holds equal to them. Read, not made: making it needs zod and the
 * schemas, some 0.06 s to load, which a build that checks no file on this thread never pays.
 */
export function publishedSchema(): string {
  try {
    return (shippedSchema ??= readFileSync(SHIPPED_SCHEMA, 'utf8'));
  } catch (error) {
    throw new SchemaMissing(error);
  }
}

/**
 * The machine-readable files of the site: every record normalized, and the JSON Schema.
 * `pieces` may supply records' parts already made (what a warm build kept).
 */
export function dataFiles(records: readonly ModelRecord[], pieces?: RecordPieces): Map<string, FileText> {
  return new Map<string, FileText>([
    [paths.records, recordsJsonParts(records, pieces)],
    [paths.schema, publishedSchema()],
  ]);
}
