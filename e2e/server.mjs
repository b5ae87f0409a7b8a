// A static file server for the end-to-end tests: serves dist/ at a path prefix, optionally with the
// strict Content-Security-Policy header that intranet hosts impose, and can serve a page that embeds
// the app in an iframe. Loopback only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.toml': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/**
 * Starts a server. `prefix` is where dist/ appears ("/" or "/tools/assessor/"); `csp` adds the
 * strict header; `pages` maps extra paths to HTML (for iframe hosts).
 */
export async function serve({ root = 'dist', prefix = '/', csp = false, pages = {}, port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = csp ? { 'Content-Security-Policy': STRICT_CSP } : {};
    if (pages[url.pathname]) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(pages[url.pathname]);
    }
    if (url.pathname === prefix.replace(/\/$/, '') && prefix !== '/') {
      res.writeHead(301, { Location: prefix });
      return res.end();
    }
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404);
      return res.end('not found');
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const path = normalize(join(root, rel));
    if (!path.startsWith(normalize(root))) {
      res.writeHead(403);
      return res.end();
    }
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
      const body = await readFile(path);
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: p } = server.address();
  return { server, origin: `http://127.0.0.1:${p}`, url: `http://127.0.0.1:${p}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}
