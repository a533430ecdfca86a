/**
 * A minimal static file server for the built pages, on 127.0.0.1 and a free port. No
 * COOP/COEP headers: Minnow must work without cross-origin isolation. `no-store` so a reload
 * fetches the page again rather than reusing a cached copy.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.db': 'application/octet-stream',
};

export const STRICT_CSP = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; object-src 'none'";

/** Serves `rootDir`; resolves with `{ url, close() }` once listening. */
export async function startStaticServer(rootDir) {
  const root = normalize(rootDir + sep);
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let path = normalize(join(root, pathname));
      if (!path.startsWith(root)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      const headers = {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      // The strict-CSP page, and what it loads (a worker takes its policy from its own script's
      // response): no eval, no wasm, scripts and workers from this origin only.
      const referer = req.headers.referer ?? '';
      if (pathname.startsWith('/csp') || new URL(referer, 'http://localhost').pathname.startsWith('/csp')) {
        headers['content-security-policy'] = STRICT_CSP;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
