import { RULES } from '../diagnostics/rules.js';
import { recordJsonSchema } from '../schema/json-schema.js';

/**
 * The generated parts of the researchers' reference (docs/record-format.md): key tables
 * read off the JSON Schema and the rule catalogue, so the docs cannot drift from the code.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  maxLength?: number;
  contentMediaType?: string;
  format?: string;
};

function typeOf(s: JsonSchema): string {
  if (s.anyOf?.some((a) => a.pattern?.startsWith('^\\d{4}'))) return 'Date';
  if (s.const !== undefined) return `\`${String(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`;
  if (s.type === 'object') return s.properties ? 'mapping (below)' : 'mapping';
  if (s.type === 'integer') return 'whole number';
  if (s.type === 'string') {
    if (s.contentMediaType === 'text/markdown') return 'Markdown';
    if (s.format === 'uri') return 'URL';
    if (s.pattern?.startsWith('^[a-z0-9]')) return 'slug';
    return 'text';
  }
  return String(s.type ?? 'any');
}

function table(title: string, s: JsonSchema): string[] {
  const required = new Set(s.required ?? []);
  const rows = Object.entries(s.properties ?? {}).map(
    ([key, p]) => `| \`${key}\` | ${required.has(key) ? 'yes' : 'no'} | ${typeOf(p)} | ${(p.description ?? '').replace(/\|/g, '\\|')} |`,
  );
  return [`#### ${title}`, '', '| key | required | type | meaning |', '| --- | --- | --- | --- |', ...rows, ''];
}

function nested(prefix: string, s: JsonSchema, out: string[]): void {
  for (const [key, p] of Object.entries(s.properties ?? {})) {
    const inner = p.type === 'array' ? p.items : p.anyOf?.find((a) => a.type === 'object') ?? p;
    if (inner?.type === 'object' && inner.properties) {
      out.push(...table(`\`${prefix}${key}\``, inner));
      nested(`${prefix}${key}.`, inner, out);
    }
  }
}

/** The key tables of both kinds, generated from the schema. */
export function keyTables(): string {
  const schema = recordJsonSchema() as JsonSchema;
  const [incident, enforcement] = schema.oneOf ?? [];
  const out: string[] = [];
  out.push(...table('Incident (`kind: incident`)', incident!), ...table('Enforcement (`kind: enforcement`)', enforcement!));
  const seen = new Set<string>();
  for (const kind of [incident!, enforcement!]) {
    const parts: string[] = [];
    nested('', kind, parts);
    // Keys both kinds share (events, sources) are listed once.
    const text = parts.join('\n');
    for (const block of text.split('#### ').filter(Boolean)) {
      const name = block.slice(0, block.indexOf('\n'));
      if (!seen.has(name)) out.push(`#### ${block}`), seen.add(name);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The rule catalogue as a Markdown table. */
export function ruleTable(): string {
  const rows = Object.entries(RULES).map(([id, r]) => `| \`${id}\` | ${r.severity} | ${r.group} | ${r.hint.replace(/\|/g, '\\|')} |`);
  return ['| rule | severity | stage | what it means and how to fix it |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` markers. */
export function fillSection(doc: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to < from) throw new Error(`the docs have no ${start} ... ${end} section`);
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`;
}

/** The reference with its generated sections brought up to date. */
export function renderReference(doc: string): string {
  return fillSection(fillSection(doc, 'keys', keyTables()), 'rules', ruleTable());
}
