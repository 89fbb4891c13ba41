import test from 'ava';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { resolveRequestPath } from '../src/server/static.js';
import { serve } from './helpers/browser.js';

test('request paths never leave the site folder', (t) => {
  const root = '/srv/site';
  t.is(resolveRequestPath(root, '/'), '/srv/site/index.html');
  t.is(resolveRequestPath(root, '/records/x/'), '/srv/site/records/x/index.html');
  t.is(resolveRequestPath(root, '/data/records.json?x=1'), '/srv/site/data/records.json');
  for (const evil of ['/../etc/passwd', '/records/../../etc/passwd', '/%2e%2e/etc/passwd', '/%2E%2E%2Fetc%2Fpasswd', '/..%5c..%5cetc', '/a%00b', '/%E0%A4%A', '/..']) {
    t.is(resolveRequestPath(root, evil), undefined, evil);
  }
});

function get(url: string, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { path: rawPath }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the server refuses traversal and serves pages, redirects and the 404 page', async (t) => {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'disclosed-static-'));
  const root = path.join(parent, 'site');
  await mkdir(path.join(root, 'records/x'), { recursive: true });
  await writeFile(path.join(parent, 'secret.txt'), 'secret');
  await writeFile(path.join(root, 'index.html'), 'home');
  await writeFile(path.join(root, 'records/x/index.html'), 'record');
  await writeFile(path.join(root, '404.html'), 'missing');
  const server = await serve(root);
  try {
    t.like(await get(server.url, '/'), { status: 200, body: 'home' });
    t.like(await get(server.url, '/records/x/'), { status: 200, body: 'record' });
    t.is((await get(server.url, '/records/x')).status, 301);
    t.like(await get(server.url, '/nope/'), { status: 404, body: 'missing' });
    for (const evil of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/records/%2e%2e/%2e%2e/secret.txt']) {
      const res = await get(server.url, evil);
      t.not(res.body, 'secret', evil);
      t.true(res.status === 400 || res.status === 404, `${evil}: ${res.status}`);
    }
  } finally {
    await server.close();
  }
});
