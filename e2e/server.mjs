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

/** The engine's test fixture, offered in the catalogue next to the shipped rule sets when asked. */
const FIXTURE_FILE = 'tests/fixtures/example.toml';
const FIXTURE_ENTRY = `
[[rule_set]]
file = "example.toml"
id = "example"
title = "Example rule set (test fixture)"
publisher = "HM Inspectorate of Probation"
date = "August 2024"
covers = "A few questions of the 2024 CARaG, to test the engine."
`;

/**
 * Starts a server. `prefix` is where dist/ appears ("/" or "/tools/assessor/"); `csp` adds the
 * strict header; `pages` maps extra paths to their text (HTML, or a type by extension: host pages); `fixture` adds the engine's
 * test rule set (tests/fixtures/example.toml) to the catalogue, so that tests of the app's
 * mechanics do not depend on the content of the shipped rule sets.
 */
export async function serve({ root = 'dist', prefix = '/', csp = false, pages = {}, port = 0, fixture = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const headers = csp ? { 'Content-Security-Policy': STRICT_CSP } : {};
    if (fixture && url.pathname === `${prefix}rules/index.toml`) {
      const shipped = await readFile(join(root, 'rules/index.toml'), 'utf8');
      res.writeHead(200, { 'Content-Type': TYPES['.toml'], ...headers });
      return res.end(shipped + FIXTURE_ENTRY);
    }
    if (fixture && url.pathname === `${prefix}rules/example.toml`) {
      res.writeHead(200, { 'Content-Type': TYPES['.toml'], ...headers });
      return res.end(await readFile(FIXTURE_FILE));
    }
    if (pages[url.pathname]) {
      // An extra page (HTML unless its name says otherwise), under the same policy when asked.
      res.writeHead(200, { 'Content-Type': TYPES[extname(url.pathname)] ?? 'text/html; charset=utf-8', ...headers });
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
