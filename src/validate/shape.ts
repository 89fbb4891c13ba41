import type * as z from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RuleId } from '../diagnostics/rules.js';
import type { Target } from '../load/positions.js';
import type { ParsedFile } from '../load/parse.js';
import { patternRule } from '../schema/fields.js';
import { AnyKindSchema, ENFORCEMENT_KEYS, EnforcementSchema, INCIDENT_KEYS, IncidentSchema, type DisclosureRecord } from '../schema/record.js';
import { didYouMean } from '../text/suggest.js';
import { FileReporter } from './report.js';
import { keysAt } from './schema-walk.js';

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** The outcome of checking a file's data against the record schema. */
export interface ShapeResult {
  /** The typed record, when the data has the record's shape. */
  record: DisclosureRecord | undefined;
  /** Every shape problem found. */
  diagnostics: Diagnostic[];
}

function schemaFor(data: Record<string, unknown>) {
  if (data.kind === 'incident') return IncidentSchema;
  if (data.kind === 'enforcement') return EnforcementSchema;
  return AnyKindSchema;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false',
  object: 'a mapping of keys', record: 'a mapping of keys', array: 'a list',
};

function describeValue(input: unknown): string {
  if (input === null) return 'nothing (null)';
  if (Array.isArray(input)) return 'a list';
  switch (typeof input) {
    case 'string': return `the text "${input}"`;
    case 'number': return Number.isInteger(input) ? `the number ${input}` : `the number ${input} (not whole)`;
    case 'boolean': return `${input}`;
    case 'object': return 'a mapping';
    default: return typeof input;
  }
}

function keyName(path: Path): string {
  const key = [...path].reverse().find((step) => typeof step === 'string');
  return key === undefined ? 'the record' : `"${String(key)}"`;
}

/** A union's failure comes from the one branch that matched the value's type, if exactly one did. */
function narrowUnion(errors: Issue[][]): Issue[] | undefined {
  const typeMismatch = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');
  const candidates = errors.filter((branch) => !branch.every(typeMismatch));
  return candidates.length === 1 ? candidates[0] : undefined;
}

interface Context {
  schema: z.core.$ZodType;
  kind: unknown;
  out: FileReporter;
}

function report(ctx: Context, rule: RuleId, message: string, path: Path, target: Target = 'value'): void {
  ctx.out.add(rule, message, path, target);
}

function unknownKey(ctx: Context, path: Path, key: string): void {
  const otherKind = ctx.kind === 'incident' ? 'enforcement' : ctx.kind === 'enforcement' ? 'incident' : undefined;
  const otherKeys = otherKind === 'enforcement' ? ENFORCEMENT_KEYS : INCIDENT_KEYS;
  if (path.length === 0 && otherKind && otherKeys.includes(key)) {
    report(ctx, 'wrong-kind-key', `"${key}" belongs to ${otherKind} records, but this record is kind: ${String(ctx.kind)}`, [key], 'key');
    return;
  }
  const known = keysAt(ctx.schema, path);
  report(ctx, 'unknown-key', `unknown key "${key}"${didYouMean(key, known)}`, [...path, key], 'key');
}

function mapIssue(ctx: Context, issue: Issue, prefix: Path): void {
  const path: Path = [...prefix, ...issue.path];
  if (issue.input === undefined && issue.code !== 'unrecognized_keys') {
    report(ctx, 'missing-key', `missing required key ${keyName(path)}`, path);
    return;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) unknownKey(ctx, path, key);
      return;
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const quote = issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')
        ? `; put it in quotes ("${String(issue.input)}") if it is meant as text` : '';
      report(ctx, 'invalid-type', `${keyName(path)} expects ${expected}, but found ${describeValue(issue.input)}${quote}`, path);
      return;
    }
    case 'invalid_union': {
      const branch = narrowUnion(issue.errors);
      if (branch) branch.forEach((inner) => mapIssue(ctx, inner, path));
      else report(ctx, 'invalid-type', `${keyName(path)}: ${issue.message}, but found ${describeValue(issue.input)}`, path);
      return;
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, allowed) : '';
      report(ctx, 'invalid-value', `${keyName(path)} must be one of ${allowed.join(', ')}; found ${describeValue(issue.input)}${hint}`, path);
      return;
    }
    case 'invalid_format':
      report(ctx, patternRule(issue.pattern ?? '') ?? 'invalid-text', issue.message, path);
      return;
    case 'too_small':
      if (issue.origin === 'array') report(ctx, 'empty-list', `${keyName(path)} needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`, path);
      else report(ctx, issue.origin === 'string' ? 'invalid-text' : 'invalid-number', `${keyName(path)} must be at least ${String(issue.minimum)}; found ${describeValue(issue.input)}`, path);
      return;
    case 'too_big':
      if (issue.origin === 'string') report(ctx, 'text-too-long', issue.message, path);
      else report(ctx, 'invalid-number', `${keyName(path)} must be at most ${String(issue.maximum)}; found ${describeValue(issue.input)}`, path);
      return;
    case 'custom': {
      const rule = (issue.params?.rule as RuleId | undefined) ?? 'invalid-type';
      report(ctx, rule, issue.message, path);
      return;
    }
    default:
      report(ctx, 'invalid-type', `${keyName(path)}: ${issue.message}`, path);
  }
}

/** Checks a parsed file's data against the record schema of its kind. */
export function checkShape(parsed: ParsedFile): ShapeResult {
  const data = parsed.data;
  if (data === undefined) return { record: undefined, diagnostics: [] };
  const schema = schemaFor(data);
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success && schema !== AnyKindSchema) return { record: result.data as DisclosureRecord, diagnostics: [] };
  const ctx: Context = { schema, kind: data.kind, out: new FileReporter(parsed) };
  if (!result.success) result.error.issues.forEach((issue) => mapIssue(ctx, issue, []));
  return { record: undefined, diagnostics: ctx.out.diagnostics };
}
