// Runs the nginx configuration of docs/hosting.md, as written there, under Debian's nginx (installed
// by scripts/setup.sh): dist/ under a sub-path on a loopback port, with a temporary prefix folder
// (configuration, pid, logs), started and stopped by this test. Checks the types, the security and
// caching headers, the sub-path redirect, and that the app loads, works and saves there with no
// error. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STRICT_CSP } from './server.mjs';
import { launch, openPage, startAssessment, mainHeading } from './helpers.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const SUB = '/tools/assessor/';

/** The nginx block of the hosting guide. */
function guideBlock() {
  const md = readFileSync('docs/hosting.md', 'utf8');
  const blocks = [...md.matchAll(/```nginx\n([\s\S]*?)```/g)];
  assert.equal(blocks.length, 1, 'docs/hosting.md has one nginx block');
  assert.match(blocks[0][1], /\/srv\/www/, 'the block serves from /srv/www');
  return blocks[0][1];
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

let browser, nginx, tmp, origin;

before(async () => {
  try { execFileSync(NGINX, ['-v'], { stdio: 'ignore' }); } catch {
    throw new Error(`${NGINX} is not there: run scripts/setup.sh (apt-get install nginx)`);
  }
  tmp = mkdtempSync(join(tmpdir(), 'nginx-'));
  // nginx's workers run as "nobody" when it is started as root: they must be able to read the site.
  chmodSync(tmp, 0o755);
  const www = join(tmp, 'www');
  mkdirSync(join(www, SUB), { recursive: true });
  cpSync('dist', join(www, SUB), { recursive: true });
  const port = await freePort();
  const conf = `
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${tmp}/access.log;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
${guideBlock().replaceAll('/srv/www', www)}
  }
}
`;
  writeFileSync(join(tmp, 'nginx.conf'), conf);
  execFileSync(NGINX, ['-t', '-q', '-p', tmp, '-e', join(tmp, 'error.log'), '-c', join(tmp, 'nginx.conf')]);
  nginx = spawn(NGINX, ['-p', tmp, '-e', join(tmp, 'error.log'), '-c', join(tmp, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
  origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await fetch(origin + SUB); break; } catch (e) {
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${readFileSync(join(tmp, 'error.log'), 'utf8')}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((ok) => nginx.once('exit', ok));
    nginx.kill('SIGQUIT');
    await exited;
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("nginx with the guide's configuration: types, headers and the sub-path redirect", async () => {
  const redirect = await fetch(origin + SUB.replace(/\/$/, ''), { redirect: 'manual' });
  assert.equal(redirect.status, 301);
  assert.equal(new URL(redirect.headers.get('location'), origin).pathname, SUB);

  const files = readdirSync('dist');
  const wasm = files.find((f) => f.endsWith('_bg.wasm') && f.startsWith('case-assessor-'));
  const readerWasm = files.find((f) => /^rules-reader-[0-9a-f]+_bg\.wasm$/.test(f));
  const readerJs = files.find((f) => /^rules-reader-[0-9a-f]+\.js$/.test(f));
  const loader = files.find((f) => /^loader-[0-9a-f]+\.js$/.test(f));
  const css = files.find((f) => f.endsWith('.css'));
  const expect = [
    // [path, type, cache-control]
    ['', /^text\/html/, 'no-cache'],
    ['index.html', /^text\/html/, 'no-cache'],
    ['sw.js', /javascript/, 'no-cache'],
    ['case-assessor.js', /javascript/, 'no-cache'],
    ['rules/index.toml', /./, 'no-cache'],
    ['rules/compiled/index.toml.bin', /^application\/octet-stream$/, 'no-cache'],
    ['rules-reader.js', /javascript/, 'no-cache'],
    [readerJs, /javascript/, 'public, max-age=31536000, immutable'],
    [readerWasm, /^application\/wasm$/, 'public, max-age=31536000, immutable'],
    [wasm, /^application\/wasm$/, 'public, max-age=31536000, immutable'],
    [loader, /javascript/, 'public, max-age=31536000, immutable'],
    [css, /^text\/css/, 'public, max-age=31536000, immutable'],
  ];
  for (const [path, type, cache] of expect) {
    const res = await fetch(origin + SUB + path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), type, `type of ${path}`);
    assert.equal(res.headers.get('cache-control'), cache, `caching of ${path}`);
    assert.equal(res.headers.get('content-security-policy'), STRICT_CSP, `policy of ${path}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

test('nginx with the guide\'s configuration: the app loads under the sub-path, registers its worker and saves, with no error', async () => {
  const { context, page, problems } = await openPage(browser, { origin });
  try {
    await page.goto(origin + SUB.replace(/\/$/, ''));
    await mainHeading(page, 'Your assessments').waitFor({ timeout: 15000 });
    assert.equal(page.url(), origin + SUB);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, origin + SUB, "the worker's scope is the app's folder");
    const id = [...readFileSync('rules/index.toml', 'utf8').matchAll(/^id\s*=\s*"([^"]+)"/gm)][0][1];
    await startAssessment(page, 'NGINX-1', id);
    await page.getByRole('radio', { disabled: false }).first().check();
    await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
