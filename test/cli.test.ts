import test from 'ava';
import { mkdir, mkdtemp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { cli } from './helpers/cli.js';
import { incident } from './helpers/records.js';

async function workspace(records: Record<string, string>): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-cli-'));
  await mkdir(path.join(cwd, 'incidents'));
  for (const [name, text] of Object.entries(records)) await writeFile(path.join(cwd, 'incidents', name), text);
  return cwd;
}

const good = { 'sample-incident.yaml': stringify(incident()) };
const warned = { 'sample-incident.yaml': stringify({ ...incident(), sources: [...incident().sources, { id: 'spare', title: 'S', publisher: 'P', url: 'https://example.com/s' }] }) };

test('validate: exit 0 with no problems, 1 with errors, warnings fail only under --strict', async (t) => {
  t.is((await cli(['validate', '--now', '2026-11-22'], { cwd: await workspace(good) })).code, 0);
  const cwd = await workspace(warned);
  const plain = await cli(['validate', '--now', '2026-11-22'], { cwd });
  t.is(plain.code, 0);
  t.regex(plain.stdout, /^incidents\/sample-incident\.yaml:\d+:\d+: warning: .* \[unused-source\]\n$/);
  t.is((await cli(['validate', '--now', '2026-11-22', '--strict'], { cwd })).code, 1);
  t.is((await cli(['validate', '--now', '2026-11-22'], { cwd: await workspace({ 'sample-incident.yaml': 'id: [' }) })).code, 1);
});

test('validate: the clock comes from --now or SOURCE_DATE_EPOCH', async (t) => {
  const cwd = await workspace({ 'sample-incident.yaml': stringify({ ...incident(), updated: '2026-11-22' }) });
  t.is((await cli(['validate', '--now', '2026-11-21'], { cwd })).code, 1);
  t.is((await cli(['validate', '--now', '2026-11-22'], { cwd })).code, 0);
  t.is((await cli(['validate'], { cwd, env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 22, 12) / 1000) } })).code, 0);
  t.is((await cli(['validate'], { cwd, env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 21, 12) / 1000) } })).code, 1);
});

test('usage errors exit 2 with a suggestion', async (t) => {
  const unknownCommand = await cli(['valdate']);
  t.is(unknownCommand.code, 2);
  t.regex(unknownCommand.stderr, /unknown command "valdate" \(did you mean "validate"\?\)/);
  const unknownFlag = await cli(['validate', '--stirct']);
  t.is(unknownFlag.code, 2);
  t.regex(unknownFlag.stderr, /unknown option --stirct \(did you mean "--strict"\?\)/);
  const badChoice = await cli(['validate', '--format', 'jsn']);
  t.is(badChoice.code, 2);
  t.regex(badChoice.stderr, /did you mean "json"/);
  t.is((await cli(['validate', '--dir', 'no/such/folder'])).code, 2);
  t.is((await cli(['validate', '--now', '2026-02-30'])).code, 2);
  t.is((await cli([])).code, 2);
  // A locale ICU has no data for, or that is not one at all; the default needs no asking.
  for (const locale of ['xx', 'not a locale']) {
    const badLocale = await cli(['build', '--out', 'never-written', '--locale', locale]);
    t.is(badLocale.code, 2, locale);
    t.regex(badLocale.stderr, /--locale|locale "/, locale);
  }
});

test('help and version', async (t) => {
  const help = await cli(['--help']);
  t.is(help.code, 0);
  for (const name of ['validate', 'build', 'schema']) t.regex(help.stdout, new RegExp(`\\n  ${name} `));
  const validateHelp = await cli(['validate', '--help']);
  t.regex(validateHelp.stdout, /Usage: disclosed validate .*\n[\s\S]*--strict/);
  const version = await cli(['--version']);
  const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  t.is(version.stdout, `${pkg.version}\n`);
});

test('schema prints a draft-07 JSON Schema', async (t) => {
  const run = await cli(['schema']);
  const schema = JSON.parse(run.stdout) as Record<string, unknown>;
  t.is(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  t.true(Array.isArray(schema.oneOf));
});

test('build writes normalized records and is byte-identical across runs', async (t) => {
  const cwd = await workspace(good);
  const first = await cli(['build', '--now', '2026-11-22'], { cwd });
  t.is(first.code, 0, first.stderr);
  const data = JSON.parse(await readFile(path.join(cwd, 'out/data/records.json'), 'utf8'));
  t.is(data.records[0].url, 'records/sample-incident/');
  t.like(data.records[0].period.start, { value: '2018-04', precision: 'month', display: 'April 2018' });
  t.like(data.records[0].lags[0], { from: 'period.start', minDays: 277, maxDays: 306 });
  const before = await readFile(path.join(cwd, 'out/data/records.json'));
  await cli(['build', '--now', '2026-11-22'], { cwd });
  t.deepEqual(await readFile(path.join(cwd, 'out/data/records.json')), before);
  t.false(JSON.stringify(data).includes(cwd), 'no absolute paths of the build machine');
});

test('a failed build prints located errors and leaves the previous output exactly as it was', async (t) => {
  const cwd = await workspace(good);
  t.is((await cli(['build', '--now', '2026-11-22'], { cwd })).code, 0);
  await writeFile(path.join(cwd, 'out/keep-me.txt'), 'from the last good build');
  const before = await readFile(path.join(cwd, 'out/data/records.json'));
  await writeFile(path.join(cwd, 'incidents/sample-incident.yaml'), 'id: sample-incident\nkind: incident\ntitle: [\n');
  const failed = await cli(['build', '--now', '2026-11-22'], { cwd });
  t.is(failed.code, 1);
  t.regex(failed.stderr, /incidents\/sample-incident\.yaml:\d+:\d+: error: .*\[yaml-syntax\]/);
  t.regex(failed.stderr, /out\/ was left as it was/);
  t.deepEqual(await readFile(path.join(cwd, 'out/data/records.json')), before);
  t.is(await readFile(path.join(cwd, 'out/keep-me.txt'), 'utf8'), 'from the last good build');
  t.deepEqual((await readdir(cwd)).filter((n) => n !== '.cache').sort(), ['incidents', 'out']);
});

test('a disk that refuses the output is a one-line error, not a crash', async (t) => {
  const cwd = await workspace(good);
  await writeFile(path.join(cwd, 'blocker'), 'a file where a folder must go');
  const failed = await cli(['build', '--now', '2026-11-22', '--out', 'blocker/out'], { cwd });
  t.is(failed.code, 1);
  t.regex(failed.stderr, /^disclosed build: could not write the site: E[A-Z]+: /m);
  t.notRegex(failed.stderr, /internal error|    at /);
});

test('a build killed between its two renames is repaired by the next one', async (t) => {
  const cwd = await workspace(good);
  await cli(['build', '--now', '2026-11-22'], { cwd });
  // Simulate death after the old tree was moved aside and before the new one moved in.
  await rename(path.join(cwd, 'out'), path.join(cwd, '.out.retired-1-1'));
  await mkdir(path.join(cwd, '.out.staging-1-1'));
  await writeFile(path.join(cwd, 'incidents/sample-incident.yaml'), 'broken: [');
  t.is((await cli(['build', '--now', '2026-11-22'], { cwd })).code, 1);
  // The failed build did not touch the folder; the next successful one restores and replaces it.
  await writeFile(path.join(cwd, 'incidents/sample-incident.yaml'), good['sample-incident.yaml']);
  t.is((await cli(['build', '--now', '2026-11-22'], { cwd })).code, 0);
  // The replaced tree is deleted in the background; give it a bounded moment.
  let names: string[] = [];
  for (let i = 0; i < 100; i++) {
    names = (await readdir(cwd)).filter((n) => n !== '.cache').sort();
    if (names.length === 2) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  t.deepEqual(names, ['incidents', 'out']);
});
