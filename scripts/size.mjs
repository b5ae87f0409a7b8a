// Prints the size of the release app shell (the page's wasm + js + css in dist/), raw and gzipped,
// against its budget; then, apart, the service worker and the element's files, and each shipped
// rule set (fetched only when an assessment uses it). Run after `trunk build --release`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_GZ = 300 * 1024;   // issue 20: at most 300 KB gzip, aim 250
const AIM_GZ = 250 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const size = (path) => {
  const data = readFileSync(path);
  return { raw: data.length, gz: gzipSync(data, { level: 9 }).length };
};

// Not part of the page's load: the service worker (fetched after it, for offline use), the
// <case-assessor> element's module and stylesheet (loaded only by pages that embed the element) and
// the rules reader (loaded only for a rule file without an up-to-date compiled form).
const APART = /^(sw\.js|case-assessor\.js|case-assessor-[0-9a-f]+\.css|rules-reader[-_0-9a-fbg]*\.(js|wasm))$/;
const apart = (f) => (f === 'sw.js' ? 'service worker, after the page loads'
  : f.startsWith('rules-reader') ? 'rules reader, only for a file without a compiled form' : 'the element only');
// The app's files, with wasm-bindgen's snippets (small modules the app's JS imports at start).
const snippets = (statSync('dist/snippets', { throwIfNoEntry: false })?.isDirectory() ? readdirSync('dist/snippets', { recursive: true }) : [])
  .filter((f) => f.endsWith('.js')).map((f) => join('snippets', f));
const all = [...readdirSync('dist').filter((f) => /\.(wasm|js|css)$/.test(f)), ...snippets].sort();
const files = all.filter((f) => !APART.test(f));
let raw = 0, gz = 0;
for (const f of files) {
  const s = size(join('dist', f));
  raw += s.raw; gz += s.gz;
  console.log(`${f.padEnd(48)} ${kb(s.raw).padStart(10)} raw ${kb(s.gz).padStart(10)} gzip`);
}
console.log(`${'app shell total'.padEnd(48)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip  (budget ${kb(BUDGET_GZ)} gzip, aim ${kb(AIM_GZ)}: ${gz <= AIM_GZ ? 'within aim' : gz <= BUDGET_GZ ? 'within budget' : 'OVER BUDGET'})`);
for (const f of all.filter((f) => APART.test(f))) {
  const s = size(join('dist', f));
  console.log(`${f.padEnd(48)} ${kb(s.raw).padStart(10)} raw ${kb(s.gz).padStart(10)} gzip  (${apart(f)})`);
}
for (const f of readdirSync('dist/rules').filter((f) => f.endsWith('.toml') && f !== 'index.toml').sort()) {
  const s = size(join('dist/rules', f));
  console.log(`rules/${f.padEnd(42)} ${kb(s.raw).padStart(10)} raw ${kb(s.gz).padStart(10)} gzip  (loaded on demand)`);
  const c = size(join('dist/rules/compiled', `${f}.bin`));
  console.log(`rules/compiled/${`${f}.bin`.padEnd(33)} ${kb(c.raw).padStart(10)} raw ${kb(c.gz).padStart(10)} gzip  (its compiled form, loaded with it)`);
}
