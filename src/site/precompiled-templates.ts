/**
 * The shipped templates, compiled when the tool is (`npm run compile` runs
 * `scripts/precompile-templates.ts`). Compiling them took some 0.09 s of every build, a tenth
 * of a one-record rebuild's drawing at 10,000 records; taking them compiled, under 0.01 s.
 *
 * Each is kept with the key of what it was compiled from (see `templateKey`): a template whose
 * text differs (one overridden, or edited since the tool was compiled) is compiled from its
 * text, so a stale or missing module costs time, never a wrong page. The module is part of the
 * tool (under `dist/`), not of the cache: compiled templates are code.
 */
export const PRECOMPILED_MODULE = new URL('../../templates/precompiled.js', import.meta.url);

/** A compiled template as the module holds it. */
export interface Precompiled {
  key: string;
  /** Handlebars' template spec, for `env.template`. */
  spec: TemplateSpec;
}

type TemplateSpec = Parameters<typeof import('handlebars').template>[0];

let loaded: Promise<Map<string, Precompiled>> | undefined;

/** The shipped templates as compiled, by name; none when the module is missing. */
export function precompiledTemplates(): Promise<Map<string, Precompiled>> {
  loaded ??= import(PRECOMPILED_MODULE.href).then(
    (module: { templates?: Record<string, Precompiled> }) =>
      new Map(Object.entries(module.templates ?? {}).filter(([, t]) => typeof t?.key === 'string' && typeof t.spec === 'object' && t.spec !== null)),
    () => new Map(),
  );
  return loaded;
}
