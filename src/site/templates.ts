import type Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompiledTemplates } from './precompiled-templates.js';
import { HandlebarsRuntime } from './handlebars.js';

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

/** The templates that ship with disclosed. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** A problem with a template, naming the file. */
export class TemplateError extends Error {
  constructor(readonly file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'TemplateError';
  }
}

/** Loaded templates: render a page or file by its name (`pages/record`, `feed.xml`). */
export interface Templates {
  /** Renders the template `name` with `data`. */
  render(name: string, data: object): string;
  /** A static asset's bytes (`assets/style.css`). */
  asset(name: string): string;
  /** A hash of every template and asset: what pages depend on besides their data. */
  fingerprint: string;
  /**
   * Whether no template or asset holds a C1 control character (U+0080 to U+009F), which no
   * record's text can: what a report is drawn with in place of the values it stamps (see `stampOf`).
   */
  freeOfC1: boolean;
}

/**
 * Compiles a template when first used, from the parse that checked its syntax here: given the
 * text, compiling parsed every template a second time (0.02 s of every build).
 */
function compile(env: typeof Handlebars, name: string, file: string, source: string): Handlebars.TemplateDelegate {
  let parsed: hbs.AST.Program;
  try {
    parsed = env.parseWithoutProcessing(source);
  } catch (error) {
    throw new TemplateError(file, (error as Error).message.split('\n').filter(Boolean).join(' '), { cause: error });
  }
  return env.compile(parsed, compileOptions(name));
}

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  const child = (name: string) => (rel ? `${rel}/${name}` : name);
  const folders = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => listFiles(dir, child(e.name))));
  return [...entries.filter((e) => e.isFile()).map((e) => child(e.name)), ...folders.flat()];
}

/** The shipped templates' names (`pages/record` for `pages/record.hbs`) and texts, by name. */
export async function shippedTemplates(): Promise<Array<[name: string, source: string]>> {
  const files = (await listFiles(DEFAULT_TEMPLATES)).filter((rel) => rel.endsWith(HBS)).sort();
  return Promise.all(files.map(async (rel) => [rel.slice(0, -HBS.length), await readFile(path.join(DEFAULT_TEMPLATES, rel), 'utf8')] as [string, string]));
}

const HBS = '.hbs';

/** Where each template comes from: the defaults, overridden file by file by `overrides`. */
async function resolveFiles(overrides: string | undefined): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const rel of await listFiles(DEFAULT_TEMPLATES)) files.set(rel, path.join(DEFAULT_TEMPLATES, rel));
  if (overrides !== undefined) {
    const found = await listFiles(overrides);
    if (found.length === 0) throw new TemplateError(overrides, 'the templates folder is missing or empty');
    for (const rel of found) files.set(rel, path.join(overrides, rel));
  }
  return files;
}

/** How the template `name` is compiled: Markdown and YAML templates get their data escaped for their own syntax beforehand, not for HTML. */
export function compileOptions(name: string): CompileOptions {
  return { strict: false, preventIndent: true, noEscape: /\.(md|yaml)$/.test(name) };
}

/** What a template's compiled form follows from: Handlebars' version, the options and the text. */
export function templateKey(name: string, source: string): string {
  return createHash('sha256').update(`${HandlebarsRuntime.VERSION}\0${JSON.stringify(compileOptions(name))}\0${source}`).digest('base64url');
}

/**
 * Loads and compiles the templates: `*.hbs` files by name without the extension, those under
 * `partials/` also as partials, everything else as an asset. Syntax errors are reported here,
 * with the file, before any page is rendered. A template whose text is one the tool shipped
 * with is taken as compiled when the tool was (see `precompiled-templates.ts`); with
 * `precompiled: false`, every template is compiled here.
 */
export async function loadTemplates(
  overrides: string | undefined,
  required: { templates: readonly string[]; assets: readonly string[] },
  { precompiled = true } = {},
): Promise<Templates> {
  const files = await resolveFiles(overrides);
  const shipped = precompiled ? await precompiledTemplates() : undefined;
  const compiled = new Map<string, { file: string; run: Handlebars.TemplateDelegate }>();
  const assets = new Map<string, string>();
  const hash = createHash('sha256');
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : 1));
  // Read all at once: one after another, the reads waited on each other (some 0.02 s).
  const sources = await Promise.all(sorted.map(([, file]) => readFile(file, 'utf8')));
  const freeOfC1 = !sources.some((source) => /[\u0080-\u009f]/.test(source));
  // Each template's compiled form, where the tool shipped it.
  const ready = sorted.map(([rel], i) => {
    const spec = rel.endsWith(HBS) ? shipped?.get(rel.slice(0, -HBS.length)) : undefined;
    return spec && spec.key === templateKey(rel.slice(0, -HBS.length), sources[i]!) ? spec : undefined;
  });
  // Handlebars' compiler (some 600 KB of modules, 0.015 s of every build to load) only for a
  // template to compile: the runtime runs the rest.
  const mustCompile = sorted.some(([rel], i) => rel.endsWith(HBS) && !ready[i]);
  const env = mustCompile ? (await import('handlebars')).default.create() : HandlebarsRuntime.create();
  for (const [i, [rel, file]] of sorted.entries()) {
    const source = sources[i]!;
    hash.update(rel).update('\0').update(source).update('\0');
    if (!rel.endsWith(HBS)) {
      assets.set(rel, source);
      continue;
    }
    const name = rel.slice(0, -HBS.length);
    const spec = ready[i];
    const run = spec ? env.template(spec.spec) : compile(env, name, file, source);
    compiled.set(name, { file, run });
    if (name.startsWith('partials/')) env.registerPartial(name.slice('partials/'.length), run);
  }
  const missing = [
    ...required.templates.filter((name) => !compiled.has(name)).map((name) => `${name}.hbs`),
    ...required.assets.filter((name) => !assets.has(name)),
  ];
  if (missing.length > 0) throw new TemplateError(path.join(DEFAULT_TEMPLATES, missing[0]!), 'this template is missing');
  return {
    fingerprint: hash.digest('base64url'),
    freeOfC1,
    render(name, data) {
      const template = compiled.get(name);
      if (!template) throw new TemplateError(`${name}.hbs`, 'this template is missing');
      try {
        return template.run(data);
      } catch (error) {
        throw new TemplateError(template.file, (error as Error).message, { cause: error });
      }
    },
    asset(name) {
      const asset = assets.get(name);
      if (asset === undefined) throw new TemplateError(name, 'this asset is missing');
      return asset;
    },
  };
}
