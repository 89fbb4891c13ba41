import type { Document, LineCounter, Node, Pair } from 'yaml';
import { yaml } from './yaml-library.js';
import type { Point } from '../diagnostics/diagnostic.js';

/** A span of a file, from one point to another. */
export interface Span {
  /** Where it begins. */
  start: Point;
  /** Where it ends (exclusive). */
  end: Point;
}

/** What of a path's last step to point at: the key, or its value. */
export type Target = 'key' | 'value';

/** A parsed document with what is needed to turn offsets into lines and columns. */
export interface Located {
  /** The YAML document, with ranges on every node. */
  doc: Document;
  /** Line starts of the source text. */
  lineCounter: LineCounter;
}

/** The 1-based point of an offset into the source. */
export function pointAt(lineCounter: LineCounter, offset: number): Point {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** The span between two offsets. */
export function spanOf(lineCounter: LineCounter, from: number, to: number): Span {
  return { start: pointAt(lineCounter, from), end: pointAt(lineCounter, Math.max(from, to)) };
}

function resolve(doc: Document, node: unknown): unknown {
  // An alias stands for its anchor's node; follow it so paths go on through it.
  return yaml().isAlias(node) ? node.resolve(doc) : node;
}

function pairFor(node: unknown, key: PropertyKey): Pair | undefined {
  const { isMap, isPair, isScalar } = yaml();
  if (!isMap(node)) return undefined;
  return node.items.find((pair): pair is Pair => isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(key));
}

function rangeSpan(located: Located, node: unknown): Span | undefined {
  const range = (node as Node | null)?.range;
  return range ? spanOf(located.lineCounter, range[0], range[1]) : undefined;
}

/**
 * The span of a value (or key) at a path of keys and list indices, walking the document the
 * way the data was built. Where the path stops early (a missing key), the span is the start of
 * the deepest mapping or list that exists: where the key should be added.
 */
export function locate(located: Located, path: readonly PropertyKey[], target: Target = 'value'): Span {
  let node: unknown = resolve(located.doc, located.doc.contents);
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    let next: unknown;
    if (yaml().isSeq(node) && typeof step === 'number') next = node.items[step];
    else {
      const pair = pairFor(node, step);
      if (pair && last && (target === 'key' || pair.value === null || pair.value === undefined)) {
        return rangeSpan(located, pair.key) ?? startOf(located, node);
      }
      next = pair?.value ?? undefined;
    }
    if (next === undefined || next === null) return startOf(located, node);
    node = resolve(located.doc, next);
  }
  return rangeSpan(located, node) ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

function startOf(located: Located, node: unknown): Span {
  const range = (node as Node | null)?.range;
  const offset = range ? range[0] : 0;
  const point = pointAt(located.lineCounter, offset);
  return { start: point, end: point };
}
