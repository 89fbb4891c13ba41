import test from 'ava';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { get, request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { sitePathOf, startDev, type DevBuild } from '../src/dev/server.js';
import { incident } from './helpers/records.js';

async function workspace(): Promise<string> {
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-dev-'));
  await mkdir(path.join(cwd, 'incidents'));
  await writeFile(path.join(cwd, 'incidents/sample-incident.yaml'), stringify(incident()));
  return cwd;
}

function fetchText(url: string, rawPath = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, rawPath ? { path: rawPath } : {}, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Waits, a bounded number of times, for the condition; the dev server rebuilds on its own. */
async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, tries = 100): Promise<T> {
  let value = await probe();
  for (let i = 0; i < tries && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return value;
}

/** Reads server-sent events until one of the given name arrives (or a bounded wait ends). */
function nextEvent(url: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get(`${url}__disclosed/events`, (res) => {
      let buffer = '';
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no "${name}" event`));
      }, 10_000);
      res.on('data', (chunk) => {
        buffer += chunk;
        const m = new RegExp(`event: ${name}\\ndata: (.*)\\n`).exec(buffer);
        if (m) {
          clearTimeout(timer);
          req.destroy();
          resolve(m[1]!);
        }
      });
    });
    req.on('error', () => undefined);
  });
}

test.serial('dev serves the site, shows a saved edit, overlays a broken save, and recovers', async (t) => {
  const cwd = await workspace();
  const builds: DevBuild[] = [];
  const server = await startDev({ dir: 'incidents', cwd, host: '127.0.0.1', port: 0, now: DateTime.fromISO('2026-11-22T12:00:00Z'), onBuild: (b) => builds.push(b) });
  try {
    t.regex(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetchText(`${server.url}records/sample-incident/`);
    t.is(page.status, 200);
    t.true(page.body.includes('A sample incident'));
    t.true(page.body.includes('<script src="/__disclosed/client.js"></script>'));
    // Each part of the site is drawn on request: the sitemap lists every page, timelines too.
    const sitemap = (await fetchText(`${server.url}sitemap.xml`)).body;
    for (const listed of ['/</loc>', '/records/sample-incident/</loc>', '/kinds/incident/</loc>', '/overview/</loc>']) t.true(sitemap.includes(listed), listed);
    t.regex((await fetchText(`${server.url}overview/`)).body, /From exposure to disclosure/);
    t.is((await fetchText(`${server.url}reports/all/report.html`)).status, 200);

    const file = path.join(cwd, 'incidents/sample-incident.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('A sample incident', 'An edited incident'));
    const edited = await eventually(() => fetchText(`${server.url}records/sample-incident/`), (r) => r.body.includes('An edited incident'));
    t.true(edited.body.includes('An edited incident'), 'the edit is served without a restart');

    const problem = nextEvent(server.url, 'problem');
    await writeFile(file, (await readFile(file, 'utf8')).replace('kind: incident', 'kind: incidnt'));
    const data = JSON.parse(await problem) as { problems: Array<{ location: string; message: string; frame: string }> };
    t.regex(data.problems[0]!.location, /^incidents\/sample-incident\.yaml:\d+:\d+$/);
    t.regex(data.problems[0]!.message, /did you mean "incident"/);
    t.regex(data.problems[0]!.frame, /> +\d+ \| kind: incidnt/);
    t.true((await fetchText(`${server.url}records/sample-incident/`)).body.includes('An edited incident'), 'the last good build stays up');
    t.false(builds.at(-1)!.ok);

    const ok = nextEvent(server.url, 'ok');
    await writeFile(file, (await readFile(file, 'utf8')).replace('kind: incidnt', 'kind: incident'));
    await ok;
    t.true(builds.at(-1)!.ok, 'fixing the file clears the problem');
  } finally {
    await server.close();
  }
});

test.serial('dev never serves a file outside the site', async (t) => {
  const cwd = await workspace();
  await writeFile(path.join(cwd, 'secret.txt'), 'secret');
  const server = await startDev({ dir: 'incidents', cwd, host: '127.0.0.1', port: 0, now: DateTime.fromISO('2026-11-22T12:00:00Z'), onBuild: () => undefined });
  try {
    for (const evil of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/records/..%2F..%2Fsecret.txt', '/%5c..%5csecret.txt', '/incidents/sample-incident.yaml']) {
      const res = await fetchText(server.url, evil);
      t.false(res.body.includes('secret') && !res.body.includes('<html'), evil);
      t.true(res.status === 400 || res.status === 404, `${evil}: ${res.status}`);
    }
    t.is(sitePathOf('/../x'), undefined);
    t.is(sitePathOf('/records/x/'), 'records/x/index.html');
  } finally {
    await server.close();
  }
});

test.serial('dev keeps the templates between saves, and loads them again when one changes', async (t) => {
  const cwd = await workspace();
  await mkdir(path.join(cwd, 'custom/pages'), { recursive: true });
  const notFound = path.join(cwd, 'custom/pages/404.hbs');
  await writeFile(notFound, '<h1>Nothing here, version 1</h1>');
  const server = await startDev({ dir: 'incidents', cwd, templates: 'custom', host: '127.0.0.1', port: 0, now: DateTime.fromISO('2026-11-22T12:00:00Z'), onBuild: () => undefined });
  try {
    const missing = () => fetchText(`${server.url}no-such-page/`);
    t.regex((await missing()).body, /version 1/);
    // A record's save reuses the loaded templates; the page still shows them.
    const file = path.join(cwd, 'incidents/sample-incident.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('A sample incident', 'An edited incident'));
    await eventually(() => fetchText(`${server.url}records/sample-incident/`), (r) => r.body.includes('An edited incident'));
    t.regex((await missing()).body, /version 1/);
    await writeFile(notFound, '<h1>Nothing here, version 2</h1>');
    t.regex((await eventually(missing, (r) => r.body.includes('version 2'))).body, /version 2/, 'a template edit is served');
  } finally {
    await server.close();
  }
});
