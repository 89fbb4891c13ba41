import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where Chromium is: `CHROMIUM_PATH`, else the usual Debian and Ubuntu places, else on PATH. */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'chromium'));
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c));
}

/** What to tell someone who asked for a PDF on a machine without Chromium. */
export const NO_CHROMIUM =
  'PDF reports are printed from the HTML report by Chromium, which is not installed here.\n' +
  'Install it (Debian or Ubuntu: sudo apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the command again.\n' +
  'The same report is available now with --format html, which prints cleanly from any browser.';

/** Prints an HTML document to PDF with headless Chromium (A4, landscape, backgrounds on). */
export async function htmlToPdf(html: string, chromiumPath: string): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
