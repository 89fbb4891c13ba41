import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { generate } from '../bench/generate.js';
import { prepareSite } from '../src/build.js';
import { renderSite } from '../src/site/pages.js';
import { wholeText } from '../src/site/sink.js';
import type { Templates } from '../src/site/templates.js';
import { buildModel } from '../src/model/normalize.js';
import { placeEvents } from '../src/site/view/timeline.js';
import { incident } from './helpers/records.js';

test('timeline views drawn year by year draw each event once and list it on every view it belongs to', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-timelines-'));
  // Enough events for the whole timeline and each kind's to be split by year, while each
  // organization's view stays one page spanning every year.
  await generate(path.join(cwd, 'incidents'), 420);
  const prepared = await prepareSite({ dir: 'incidents', cwd, now: DateTime.fromISO('2026-11-22T00:00:00Z') });
  if (!prepared.ok || prepared.upToDate) return t.fail('the generated records should build');
  let eventsDrawn = 0;
  const counting: Templates = {
    ...prepared.templates,
    render: (name, data) => {
      if (name === 'partials/event') eventsDrawn++;
      return prepared.templates.render(name, data);
    },
  };
  const pages = new Map<string, string>();
  renderSite(prepared.site, counting, (sitePath, text) => {
    if (sitePath.endsWith('index.html')) pages.set(sitePath, wholeText(text));
  });

  const records = prepared.site.records;
  const events = records.reduce((n, m) => n + m.source.events.length, 0);
  t.is(eventsDrawn, events, 'each event drawn once, however many views list it');

  // Every event is on one page of the whole timeline, and of its organization's and its kind's views.
  const listedUnder = (prefix: RegExp) =>
    [...pages].filter(([p]) => prefix.test(p)).reduce((n, [, html]) => n + [...html.matchAll(/<li class="event /g)].length, 0);
  t.is(listedUnder(/^(\d{4}\/|index\.html)/), events);
  t.true([...pages.keys()].some((p) => /^kinds\/incident\/\d{4}\//.test(p)), 'a kind split by year');
  for (const organization of new Set(records.map((m) => m.source.organization))) {
    const own = records.filter((m) => m.source.organization === organization);
    const page = [...pages].find(([, html]) => html.includes(`<h1>${organization}</h1>`));
    t.truthy(page, organization);
    t.false(/\/\d{4}\//.test(page![0]), `${organization}: one page`);
    t.is([...page![1].matchAll(/<li class="event /g)].length, own.reduce((n, m) => n + m.source.events.length, 0), organization);
  }
  t.is(listedUnder(/^kinds\//), events);
});

test('event anchors: date and title slugged, cut at 60 characters, unique within the record in date order, the same for the same record', (t) => {
  const record = {
    ...incident('anchors'),
    events: [
      { date: '2019-02-01', type: 'report', title: 'Reported again', sources: ['article'] },
      { date: '2018-05', type: 'disclosure', title: 'Reported: the "first" one!', sources: ['article'] },
      { date: '2019-02-01', type: 'disclosure', title: 'Reported again', sources: ['article'] },
      { date: '2017', type: 'occurrence', title: 'x'.repeat(70), sources: ['article'] },
    ],
  };
  const model = () => buildModel([{ record: record as never, text: '' }])[0]!;
  const inOrder = placeEvents(model()).map((p) => p.anchor);
  t.deepEqual(inOrder, ['event-2017-' + 'x'.repeat(55), 'event-2018-05-reported-the-first-one', 'event-2019-02-01-reported-again', 'event-2019-02-01-reported-again-2']);
  // Permalinks hold from build to build: another model of the same record, the same anchors.
  t.deepEqual(placeEvents(model()).map((p) => p.anchor), inOrder);
});
