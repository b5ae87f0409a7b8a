// Post-build step: writes the <case-assessor> element's files into the built folder.
// - case-assessor.js, from assets/case-assessor.js with the build's file names filled in: the one
//   stable name a host page includes (it changes content, not name, with each release);
// - case-assessor-<hash>.css, the app's stylesheet for the element's shadow root: GOV.UK Frontend
//   sizes text and spacing in rem, which inside a shadow root follows the HOST page's root font
//   size (an intranet with html { font-size: 62.5% } would shrink everything), so here rem becomes
//   px at GOV.UK's 16px root; and GOV.UK's :root custom properties are set on the element's own
//   root too, so a host page's --govuk-* values do not reach in.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function one(files, re, what) {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`embed: expected one ${what} in the build, found ${found.length} (${found.join(', ')})`);
  return found[0];
}

/** Writes the element's module and stylesheet into `dir`; gives their names. */
export function writeElement(dir) {
  const files = readdirSync(dir);
  const js = one(files, /^case-assessor-[0-9a-f]+\.js$/, 'app script');
  const wasm = one(files, /^case-assessor-[0-9a-f]+_bg\.wasm$/, 'app module');
  const appCss = one(files, /^app-[0-9a-f]+\.css$/, 'stylesheet');
  let css = readFileSync(join(dir, appCss), 'utf8')
    .replace(/(-?\d*\.?\d+)rem\b/g, (_, n) => `${+(Number(n) * 16).toFixed(4)}px`)
    .replace(/:root\{/g, ':root,.app-embedded{');
  const cssName = `case-assessor-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(dir, cssName), css);
  const body = readFileSync(join(root, 'assets/case-assessor.js'), 'utf8')
    .replace("'__APP_JS__'", JSON.stringify(`./${js}`))
    .replace("'__APP_WASM__'", JSON.stringify(`./${wasm}`))
    .replace("'__APP_CSS__'", JSON.stringify(`./${cssName}`));
  if (/__APP_[A-Z]+__/.test(body)) throw new Error('embed: assets/case-assessor.js lacks a placeholder');
  writeFileSync(join(dir, 'case-assessor.js'), body);
  return { module: 'case-assessor.js', css: cssName };
}
