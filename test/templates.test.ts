import test from 'ava';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { prepareSite } from '../src/build.js';
import { renderSite, SITE_TEMPLATES } from '../src/site/pages.js';
import { wholeText } from '../src/site/sink.js';
import { DEFAULT_TEMPLATES, loadTemplates, templateKey, type Templates } from '../src/site/templates.js';
import { precompiledTemplates } from '../src/site/precompiled-templates.js';
import { cli } from './helpers/cli.js';

test('every shipped template is compiled with the tool, under the key of its text', async (t) => {
  // Listed here with readdir, apart from the listing the compile step uses.
  const shipped = await precompiledTemplates();
  const files = (await readdir(DEFAULT_TEMPLATES, { recursive: true })).filter((rel) => rel.endsWith('.hbs'));
  t.true(files.length > 10);
  for (const rel of files) {
    const name = rel.split(path.sep).join('/').slice(0, -'.hbs'.length);
    t.is(shipped.get(name)?.key, templateKey(name, await readFile(path.join(DEFAULT_TEMPLATES, rel), 'utf8')), name);
  }
});

test('a site drawn with the templates compiled with the tool is the site drawn with them compiled from their text', async (t) => {
  const prepared = await prepareSite({ dir: 'incidents', now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  if (!prepared.ok || prepared.upToDate) return t.fail('the dataset should build');
  const draw = (templates: Templates) => {
    const files = new Map<string, string>();
    renderSite(prepared.site, templates, (sitePath, text) => files.set(sitePath, wholeText(text)));
    return files;
  };
  const compiledHere = await loadTemplates(undefined, SITE_TEMPLATES, { precompiled: false });
  const shipped = draw(prepared.templates);
  t.true(shipped.size > 20);
  t.deepEqual(draw(compiledHere), shipped);
});

test('a shipped page, taken compiled, draws a partial that --templates overrides', async (t) => {
  // Compiled pages find their partials by name when drawn, in the templates loaded with them.
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-partial-'));
  await mkdir(path.join(cwd, 'custom/partials'), { recursive: true });
  await writeFile(path.join(cwd, 'custom/partials/filters.hbs'), '<nav>Filters of our own</nav>\n');
  const out = path.join(cwd, 'out');
  const run = await cli(['build', '--dir', path.resolve('incidents'), '--out', out, '--templates', 'custom', '--now', '2026-11-22'], { cwd });
  t.is(run.code, 0, run.stderr);
  t.regex(await readFile(path.join(out, 'index.html'), 'utf8'), /<nav>Filters of our own<\/nav>/);
});
