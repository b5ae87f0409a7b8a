// Post-build step: writes sw.js, the service worker that lets the app work offline after its first
// load (template: assets/sw.js). Trunk writes no list of the files it built, so this lists the
// built folder itself: every file in it (the app shell with its hashed names, the favicon,
// rules/index.toml and the rule files), except sw.js. The worker's version is a hash of all those
// files and of the template, so any change to the build gives a new version, which the browser
// installs beside the old one (see assets/sw.js).
//
// Run by tools/post-build.mjs on Trunk's staging folder. After changing files in a built folder by
// hand (for example adding a rule set to dist/rules/), run it again on that folder so the offline
// copy includes them: node tools/offline.mjs dist
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = join(root, 'assets/sw.js');

function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p, base);
    return e.isFile() ? [relative(base, p).split(sep).join('/')] : [];
  });
}

/** Writes `dir`/sw.js for the files in `dir`; gives its version and file list. */
export function writeServiceWorker(dir) {
  const list = files(dir).filter((f) => f !== 'sw.js' && !f.startsWith('.')).sort();
  for (const needed of ['index.html', 'rules/index.toml']) {
    if (!list.includes(needed)) throw new Error(`offline: ${needed} is not in ${dir}`);
  }
  // Every rule set the catalogue lists must be in the offline copy, or a draft made with it could
  // not be opened offline.
  const index = readFileSync(join(dir, 'rules/index.toml'), 'utf8');
  for (const [, file] of index.matchAll(/^\s*file\s*=\s*"([^"]+)"/gm)) {
    if (!list.includes(`rules/${file}`)) throw new Error(`offline: rules/index.toml lists ${file}, which is not in ${dir}/rules/`);
  }
  const template = readFileSync(TEMPLATE, 'utf8');
  const hash = createHash('sha256').update(template);
  for (const f of list) hash.update(`\0${f}\0`).update(readFileSync(join(dir, f)));
  const version = hash.digest('hex').slice(0, 16);
  const body = template
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace('__FILES__', JSON.stringify(list, null, 2));
  if (body.includes('__VERSION__') || body.includes('__FILES__')) throw new Error('offline: assets/sw.js lacks a placeholder');
  writeFileSync(join(dir, 'sw.js'), body);
  return { version, files: list };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tools/offline.mjs <built folder, e.g. dist>');
    process.exit(2);
  }
  try {
    const { version, files: list } = writeServiceWorker(dir);
    console.log(`offline: ${join(dir, 'sw.js')} version ${version}, ${list.length} files`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
