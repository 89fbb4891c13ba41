import type { Document, LineCounter, YAMLError } from 'yaml';
import { yaml } from './yaml-library.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rules.js';
import { RULES } from '../diagnostics/rules.js';
import type { SourceFile } from './source-file.js';
import { parsePlainYaml } from './plain-yaml.js';
import { heldStrings } from '../text/compact.js';
import { spanOf, type Located } from './positions.js';

/** How deep mappings and lists may nest; real records need under ten levels. */
export const MAX_DEPTH = 64;
/** How many alias expansions one file may make (yaml's guard against "billion laughs"). */
export const MAX_ALIASES = 100;

/** A record file read as YAML: its document, and its data where the YAML allowed it. */
export interface ParsedFile extends Located {
  /** The file it came from. */
  source: SourceFile;
  /** The plain data of the document; undefined when the file is not a usable mapping. */
  data: Record<string, unknown> | undefined;
  /** Problems of the file as YAML. */
  diagnostics: Diagnostic[];
}

function at(source: SourceFile, lineCounter: LineCounter, rule: RuleId, message: string, from: number, to: number): Diagnostic {
  return { file: source.display, ...spanOf(lineCounter, from, to), severity: RULES[rule].severity, rule, message };
}

/**
 * Finds flow brackets nested past the bound before the parser sees them: yaml's parser runs out
 * of memory, uncatchably, on some hundred thousand nested `[`. Quoting is ignored, so the count
 * can only be too high, never too low; no real record comes near the bound.
 */
export function flowDepthOverflow(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}

function syntaxMessage(error: YAMLError): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML indents with spaces only';
    case 'MISSING_CHAR':
      return error.message.includes('quote') ? 'a quoted value is never closed: add the closing quote' : error.message;
    case 'BAD_INDENT':
      return `bad indentation: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`;
    default:
      return error.message.charAt(0).toLowerCase() + error.message.slice(1);
  }
}

function yamlDiagnostic(source: SourceFile, lineCounter: LineCounter, error: YAMLError): Diagnostic {
  const [from, to] = error.pos;
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(source.text.slice(from))![0].trim();
    return at(source, lineCounter, 'duplicate-key', `duplicate key "${key}": a key may appear once in a mapping`, from, to);
  }
  if (error.code === 'MULTIPLE_DOCS') {
    return at(source, lineCounter, 'multiple-documents', 'the file holds more than one YAML document; put one record in each file', from, from);
  }
  return at(source, lineCounter, 'yaml-syntax', syntaxMessage(error), from, to);
}

/** yaml reports an unclosed quote where the file ends; point at the quote that opened it. */
function unclosedQuoteStart(doc: Document, error: YAMLError): number | undefined {
  if (error.code !== 'MISSING_CHAR' || !error.message.includes('quote')) return undefined;
  let start: number | undefined;
  yaml().visit(doc, {
    Scalar(_, node) {
      const [from, , to] = node.range ?? [0, 0, 0];
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && from <= error.pos[0] && to >= error.pos[0] - 1) start = from;
    },
  });
  return start;
}

/** The offset of the first node nested deeper than the bound, if any (aliases not followed). */
function structuralOverflow(doc: Document): number | undefined {
  const { isCollection, isPair } = yaml();
  const stack: Array<[unknown, number]> = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_DEPTH) return node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function firstDanglingAlias(doc: Document): [number, number] | undefined {
  const { visit } = yaml();
  let found: [number, number] | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined) {
        found = [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Parses a record file as one YAML 1.2 document, with bounded work, collecting every problem.
 * A file in the plain subset (see plain-yaml.ts) is read directly, and its document is parsed
 * only if a problem found later needs a position.
 */
export function parseRecordFile(source: SourceFile): ParsedFile {
  return readPlainRecordFile(source) ?? parseRecordDocument(source);
}

/** A record file read by the plain subset of YAML (its document parsed only when asked for), or undefined. */
export function readPlainRecordFile(source: SourceFile): ParsedFile | undefined {
  const data = parsePlainYaml(source.text);
  if (data === undefined) return undefined;
  let full: ParsedFile | undefined;
  const fully = () => (full ??= parseRecordDocument(source));
  return {
    source,
    data,
    diagnostics: [],
    get doc() {
      return fully().doc;
    },
    get lineCounter() {
      return fully().lineCounter;
    },
  };
}

/** Parses a record file with yaml's full parser, ranges and all (what the plain subset refused). */
export function parseRecordDocument(source: SourceFile): ParsedFile {
  const { LineCounter: Lines, parseDocument, isAlias, isMap, isCollection } = yaml();
  const lineCounter = new Lines();
  const overflow = flowDepthOverflow(source.text);
  if (overflow !== undefined) {
    // Count lines without parsing: the parser is what must not run.
    lineCounter.addNewLine(0);
    for (let i = source.text.indexOf('\n'); i !== -1 && i < overflow; i = source.text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const diagnostic = at(source, lineCounter, 'nesting-limit', `brackets are nested deeper than ${MAX_DEPTH} levels`, overflow, overflow + 1);
    return { source, doc: parseDocument(''), lineCounter, data: undefined, diagnostics: [diagnostic] };
  }
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const start = unclosedQuoteStart(doc, error);
    if (start !== undefined) error.pos = [start, start + 1];
  }
  const result: ParsedFile = { source, doc, lineCounter, data: undefined, diagnostics: doc.errors.map((e) => yamlDiagnostic(source, lineCounter, e)) };
  if (result.diagnostics.some((d) => d.rule !== 'duplicate-key')) return result;

  const fail = (rule: RuleId, message: string, from = 0, to = 0) => {
    result.diagnostics.push(at(source, lineCounter, rule, message, from, to));
    return result;
  };
  if (doc.contents === null) return fail('empty-file', 'the file is empty: it holds no record');
  const deep = structuralOverflow(doc);
  if (deep !== undefined) return fail('nesting-limit', `values are nested deeper than ${MAX_DEPTH} levels`, deep, deep);
  const contents = isAlias(doc.contents) ? doc.contents.resolve(doc) : doc.contents;
  const [from, to] = contents?.range ?? [0, 0];
  if (!isMap(contents)) {
    const what = isCollection(contents) ? 'a list' : 'a single value';
    return fail('not-a-mapping', `a record must be a mapping of keys such as "id:" and "kind:", but this file holds ${what}`, from, to);
  }
  try {
    // yaml's values are views into the text: held, the text need not be kept with them.
    result.data = heldStrings(doc.toJS({ maxAliasCount: MAX_ALIASES }) as Record<string, unknown>);
  } catch {
    const dangling = firstDanglingAlias(doc);
    if (dangling) return fail('alias-limit', 'this alias names an anchor that is not defined before it', ...dangling);
    return fail('alias-limit', `aliases in this file expand past the limit of ${MAX_ALIASES} (a "billion laughs" file?)`);
  }
  return result;
}
