// Trunk pre-build hook: compiles style/main.scss (GOV.UK Frontend from npm, system fonts) to
// style/gen/app.css with the `sass` npm package. No network, no Trunk-managed dart-sass download.
import { mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'style/gen/app.css');
const result = sass.compile(join(root, 'style/main.scss'), {
  style: 'compressed',
  loadPaths: [root],
  quietDeps: true,
  silenceDeprecations: ['import'],
});
// Every GOV.UK class the app's source names must be styled: style/main.scss compiles only the
// components it lists, so a component newly used in the UI must be added there.
const used = new Set();
for (const file of sourceFiles(join(root, 'src')).concat(join(root, 'index.html'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/govuk-[A-Za-z0-9!_-]*[A-Za-z0-9]/g)) used.add(m[0]);
}
// Markup hooks of GOV.UK's own HTML that it gives no style of their own.
const UNSTYLED = new Set(['govuk-checkboxes', 'govuk-radios', 'govuk-table__body', 'govuk-table__head', 'govuk-table__row']);
const styled = new Set([...result.css.matchAll(/\.(govuk-(?:\\!|[A-Za-z0-9_-])+)/g)].map((m) => m[1].replace(/\\!/g, '!')));
const missing = [...used].filter((c) => !UNSTYLED.has(c) && !styled.has(c));
if (missing.length) {
  console.error(`tools/build-css.mjs: these GOV.UK classes are used in src/ but not in the compiled CSS (add their component to style/main.scss): ${missing.join(', ')}`);
  process.exit(1);
}
mkdirSync(dirname(out), { recursive: true });
// Only rewrite when changed, so `trunk serve` does not rebuild in a loop.
if (!existsSync(out) || readFileSync(out, 'utf8') !== result.css) {
  writeFileSync(out, result.css);
}

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : []);
}
