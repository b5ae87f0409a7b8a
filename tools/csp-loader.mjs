// Trunk post-build hook: makes dist/ run under a strict Content-Security-Policy
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// Trunk 0.21 writes the wasm loader as an inline <script type="module"> (trunk-rs/trunk#288), which
// such a policy refuses. This moves that script's text into its own file, loader-<hash>.js, next
// to index.html, and references it with an integrity hash. Relative imports inside the script keep
// working because the file sits in the same directory as index.html.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
  process.exit(1);
}
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const inline = /<script(?=[^>]*type="module")(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) {
  console.error(`csp-loader: expected one inline module script in index.html, found ${found.length}`);
  process.exit(1);
}
const [tag, code] = found[0];
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const name = `loader-${hash}.js`;
writeFileSync(join(dir, name), code.trim() + '\n');
const sri = 'sha384-' + createHash('sha384').update(code.trim() + '\n').digest('base64');
html = html.replace(tag, `<script type="module" src="./${name}" integrity="${sri}" crossorigin="anonymous"></script>`);
// Drop build-time nonces: a nonce fixed in a static file protects nothing.
html = html.replace(/\snonce="[^"]*"/g, '');
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html) || /\sstyle="/.test(html) || /<style[\s>]/.test(html)) {
  console.error('csp-loader: index.html still has inline script or style');
  process.exit(1);
}
writeFileSync(htmlPath, html);
console.log(`csp-loader: moved the loader into ${name}`);
