import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic } from '../../src/server/static.js';

/** Debian's Chromium, which the browser tests drive (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser tests can run here; in CI they must. */
export const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  const banner = `\n*** BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium ***\n`;
  if (process.env.CI) throw new Error(`${banner}CI must run them.`);
  process.stderr.write(banner);
}

/** Starts Chromium headless, with the flags this sandboxed, offline machine needs. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Serves a folder on a free loopback port; returns its URL and a way to stop. */
export async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serveStatic(root);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The axe-core script, to inject into pages. */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
