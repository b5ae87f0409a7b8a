// Trunk post-build hook. Trunk runs the hooks of one stage at the same time, so the steps that
// depend on each other run here, in order, on Trunk's staging folder:
// 1. tools/csp-loader.mjs moves Trunk's inline loader into a file (strict CSP);
// 2. tools/embed.mjs writes the <case-assessor> element's module and stylesheet;
// 3. tools/rules-build.mjs writes the rule files' compiled forms and the rules reader's entry;
// 4. tools/offline.mjs lists the finished files in the service worker sw.js (offline use).
import { writeElement } from './embed.mjs';
import { writeServiceWorker } from './offline.mjs';
import { compileRules, writeReaderEntry } from './rules-build.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)');
  process.exit(1);
}
await import('./csp-loader.mjs');
try {
  const { module, css } = writeElement(dir);
  console.log(`embed: wrote ${module} and ${css}`);
  console.log(`rules: wrote ${compileRules(dir)} and ${writeReaderEntry(dir)}`);
  const { version, files } = writeServiceWorker(dir);
  console.log(`offline: sw.js version ${version} keeps ${files.length} files`);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
