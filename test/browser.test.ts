/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import test from 'ava';
import type { Browser, Page } from 'playwright-core';
import { AXE_SOURCE, hasChromium, launch, serve } from './helpers/browser.js';
import { buildInto } from './helpers/site.js';

const browserTest = hasChromium ? test.serial : test.serial.skip;

let browser: Browser | undefined;
test.before(async () => {
  if (hasChromium) browser = await launch();
});
test.after.always(async () => {
  await browser?.close();
});

async function open(url: string): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
  const page = await browser!.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const response = await page.goto(url);
  if (!response?.ok()) problems.push(`HTTP ${response?.status()} for ${url}`);
  return { page, problems, dialogs };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

browserTest('a reader opens the timeline, filters it, follows a record, with no console errors', async (t) => {
  const server = await serve(await buildInto('incidents'));
  try {
    const { page, problems } = await open(server.url);
    t.is(await page.locator('h1').textContent(), 'Timeline of disclosures');
    await page.getByText('Kind of record').click();
    await page.getByRole('link', { name: 'Enforcement action' }).click();
    await page.waitForURL(/kinds\/enforcement\/$/);
    t.true(await page.getByText('The FTC announces a $5 billion penalty').isVisible());
    t.is(await page.getByText('A quiz app harvests profile data').count(), 0);
    await page.getByRole('link', { name: 'Facebook settles with the FTC for $5 billion' }).first().click();
    await page.waitForURL(/records\/ftc-settlement\/$/);
    t.regex((await page.locator('.facts').textContent()) ?? '', /US\$5,000,000,000|\$5,000,000,000/);
    await page.getByRole('link', { name: 'Cambridge Analytica obtained the Facebook data of up to 87 million people' }).first().click();
    await page.waitForURL(/records\/cambridge-analytica\/$/);
    t.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

browserTest('axe finds no WCAG 2.2 AA violations, light and dark', async (t) => {
  const server = await serve(await buildInto('incidents'));
  try {
    for (const scheme of ['light', 'dark'] as const) {
      for (const path of ['', 'records/groups-api/', 'records/ico-fine/', 'overview/', 'organizations/', 'kinds/incident/', 'records/groups-api/embed.html', '404.html', 'reports/', 'reports/all/report.html']) {
        const { page, problems } = await open(server.url + path);
        await page.emulateMedia({ colorScheme: scheme });
        t.deepEqual(await axeViolations(page), [], `${scheme} ${path || 'index'}`);
        t.deepEqual(problems, [], path);
        await page.close();
      }
    }
  } finally {
    await server.close();
  }
});

browserTest('readable at 320 px, keyboard reachable, and printable', async (t) => {
  const server = await serve(await buildInto('incidents'));
  try {
    const { page } = await open(`${server.url}records/groups-api/`);
    await page.setViewportSize({ width: 320, height: 640 });
    t.true(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scrolling at 320 px');
    await page.keyboard.press('Tab');
    t.is(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.emulateMedia({ media: 'print' });
    t.false(await page.locator('.site-header nav').isVisible());
    t.false(await page.locator('.reuse').isVisible());
    t.true(await page.locator('.facts').isVisible());
  } finally {
    await server.close();
  }
});

browserTest('hostile records open no dialog and run no script', async (t) => {
  const server = await serve(await buildInto('test/fixtures/hostile/incidents'));
  try {
    for (const path of ['', 'records/hostile/', 'records/hostile/embed.html', 'tags/hostile/']) {
      const { page, problems, dialogs } = await open(server.url + path);
      const handlers = await page.evaluate(() =>
        [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
      );
      t.deepEqual(handlers, [], path);
      t.deepEqual(dialogs, [], path);
      t.is(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined, path);
      t.deepEqual(problems, [], path);
      await page.close();
    }
  } finally {
    await server.close();
  }
});

browserTest('dev: a broken save shows the overlay over the last good page; the fix reloads it', async (t) => {
  const { mkdtemp, mkdir, readFile, writeFile } = await import('node:fs/promises');
  const os = await import('node:os');
  const path = await import('node:path');
  const { stringify } = await import('yaml');
  const { DateTime } = await import('luxon');
  const { startDev } = await import('../src/dev/server.js');
  const { incident } = await import('./helpers/records.js');
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'disclosed-overlay-'));
  await mkdir(path.join(cwd, 'incidents'));
  const file = path.join(cwd, 'incidents/sample-incident.yaml');
  await writeFile(file, stringify(incident()));
  const server = await startDev({ dir: 'incidents', cwd, host: '127.0.0.1', port: 0, now: DateTime.fromISO('2026-11-22T12:00:00Z'), onBuild: () => undefined });
  try {
    const { page, problems } = await open(`${server.url}records/sample-incident/`);
    await page.waitForFunction(() => document.readyState === 'complete');
    await writeFile(file, (await readFile(file, 'utf8')).replace('kind: incident', 'kind: incidnt'));
    const overlay = page.locator('#__disclosed_overlay');
    await overlay.waitFor({ timeout: 10_000 });
    t.regex((await overlay.textContent()) ?? '', /incidents\/sample-incident\.yaml:\d+:\d+: error: "kind" must be one of/);
    t.regex((await overlay.textContent()) ?? '', /kind: incidnt/, 'with the code frame');
    t.is(await page.locator('main h1').textContent(), 'A sample incident', 'the last good page stays underneath');
    await writeFile(file, (await readFile(file, 'utf8')).replace('kind: incidnt', 'kind: incident').replace('A sample incident', 'A fixed incident'));
    await page.getByRole('heading', { name: 'A fixed incident', level: 1 }).waitFor({ timeout: 10_000 });
    t.is(await overlay.count(), 0);
    t.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});
