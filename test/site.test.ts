import test from 'ava';
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { cli } from './helpers/cli.js';
import { buildInto, listTree, readSite } from './helpers/site.js';

type RecordJson = { id: string; url: string; events: Array<{ title: string }>; sources: Array<{ url: string }> };

test('the site has every record, every event and every source', async (t) => {
  const out = await buildInto('incidents');
  const data = JSON.parse(await readSite(out, 'data/records.json')) as { records: RecordJson[] };
  const index = await readSite(out, 'index.html');
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/=/g, '&#x3D;');
  t.true(data.records.length >= 5);
  for (const record of data.records) {
    const page = await readSite(out, `${record.url}index.html`);
    for (const event of record.events) {
      t.true(index.includes(escape(event.title)), `index lacks event "${event.title}"`);
      t.true(page.includes(escape(event.title)), `${record.id} lacks event "${event.title}"`);
    }
    for (const source of record.sources) t.true(page.includes(`href="${escape(source.url)}"`), `${record.id} lacks ${source.url}`);
    t.truthy(await readSite(out, `records/${record.id}/embed.html`));
    t.deepEqual(parse(await readSite(out, `records/${record.id}/${record.id}.yaml`)).id, record.id);
    t.is(JSON.parse(await readSite(out, `records/${record.id}/${record.id}.json`)).id, record.id);
  }
});

test('pages carry canonical URLs, social cards, JSON-LD and <time> on dates', async (t) => {
  const out = await buildInto('incidents', ['--base-url', 'https://disclosed.example.org/site/']);
  const page = await readSite(out, 'records/groups-api/index.html');
  t.regex(page, /<link rel="canonical" href="https:\/\/disclosed\.example\.org\/site\/records\/groups-api\/">/);
  t.regex(page, /<meta property="og:title" content="About 100 app developers/);
  t.regex(page, /<meta name="twitter:card" content="summary">/);
  const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
  t.is(JSON.parse(ld![1]!)['@type'], 'Article');
  t.regex(page, /<time datetime="2019-11-05">5 November 2019<\/time>/);
  t.regex(page, /<time datetime="2018-04">April 2018<\/time>/);
  t.regex(page, /18 to 19 months <span class="muted">\(554 to 583 days\)/);
  t.regex(page, /<svg[^>]*role="img"[^>]*aria-labelledby="chart-groups-api-title chart-groups-api-desc"/);
  const embed = await readSite(out, 'records/groups-api/index.html');
  t.true(embed.includes('&lt;iframe src&#x3D;&quot;https://disclosed.example.org/site/records/groups-api/embed.html&quot;'));
  const sitemap = await readSite(out, 'sitemap.xml');
  t.true(sitemap.includes('<loc>https://disclosed.example.org/site/records/groups-api/</loc>'));
  t.false(sitemap.includes('404'));
  const feed = await readSite(out, 'feed.xml');
  t.is([...feed.matchAll(/<entry>/g)].length, 5);
});

test('filters are pre-rendered pages with their own URLs', async (t) => {
  const out = await buildInto('incidents');
  const files = await listTree(out);
  for (const page of ['organizations/facebook/index.html', 'kinds/enforcement/index.html', 'event-types/disclosure/index.html', 'tags/third-party-apps/index.html', 'overview/index.html', '404.html']) {
    t.true(files.includes(page), page);
  }
  const enforcement = await readSite(out, 'kinds/enforcement/index.html');
  t.true(enforcement.includes('The FTC announces a $5 billion penalty'));
  t.false(enforcement.includes('A quiz app harvests profile data'));
  t.regex(enforcement, /<a href="\.\.\/\.\.\/kinds\/enforcement\/" aria-current="page">/);
  const disclosures = await readSite(out, 'event-types/disclosure/index.html');
  t.false(disclosures.includes('Facebook restricts the Groups API'));
});

test('events.csv is RFC 4180 with one row per event', async (t) => {
  const out = await buildInto('incidents');
  const csv = await readSite(out, 'data/events.csv');
  const data = JSON.parse(await readSite(out, 'data/records.json')) as { records: RecordJson[] };
  t.true(csv.endsWith('\r\n'));
  const lines = csv.split('\r\n').filter(Boolean);
  t.is(lines.length - 1, data.records.reduce((n, r) => n + r.events.length, 0));
  t.true(lines[0]!.startsWith('record_id,record_kind,record_title'));
  t.true(csv.includes('"Partner companies kept access to Facebook users\' data after ""instant personalization"" ended"'));
});

test('two builds with the same --now are byte-identical and hold no machine paths', async (t) => {
  const a = await buildInto('incidents');
  const b = await buildInto('incidents');
  const files = await listTree(a);
  t.deepEqual(await listTree(b), files);
  for (const file of files) {
    const bytes = await readFile(path.join(a, file));
    t.deepEqual(await readFile(path.join(b, file)), bytes, file);
    t.false(bytes.toString('utf8').includes(process.cwd()), `${file} holds a machine path`);
  }
});

test('hostile records cannot inject markup or script', async (t) => {
  const out = await buildInto('test/fixtures/hostile/incidents');
  for (const file of (await listTree(out)).filter((f) => f.endsWith('.html'))) {
    const html = await readSite(out, file);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    t.true(scripts.every((s) => s === '<script type="application/ld+json">'), `${file}: ${scripts.join(' ')}`);
    t.notRegex(html, /<[^>]+\son\w+=/i, `${file}: event handler attribute`);
    t.notRegex(html, /<a\b[^>]*href="\s*(javascript|data|vbscript):/i, `${file}: dangerous link`);
    t.notRegex(html, /<(iframe|img|svg)\b[^>]*(src="x"|onload|javascript)/i, file);
    t.is([...html.matchAll(/<\/title>/g)].length, [...html.matchAll(/<title\b/g)].length, `${file}: </title> broke out`);
    for (const m of html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)) t.notThrows(() => JSON.parse(m[1]!));
  }
  const page = await readSite(out, 'records/hostile/index.html');
  t.true(page.includes('{{constructor.constructor(&#x27;alert(2)&#x27;)()}} Corp'), 'template syntax in data is shown as text');
  t.true(page.includes('<strong>bold</strong>'), 'safe Markdown still renders');
});

test('--templates overrides a template by file name; a broken one stops the build naming the file', async (t) => {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-tpl-'));
  await mkdir(path.join(cwd, 'custom/pages'), { recursive: true });
  await writeFile(path.join(cwd, 'custom/pages/404.hbs'), '<h1>Lost at sea</h1>\n');
  const out = path.join(cwd, 'out');
  const ok = await cli(['build', '--dir', path.resolve('incidents'), '--out', out, '--templates', 'custom', '--now', '2026-11-22'], { cwd });
  t.is(ok.code, 0, ok.stderr);
  t.regex(await readFile(path.join(out, '404.html'), 'utf8'), /Lost at sea/);
  const before = await readFile(path.join(out, 'index.html'));

  await writeFile(path.join(cwd, 'custom/pages/404.hbs'), '<h1>{{#if}}broken</h1>\n');
  const broken = await cli(['build', '--dir', path.resolve('incidents'), '--out', out, '--templates', 'custom', '--now', '2026-11-22'], { cwd });
  t.is(broken.code, 1);
  t.regex(broken.stderr, /template error: .*custom\/pages\/404\.hbs: /);
  t.notRegex(broken.stderr, /\n\s+at /);
  t.deepEqual(await readFile(path.join(out, 'index.html')), before);

  await writeFile(path.join(cwd, 'custom/pages/404.hbs'), '{{> no-such-partial}}\n');
  const missing = await cli(['build', '--dir', path.resolve('incidents'), '--out', out, '--templates', 'custom', '--now', '2026-11-22'], { cwd });
  t.is(missing.code, 1);
  t.regex(missing.stderr, /custom\/pages\/404\.hbs: .*no-such-partial/);
});

test('timeline entries keep every character: Latin-1, wider ones and emoji', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'disclosed-chars-'));
  await cp('incidents', dir, { recursive: true });
  const text = await readFile('incidents/facebook/ico-fine.yaml', 'utf8');
  await writeFile(path.join(dir, 'facebook', 'ico-fine.yaml'), text.replace('title: The ICO issues Facebook a £500,000 penalty', 'title: The ICO issues Facebook a £500,000 penalty — señal 😀'));
  const out = await buildInto(dir);
  t.true((await readSite(out, 'index.html')).includes('The ICO issues Facebook a £500,000 penalty — señal 😀'));
  t.true((await readSite(out, 'organizations/facebook/index.html')).includes('£500,000 penalty —'));
});
