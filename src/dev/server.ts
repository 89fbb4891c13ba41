import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { prepareSite } from '../build.js';
import { DatasetReader } from '../load/index.js';
import { only, renderSite } from '../site/pages.js';
import { wholeText } from '../site/sink.js';
import type { Templates } from '../site/templates.js';
import type { SiteContext } from '../site/view/context.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { codeFrame } from '../diagnostics/pretty.js';
import { memoryCache } from '../cache/build-cache.js';
import { WorkerPool } from '../parallel/pool.js';
import { loadMarkdown } from '../markdown/render.js';
import { fileOf, paths } from '../model/paths.js';
import { DEFAULT_TEMPLATES } from '../site/templates.js';
import { CLIENT_SCRIPT } from './client.js';

/** Options of the dev server. */
export interface DevOptions {
  /** The records folder. */
  dir: string;
  /** The project folder that paths are relative to. */
  cwd: string;
  /** The address to listen on. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The build's clock. */
  now: DateTime;
  /** The locale of dates and numbers. */
  locale?: string;
  /** Templates that replace the defaults. */
  templates?: string;
  /** Called after every build: what happened, for the terminal. */
  onBuild(result: DevBuild): void;
}

/** One build of the dev server, as the terminal reports it. */
export type DevBuild =
  | { ok: true; ms: number; records: number }
  | { ok: false; ms: number; diagnostics: Diagnostic[]; sources: Map<string, string>; error?: string };

/** A running dev server. */
export interface DevServer {
  /** Where it serves. */
  url: string;
  /** Reads every record again and rebuilds now (the watcher rebuilds by itself after a save). */
  rebuild(): Promise<DevBuild>;
  /** Stops watching and serving. */
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.yaml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml', '.md': 'text/markdown; charset=utf-8',
};

/** The site path a request names, or undefined when it tries to leave the site. */
export function sitePathOf(url: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..') || !decoded.startsWith('/')) return undefined;
  return fileOf(decoded.slice(1));
}

function problemEvent(build: Extract<DevBuild, { ok: false }>): string {
  const problems = build.error
    ? [{ location: 'templates', severity: 'error', message: build.error, rule: 'template', frame: '' }]
    : build.diagnostics.filter((d) => d.severity === 'error').map((d) => {
        const text = build.sources.get(d.file);
        return { location: `${d.file}:${d.start.line}:${d.start.column}`, severity: d.severity, message: d.message, rule: d.rule, frame: text ? codeFrame(text, d) : '' };
      });
  return JSON.stringify({ title: `The last save broke the build (${problems.length} problem${problems.length === 1 ? '' : 's'})`, problems });
}

/** Builds, serves from memory, watches the records and templates, and reloads open pages. */
export async function startDev(options: DevOptions): Promise<DevServer> {
  // Kept for the whole session: a save re-checks and re-renders only what changed.
  const runtime = { cache: memoryCache(), pool: new WorkerPool() };
  // The last good build, drawn page by page as the browser asks: a save re-reads and re-checks
  // what changed, and no page is drawn until someone looks at it.
  let current: { site: SiteContext; templates: Templates } | undefined;
  let drawn = new Map<string, string>();
  let last: DevBuild | undefined;
  const clients = new Set<ServerResponse>();
  const send = (event: string, data = '{}') => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${data}\n\n`);
  };
  let baseUrl = '';

  const draw = (sitePath: string): string | undefined => {
    if (!current) return undefined;
    if (!drawn.has(sitePath)) {
      const found = new Map<string, string>();
      renderSite(current.site, current.templates, (p, text) => found.set(p, wholeText(text)), only(sitePath));
      for (const [p, text] of found) drawn.set(p, text);
      if (!found.has(sitePath)) return undefined;
    }
    return drawn.get(sitePath);
  };

  // Which record files changed since the last build (undefined: read them all).
  const reader = new DatasetReader(options.dir, options.cwd);
  let pending: Set<string> | undefined;
  // The templates, kept (with what Handlebars compiled of them) until one of their files changes.
  let templates: Templates | undefined;
  let templateEdits = 0;
  const forgetTemplates = () => {
    templates = undefined;
    templateEdits++;
  };

  let running: Promise<DevBuild> | undefined;
  let again = false;
  const buildOnce = async (): Promise<DevBuild> => {
    const started = performance.now();
    const changed = pending;
    pending = new Set();
    const edits = templateEdits;
    const read = await reader.read(changed);
    const result = await prepareSite({ dir: options.dir, cwd: options.cwd, now: options.now, locale: options.locale, templates: options.templates, baseUrl, runtime }, undefined, { dataset: read, templates, drawnOnRequest: true });
    runtime.cache.used = { files: new Set(), markdown: new Set(), pages: new Set() };
    const ms = Math.round(performance.now() - started);
    if (result.ok && !result.upToDate) {
      current = { site: result.site, templates: result.templates };
      // Unless a template changed during the build: the next one loads them afresh.
      if (edits === templateEdits) templates = result.templates;
      drawn = new Map();
      const wasBroken = last !== undefined && !last.ok;
      last = { ok: true, ms, records: result.site.records.length };
      send(wasBroken ? 'ok' : 'reload');
    } else if (!result.ok) {
      last = { ok: false, ms, diagnostics: result.diagnostics, sources: result.error === undefined ? result.sources : new Map(), error: result.error };
      send('problem', problemEvent(last));
    }
    options.onBuild(last!);
    return last!;
  };
  // One build at a time; saves that land during a build are folded into one more build.
  const rebuild = (): Promise<DevBuild> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result = await buildOnce();
      while (again) {
        again = false;
        result = await buildOnce();
      }
      running = undefined;
      return result;
    })();
    return running;
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (url === '/__disclosed/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write('retry: 500\n\n');
      if (last && !last.ok) res.write(`event: problem\ndata: ${problemEvent(last)}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (url === '/__disclosed/client.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }).end(CLIENT_SCRIPT);
      return;
    }
    const sitePath = sitePathOf(url);
    if (sitePath === undefined) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path\n');
      return;
    }
    let body: string | undefined;
    try {
      body = draw(sitePath);
      if (body === undefined && !sitePath.endsWith('index.html') && draw(`${sitePath}/index.html`) !== undefined) {
        res.writeHead(301, { location: `${url.split('?')[0]}/` }).end();
        return;
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`${(error as Error).message}\n`);
      return;
    }
    let status = 200;
    if (body === undefined) {
      body = draw('404.html') ?? '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>disclosed dev</title></head><body><p>There is no good build to show yet.</p></body></html>\n';
      status = 404;
    }
    const type = TYPES[path.extname(sitePath === '' ? 'index.html' : sitePath)] ?? (status === 404 ? TYPES['.html']! : 'application/octet-stream');
    if (type.startsWith('text/html')) body = body.replace('</body>', '<script src="/__disclosed/client.js"></script>\n</body>');
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  baseUrl = `http://${hostForUrl}:${port}/`;
  await rebuild();
  // A save runs code the first build did not: Markdown libraries load on the first render
  // that needs them, record templates compile on first use. Running each once now (drawing
  // one record page) makes the first save as quick as the next ones (0.2-0.3 s before, at
  // 10,000 records). The validator loads when this thread first checks a file: with every file
  // checked on the workers (many outside the plain YAML subset), not yet.
  loadMarkdown();
  await import('../validate/file.js');
  const first = current?.site.records[0];
  if (first) draw(fileOf(paths.record(first.id)));

  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), 20);
  };
  // A record's save re-reads that file only; a template's re-draws with the records as they are.
  watchers.push(
    watch(path.resolve(options.cwd, options.dir), { recursive: true }, (_event, name) => {
      if (name === null) pending = undefined;
      else pending?.add(String(name).split(path.sep).join('/'));
      later();
    }),
  );
  watchers.push(
    watch(options.templates ? path.resolve(options.cwd, options.templates) : DEFAULT_TEMPLATES, { recursive: true }, () => {
      forgetTemplates();
      later();
    }),
  );

  return {
    url: baseUrl,
    rebuild: () => {
      pending = undefined;
      forgetTemplates();
      return rebuild();
    },
    async close() {
      clearTimeout(timer);
      await runtime.pool.close();
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
