// Post-build steps for the rule files (run by tools/post-build.mjs on Trunk's staging folder):
// 1. the compiled form of rules/index.toml and of every rule file, written by the authors' tool
//    (`rules compile`, src/engine/compiled.rs) to rules/compiled/, so the app reads no TOML at start;
// 2. the rules reader module's files hashed, and rules-reader.js, its stable address, which the app
//    imports only for a rule file without an up-to-date compiled form.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes `dir`/rules/compiled/ from the rule files in `dir`/rules/; gives the folder. */
export function compileRules(dir) {
  const out = join(dir, 'rules/compiled');
  const r = spawnSync('cargo', ['run', '--quiet', '--bin', 'rules', '--', 'compile', join(dir, 'rules'), out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`rules compile failed (exit ${r.status ?? r.error})`);
  return out;
}

/**
 * Gives the rules reader's files (Trunk writes them unhashed: rules-reader.js, rules-reader_bg.wasm)
 * names with a hash of their content, as the app's own files have, so hosts can cache them for a year
 * (docs/hosting.md); and writes rules-reader.js, the stable address the app imports, which re-exports
 * the hashed module and is revalidated like index.html. Gives the hashed module's name.
 */
export function writeReaderEntry(dir) {
  const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const [js, wasm] = ['rules-reader.js', 'rules-reader_bg.wasm'].map((f) => join(dir, f));
  for (const f of [js, wasm]) if (!existsSync(f)) throw new Error(`rules reader: ${f} is missing (see index.html)`);
  const wasmName = `rules-reader-${hash(readFileSync(wasm))}_bg.wasm`;
  renameSync(wasm, join(dir, wasmName));
  const code = readFileSync(js, 'utf8');
  const parts = code.split("'rules-reader_bg.wasm'");
  if (parts.length !== 2) throw new Error(`rules reader: expected one reference to its wasm in ${js}, found ${parts.length - 1}`);
  const hashed = parts.join(`'${wasmName}'`);
  const jsName = `rules-reader-${hash(hashed)}.js`;
  writeFileSync(join(dir, jsName), hashed);
  const m = JSON.stringify(`./${jsName}`);
  writeFileSync(js, `export { default } from ${m};\nexport * from ${m};\n`);
  return jsName;
}
