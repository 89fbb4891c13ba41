import test from 'ava';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { generate, syntheticRecord } from '../bench/generate.js';
import { isTimelineLayout, type TimelineLayout } from '../src/cache/timeline-layout.js';
import { packPages, unpackPages } from '../src/cache/packed-pages.js';
import { buildModel } from '../src/model/normalize.js';
import { recordName } from '../src/model/record-hash.js';
import { changedInPlace, placementsOf } from '../src/site/timeline-layout.js';
import { EVENT_SPAN_BYTES, listsAny } from '../src/site/event-spans.js';
import { cli } from './helpers/cli.js';
import { enforcement, incident } from './helpers/records.js';
import { sameTree } from './helpers/site.js';

// Each record's text is its data as JSON: its name follows from it, as from a file's text.
const models = (records: Array<Record<string, any>>) => buildModel(records.map((record) => ({ record: record as never, text: JSON.stringify(record) })));

function layoutOf(records: Array<Record<string, any>>): TimelineLayout {
  const ms = models(records);
  const names = ms.map(recordName);
  return { settings: 's', filters: 'f', names: names.join(''), placements: placementsOf(ms, names, undefined), views: [] };
}

function changes(before: Array<Record<string, any>>, after: Array<Record<string, any>>, limit = 10) {
  const ms = models(after);
  return changedInPlace(layoutOf(before), ms, ms.map(recordName), limit);
}

test('an edit that moves no event is found in place, under the record\'s old name; one that moves any is not', (t) => {
  const [a, b, c] = [incident('a'), incident('b'), enforcement('c')];
  b.tags = ['api'];
  const before = [a, b, c];
  t.is(changes(before, before)?.size, 0);

  const retitled = { ...b, title: 'Another title', summary: 'Told otherwise.', events: [{ ...b.events[0], title: 'Reported again' }] };
  const found = changes(before, [a, retitled, c]);
  t.deepEqual([...(found?.keys() ?? [])], [recordName(models(before)[1]!)]);
  t.is(found?.get(recordName(models(before)[1]!))?.source.title, 'Another title');

  const moved = (event: Record<string, unknown>) => changes(before, [a, { ...b, events: [{ ...b.events[0], ...event }] }, c]);
  t.is(moved({ date: '2019-02-02' }), undefined, 'another day');
  t.is(moved({ date: '2019-02' }), undefined, 'the same day, written to the month');
  t.is(moved({ type: 'report' }), undefined, 'another type');
  t.is(changes(before, [a, { ...b, events: [...b.events, { ...b.events[0], title: 'Twice' }] }, c]), undefined, 'an event added');
  t.is(changes(before, [a, { ...b, tags: ['api', 'groups'] }, c]), undefined, 'a tag added');
  t.is(changes(before, [a, { ...b, organization: 'Elsewhere' }, c]), undefined, 'another organization');
  t.is(changes(before, [a, b, c, incident('d')]), undefined, 'a record added');
  t.is(changes(before, [a, c]), undefined, 'a record removed');
  t.is(changes(before, before.map((r) => ({ ...r, title: `${r.title}!` })), 2), undefined, 'more than the limit');
  t.is(changes(before, before.map((r) => ({ ...r, title: `${r.title}!` })), 3)?.size, 3);
});

test('a page\'s spans name a record only where a span starts', (t) => {
  const span = (name: string) => Buffer.concat([Buffer.from(name, 'latin1'), Buffer.alloc(EVENT_SPAN_BYTES - name.length)]);
  const spans = Buffer.concat([span('aaaaaaaaaaaa'), span('bbbbbbbbbbbb')]);
  t.true(listsAny(spans, ['bbbbbbbbbbbb']));
  t.false(listsAny(spans, ['cccccccccccc']));
  // The same bytes across two spans, or inside one, are not a name.
  t.false(listsAny(spans, ['aaaaaa\0\0\0\0\0\0']));
  t.false(listsAny(Buffer.concat([Buffer.alloc(4), span('bbbbbbbbbbbb').subarray(0, EVENT_SPAN_BYTES - 4)]), ['bbbbbbbbbbbb']));
});

test('a layout read back must have a layout\'s shape', (t) => {
  const good = { ...layoutOf([incident('a')]), views: [{ base: '', paged: true, parts: [['2019/', '2019', 1]], keys: ['landing', 'part'] }] };
  t.true(isTimelineLayout(good));
  t.false(isTimelineLayout({ ...good, names: 'short' }));
  t.false(isTimelineLayout({ ...good, placements: '' }));
  t.false(isTimelineLayout({ ...good, views: [{ ...good.views[0], keys: ['part'] }] }), 'a key for each page, the landing page too');
  t.false(isTimelineLayout({ ...good, views: [{ ...good.views[0], parts: [['2019/', '2019', -1]] }] }));
  t.false(isTimelineLayout(null));
});

/** The cache's body (see `loadPages`): read and written as the build does, to look into it. */
async function cacheBody(cwd: string): Promise<{ timelines?: TimelineLayout } & Record<string, unknown>> {
  return deserialize(await readFile(path.join(cwd, '.cache/build-cache.bin'))) as { timelines?: TimelineLayout };
}

test('a rebuild after edits that move no event takes the last layout\'s keys for the pages it keeps, and equals a cold build after every kind of edit', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-layout-'));
  // Enough events for the whole timeline and each kind's view to be split by year.
  await generate(path.join(cwd, 'incidents'), 420);
  const files = await readdir(path.join(cwd, 'incidents'), { recursive: true });
  const fileOf = (n: number) => path.join(cwd, 'incidents', files.find((f) => f.endsWith(`${syntheticRecord(n).id}.yaml`))!);
  const edit = async (n: number, change: (text: string) => string) => writeFile(fileOf(n), change(await readFile(fileOf(n), 'utf8')));
  let round = 0;
  let now = '2026-11-22';
  const buildAndCompare = async (what: string) => {
    const run = await cli(['build', '--out', 'out', '--now', now], { cwd });
    t.is(run.code, 0, run.stderr);
    const cold = `cold-${++round}`;
    t.is((await cli(['build', '--out', cold, '--now', now, '--no-cache'], { cwd })).code, 0);
    await sameTree(t, path.join(cwd, 'out'), path.join(cwd, cold));
    const layout = (await cacheBody(cwd)).timelines;
    t.true(layout !== undefined && isTimelineLayout(layout), `${what}: a layout kept`);
    return layout!;
  };
  // A page of the whole timeline that lists none of the records edited below keeps the key the
  // last layout gave it. Given another key there (naming the same file), a build that takes
  // the layout keeps that key; one that lays the views out again names the page anew.
  const marked = async () => {
    const body = await cacheBody(cwd);
    const home = body.timelines!.views[0]!;
    const pages = unpackPages(body.pages)!;
    pages.set('marked', pages.get(home.keys.at(-1)!)!);
    home.keys[home.keys.length - 1] = 'marked';
    await writeFile(path.join(cwd, '.cache/build-cache.bin'), serialize({ ...body, pages: packPages([...pages]) }));
  };
  const markKept = (layout: TimelineLayout) => layout.views[0]!.keys.at(-1) === 'marked';

  await buildAndCompare('first build');
  // Titles and summaries: in place. The edited records' events lie in earlier years than the
  // last page of the whole timeline (the generator's dates run to 2021; these are moved back).
  for (const n of [11, 12]) await edit(n, (text) => text.replace(/(- date: )\d{4}/g, '$12016'));
  await buildAndCompare('events moved');
  await marked();
  await edit(11, (text) => text.replace(/^title: "/m, 'title: "Edited '));
  t.true(markKept(await buildAndCompare('a title')), 'the page\'s key taken from the last layout');
  // A build the next day with nothing changed only puts its time in the reports: the layout stands.
  now = '2026-11-23';
  t.true(markKept(await buildAndCompare('the next day')));
  await edit(11, (text) => text.replace(/^title: "/m, 'title: "Again '));
  await edit(12, (text) => text.replace(/^summary: \|\n {2}/m, 'summary: |\n  Reworded. '));
  t.true(markKept(await buildAndCompare('two records')));
  // An event moved to another year: the views are laid out again, and every page named anew.
  await edit(11, (text) => text.replace(/(- date: )2016/, '$12019'));
  t.false(markKept(await buildAndCompare('an event moved')), 'the page named again');
  await marked();
  // Another organization, a tag added (laid out again), a record withdrawn (in place), a record added.
  await edit(12, (text) => text.replace(/^organization: .*$/m, 'organization: Somewhere Else'));
  t.false(markKept(await buildAndCompare('another organization')));
  await edit(12, (text) => text.replace(/^tags: \[/m, 'tags: [added-tag, '));
  await buildAndCompare('a tag added');
  await edit(11, (text) => `${text}withdrawn:\n  date: 2020-01-01\n  reason: Retracted.\n`);
  await buildAndCompare('a record withdrawn');
  const extra = syntheticRecord(1000);
  await writeFile(path.join(cwd, 'incidents', `${extra.id}.yaml`), extra.text);
  await buildAndCompare('a record added');
});
