import type * as z from 'zod';

type AnySchema = z.core.$ZodType;

/** Steps through wrappers (optional, nullable, default) to the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) current = def.innerType;
    else return current;
  }
}

/** The object schemas a value at this schema may be (a union may offer one). */
function objectsOf(schema: AnySchema): Array<{ shape: Record<string, AnySchema> }> {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; shape?: Record<string, AnySchema>; options?: AnySchema[] };
  if (def.type === 'object' && def.shape) return [{ shape: def.shape }];
  if (def.type === 'union' && def.options) return def.options.flatMap(objectsOf);
  return [];
}

/** The schema a path of keys and indices leads to, or undefined past the schema's end. */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const step of path) {
    if (current === undefined) return undefined;
    const inner = unwrap(current);
    const def = inner._zod.def as { type: string; element?: AnySchema };
    if (def.type === 'array' && typeof step === 'number') current = def.element;
    else current = objectsOf(inner).map((o) => o.shape[String(step)]).find((s) => s !== undefined);
  }
  return current;
}

/** The keys a mapping at this path may hold. */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  const target = schemaAt(schema, path);
  return target ? objectsOf(target).flatMap((o) => Object.keys(o.shape)) : [];
}
