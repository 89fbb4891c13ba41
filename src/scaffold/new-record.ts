import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { paths } from '../model/paths.js';
import { toSlug } from '../text/slug.js';
import type { Templates } from '../site/templates.js';

/** The templates `disclosed new` fills. */
export const NEW_TEMPLATES = { templates: ['new/incident.yaml', 'new/enforcement.yaml'], assets: [] } as const;

/** What a new record starts from. */
export interface NewRecord {
  /** Incident or enforcement action. */
  kind: 'incident' | 'enforcement';
  /** The record's title; its id is made from it. */
  title: string;
  /** The organization, when known. */
  organization: string | undefined;
  /** The records folder. */
  dir: string;
  /** The project root, where `schema/record.schema.json` lives. */
  cwd: string;
  /** Today, for the dates the skeleton needs. */
  now: DateTime;
}

/** A YAML scalar for any text: JSON's double-quoted strings are valid YAML. */
const yamlString = (text: string) => JSON.stringify(text);

/** The skeleton's path and text, or why there is none. */
export function skeleton(templates: Templates, input: NewRecord): { ok: true; file: string; text: string } | { ok: false; error: string } {
  const id = toSlug(input.title);
  if (id === '') return { ok: false, error: `the title "${input.title}" has no letters or digits to make an id from` };
  const file = path.join(path.resolve(input.cwd, input.dir), `${id}.yaml`);
  const schemaPath = path.relative(path.dirname(file), path.resolve(input.cwd, paths.schema)).split(path.sep).join('/');
  const text = templates.render(`new/${input.kind}.yaml`, {
    id,
    title: yamlString(input.title),
    organization: yamlString(input.organization ?? 'TODO: the organization'),
    today: input.now.toUTC().toISODate(),
    schemaPath,
  });
  return { ok: true, file, text };
}

/** Writes a skeleton, refusing to replace an existing file. */
export async function writeSkeleton(file: string, text: string): Promise<boolean> {
  if (await access(file).then(() => true, () => false)) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, { flag: 'wx' });
  return true;
}
