/**
 * Record files are nearly always written in a small part of YAML: block mappings and lists
 * indented with spaces, plain or quoted one-line values (a comment may follow), `[a, b]`
 * lists and `|` texts. This module reads that part straight into the data `yaml` would give
 * (about 0.07 ms a file, against 0.5 ms for building yaml's document, whose node ranges are
 * needed only to place a problem: the caller parses the file fully then). Like the Markdown
 * subset, it answers `undefined` for anything it cannot account for, and a property test
 * holds it to yaml's data wherever it answers.
 *
 * Refused, among others: tabs, carriage returns and control characters; anchors, aliases,
 * tags, directives and document markers; flow mappings; folded (`>`) or chomped (`|-`, `|+`)
 * texts; values continued on a further line; duplicate keys; keys other than
 * `[A-Za-z_][A-Za-z0-9_-]*`; plain values that YAML 1.2's core schema reads as null,
 * booleans, floats or non-decimal integers, or that start with an indicator; escapes in
 * double-quoted values other than `\"`, `\\` and `\/`; a list written at its key's indentation.
 *
 * Every value is `held`: a string of its own, not a view into the file's text, which the
 * build then need not keep.
 */

import { held } from '../text/compact.js';

/** Thrown (and caught below) when the text leaves the subset: the caller parses it fully. */
const REFUSED = Symbol('outside the plain subset');

type Value = string | number | null | Value[] | { [key: string]: Value };

/** Characters refused anywhere: tab, CR, controls, BOM, line separators, non-characters. */
const REFUSED_CHARACTERS = /[\x00-\x08\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
/** A plain value starts with a letter, a digit, `(` or a non-ASCII character (not white space). */
const PLAIN_START = /^(?:[A-Za-z0-9(]|[^\x00-\x7f\s])/;
/** What ends or splits a plain value in block context (a comment, a mapping), or trails it. */
const PLAIN_BREAK = / #|: |:$| $/;
/** Plain values the core schema reads as something other than a string or a decimal integer. */
const NOT_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$|^0[ox]|^[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/;
const INTEGER = /^[0-9]{1,15}$/;
// A title quoting a name (`"Facebook's \"instant personalization\""`) is common: those escapes
// are read here, any other (`\n`, `\u00e9`, `\t`...) by the full parser.
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\["\\/])*)"$/;
const SINGLE_QUOTED = /^'([^']*)'$/;
/** A quoted value, perhaps followed by a comment. */
const QUOTED_THEN_COMMENT = /^("(?:[^"\\]|\\["\\/])*"|'[^']*')(?: +#.*)?$/;
/** Deeper than this, the full parser (and its nesting limit) takes over. */
const MAX_DEPTH = 32;

function refuse(): never {
  throw REFUSED;
}

/** A plain (unquoted) value: a string, or a decimal integer. */
function plain(text: string, flow: boolean): string | number {
  if (!PLAIN_START.test(text) || PLAIN_BREAK.test(text) || (flow && /[:[\]{}#]/.test(text))) refuse();
  if (INTEGER.test(text)) return Number(text);
  if (NOT_STRING.test(text)) refuse();
  return held(text);
}

/** What is written after a key's colon or an item's dash, less a comment after it. */
function uncommented(text: string): string {
  const quoted = QUOTED_THEN_COMMENT.exec(text);
  if (quoted) return quoted[1]!;
  // In a plain value, `#` starts a comment after a space (a quoted one is whole, above).
  const hash = text.startsWith('#') ? 0 : text.indexOf(' #');
  return hash === -1 ? text : text.slice(0, hash).trimEnd();
}

/** A value written on its key's (or item's) line. */
function inlineValue(text: string): Value {
  const double = DOUBLE_QUOTED.exec(text)?.[1];
  if (double !== undefined) return held(double.includes('\\') ? double.replace(/\\(.)/g, '$1') : double);
  const single = SINGLE_QUOTED.exec(text);
  if (single) return held(single[1]!);
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) refuse();
    const inner = text.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((item) => plain(item.trim(), true));
  }
  return plain(text, false);
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

class Reader {
  private at = 0;

  constructor(private readonly lines: string[]) {}

  /** Moves past blank lines and whole-line comments; the next line's indentation, or -1 at the end. */
  private next(): number {
    for (; this.at < this.lines.length; this.at++) {
      const line = this.lines[this.at]!;
      const indent = indentOf(line);
      if (indent < line.length && line[indent] !== '#') return indent;
    }
    return -1;
  }

  document(): Record<string, Value> {
    if (this.next() !== 0) refuse();
    const data = this.mapping(0, 0);
    if (this.next() !== -1) refuse();
    return data;
  }

  /** A block mapping whose keys stand at `indent`; the first key's line may be given (a list item's). */
  private mapping(indent: number, depth: number, first?: string): Record<string, Value> {
    if (depth > MAX_DEPTH) refuse();
    const map: Record<string, Value> = {};
    for (let line = first; ; line = undefined) {
      if (line === undefined) {
        const at = this.next();
        if (at < indent) break;
        if (at > indent) refuse();
        line = this.lines[this.at]!.slice(indent);
      }
      const m = KEY_LINE.exec(line);
      if (!m) refuse();
      const key = m[1]!;
      // A repeated key is yaml's error; `true:` would be a boolean key; `__proto__` is special in toJS.
      if (Object.hasOwn(map, key) || key === '__proto__' || NOT_STRING.test(key)) refuse();
      const rest = m[2] === undefined ? '' : uncommented(m[2]);
      this.at++;
      map[key] = rest === '' ? this.nested(indent, depth) : rest === '|' ? this.literal(indent) : inlineValue(rest);
    }
    return map;
  }

  /** The value of a key with nothing after its colon: a block more indented, or null. */
  private nested(indent: number, depth: number): Value {
    const at = this.next();
    // A list at the key's own indentation is refused where the line after is read as a key.
    if (at <= indent) return null;
    return this.lines[this.at]!.startsWith('- ', at) ? this.list(at, depth + 1) : this.mapping(at, depth + 1);
  }

  /** A block list whose dashes stand at `indent`. */
  private list(indent: number, depth: number): Value[] {
    if (depth > MAX_DEPTH) refuse();
    const items: Value[] = [];
    for (let at = this.next(); at >= indent; at = this.next()) {
      if (at > indent) refuse();
      const line = this.lines[this.at]!;
      if (!line.startsWith('- ', at) || line.charCodeAt(at + 2) === 0x20) refuse();
      const item = line.slice(at + 2);
      if (KEY_LINE.test(item)) items.push(this.mapping(at + 2, depth + 1, item));
      else {
        const value = uncommented(item);
        if (value === '|' || value === '') refuse();
        items.push(inlineValue(value));
        this.at++;
      }
    }
    return items;
  }

  /** A `|` text under a key at `indent`: its lines less their common indentation, one final line break kept. */
  private literal(indent: number): string {
    const content: string[] = [];
    let width = -1;
    for (; this.at < this.lines.length; this.at++) {
      const line = this.lines[this.at]!;
      const at = indentOf(line);
      if (at === line.length) {
        // A blank line; one with more spaces than the text's indentation would keep them.
        if (width === -1 ? at > 0 : at > width) refuse();
        content.push('');
        continue;
      }
      if (width === -1) {
        if (at <= indent) refuse();
        width = at;
      }
      if (at < width) {
        if (at > indent) refuse();
        break;
      }
      content.push(line.slice(width));
    }
    if (width === -1) refuse();
    while (content.at(-1) === '') content.pop();
    // Joined with the final line break: one flat string of its own (see `held`).
    content.push('');
    return content.join('\n');
  }
}

/** The data of a record file written in the plain subset of YAML above, or undefined. */
export function parsePlainYaml(text: string): Record<string, Value> | undefined {
  if (REFUSED_CHARACTERS.test(text)) return undefined;
  try {
    return new Reader(text.split('\n')).document();
  } catch (error) {
    if (error === REFUSED) return undefined;
    throw error;
  }
}
