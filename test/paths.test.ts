import test from 'ava';
import fc from 'fast-check';
import path from 'node:path';
import { absolute } from '../src/model/paths.js';
import { fileUnder } from '../src/slash-paths.js';

// What `absolute` must always give: the site path resolved as a URL against the base's folder.
const resolved = (base: string, sitePath: string) => new URL(sitePath, base.endsWith('/') ? base : `${base}/`).href;
const outcome = (f: () => string) => {
  try {
    return f();
  } catch {
    return 'invalid';
  }
};

test('absolute URLs: a site path joined to the base', (t) => {
  t.is(absolute('https://Example.ORG:443/Sub', 'records/groups-api/'), 'https://example.org/Sub/records/groups-api/');
  t.is(absolute('http://localhost:4173/', ''), 'http://localhost:4173/');
  t.is(absolute('https://x.org/?q=1', 'feed.xml'), 'https://x.org/feed.xml', 'a base query is not kept');
  t.is(absolute('https://x.org/a/b/', '../c d/'), 'https://x.org/a/c%20d/', 'dot segments and spaces are resolved as URLs are');
});

test('property: every site path, plain or not, resolves as URL parsing resolves it', (t) => {
  const base = fc.constantFrom('http://localhost:4173/', 'https://Example.ORG:443/Sub', 'https://x.org/a/b/', 'https://x.org/?q=1', 'https://x.org/#f', 'http://x.org/a%20b/', 'file:///tmp/site/');
  const piece = fc.constantFrom('a', 'Z', '0', '-', '_', '~', '.', '..', '/', '//', '%', ' ', 'é', '?', '#', ':', '\\', '@', 'x.yaml', '.a', 'a.', '/.', './', '%2e', '\t');
  const sitePath = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
  fc.assert(fc.property(base, sitePath, (b, p) => outcome(() => absolute(b, p)) === outcome(() => resolved(b, p))), { numRuns: 20_000 });
  t.pass();
});

test('property: a slash path lies under a folder where path.join puts it', (t) => {
  const root = fc.constantFrom('/work/site', '/work/site/', '/', '/a/./b', '/a/../b', 'relative/dir', '.', '', '/tmp/é x', '//server/share');
  const piece = fc.constantFrom('a', 'x.yaml', '.', '..', '/', '//', '.a', 'a.', '..b', '...', 'é', ' ', '\\', 'index.html');
  const slashPath = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
  fc.assert(fc.property(root, slashPath, (r, p) => fileUnder(r, p) === path.join(r, ...p.split('/'))), { numRuns: 20_000 });
  t.is(fileUnder('/work/site', 'records/a/index.html'), '/work/site/records/a/index.html');
});
