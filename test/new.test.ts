import test from 'ava';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cli } from './helpers/cli.js';

async function project(): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-new-'));
  await mkdir(path.join(cwd, 'incidents'));
  return cwd;
}

/** What a researcher does next: fill each placeholder with a real value. */
function fill(text: string): string {
  return text
    .replace(/url: "TODO[^"]*"/g, 'url: https://example.com/article')
    .replace(/jurisdiction: TODO/g, 'jurisdiction: GB')
    .replace(/"TODO:[^"]*"/g, '"Filled in"')
    .replace(/TODO:.*$/gm, 'Filled in.');
}

for (const kind of ['incident', 'enforcement'] as const) {
  test(`new ${kind}: a commented skeleton that validates once its placeholders are filled`, async (t) => {
    const cwd = await project();
    const made = await cli(['new', kind, 'Apps Kept Reading: Groups API (2019)', '--org', 'Facebook', '--now', '2026-11-22'], { cwd });
    t.is(made.code, 0, made.stderr);
    t.is(made.stdout, 'incidents/apps-kept-reading-groups-api-2019.yaml\n');
    const file = path.join(cwd, 'incidents/apps-kept-reading-groups-api-2019.yaml');
    const text = await readFile(file, 'utf8');
    t.true(text.startsWith('# yaml-language-server: $schema=../schema/record.schema.json\n'));
    t.regex(text, /^id: apps-kept-reading-groups-api-2019$/m);
    t.regex(text, /^title: "Apps Kept Reading: Groups API \(2019\)"$/m);
    t.regex(text, /2026-11-22/);
    const unfilled = await cli(['validate', '--now', '2026-11-22'], { cwd });
    t.is(unfilled.code, 1);
    t.regex(unfilled.stdout, /\[placeholder\]/);
    await writeFile(file, fill(text));
    const filled = await cli(['validate', '--now', '2026-11-22', '--strict'], { cwd });
    t.is(filled.stdout, '');
    t.is(filled.code, 0);
  });
}

test('new refuses to overwrite, and explains bad arguments', async (t) => {
  const cwd = await project();
  t.is((await cli(['new', 'incident', 'Same title', '--now', '2026-11-22'], { cwd })).code, 0);
  const again = await cli(['new', 'incident', 'Same title', '--now', '2026-11-22'], { cwd });
  t.is(again.code, 1);
  t.regex(again.stderr, /already exists/);
  const kind = await cli(['new', 'incidnt', 'X'], { cwd });
  t.is(kind.code, 2);
  t.regex(kind.stderr, /did you mean "incident"/);
  t.is((await cli(['new', 'incident', '!!!'], { cwd })).code, 2);
  t.is((await cli(['new', 'incident'], { cwd })).code, 2);
});
