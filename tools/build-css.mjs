// Trunk pre-build hook: compiles style/main.scss (GOV.UK Frontend from npm, system fonts) to
// style/gen/app.css with the `sass` npm package. No network, no Trunk-managed dart-sass download.
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
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
mkdirSync(dirname(out), { recursive: true });
// Only rewrite when changed, so `trunk serve` does not rebuild in a loop.
if (!existsSync(out) || readFileSync(out, 'utf8') !== result.css) {
  writeFileSync(out, result.css);
}
