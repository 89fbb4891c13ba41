import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8', '.svg': 'image/svg+xml', '.md': 'text/markdown; charset=utf-8', '.pdf': 'application/pdf',
};

/**
 * The file under `root` a request path names, or undefined when it would leave `root`
 * (`/../`, encoded `%2e%2e%2f`, backslashes, NUL bytes). Directories map to their index.html.
 */
export function resolveRequestPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return undefined;
  const base = path.resolve(root);
  const target = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  if (target !== base && !target.startsWith(base + path.sep)) return undefined;
  return decoded.endsWith('/') ? path.join(target, 'index.html') : target;
}

async function send(res: ServerResponse, file: string, status = 200): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': info.size, 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
  return true;
}

/** A static file server for a built site, refusing any path outside `root`. Listens on loopback. */
export function serveStatic(root: string): Server {
  return createServer((req, res) => {
    void (async () => {
      const file = resolveRequestPath(root, req.url ?? '/');
      if (file === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path\n');
        return;
      }
      if (await send(res, file)) return;
      // `/records/x` without its slash: send the reader to the page.
      if (!file.endsWith('index.html') && (await stat(path.join(file, 'index.html')).catch(() => undefined))) {
        res.writeHead(301, { location: `${req.url}/` }).end();
        return;
      }
      if (!(await send(res, path.join(root, '404.html'), 404))) res.writeHead(404).end('not found\n');
    })();
  });
}
