// Where the app's wasm goes: code size per crate, per module of our own crate, the largest functions,
// and the share of functions whose name matches a pattern. Reads the module cargo writes before
// wasm-bindgen and wasm-opt (it keeps its `name` section), so sizes are before wasm-opt; shares are
// what to compare. A stand-in for `twiggy top` that needs nothing installed (docs/benchmarks.md).
//
//   trunk build --release
//   node scripts/wasm-sizes.mjs [target/wasm32-unknown-unknown/release/case-assessor.wasm] [PATTERN] [TOP]
import { readFileSync } from 'node:fs';

const [file = 'target/wasm32-unknown-unknown/release/case-assessor.wasm', pattern = 'toml|serde_spanned', top = '25'] = process.argv.slice(2);
const buf = readFileSync(file);
let p = 8;
const leb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
const skipName = () => { const l = leb(); p += l; };
let imported = 0, data = 0;
const sizes = [], names = new Map();
while (p < buf.length) {
  const id = buf[p++], len = leb(), start = p;
  if (id === 2) {          // imports: count the functions, which come first in the function index space
    for (let n = leb(), i = 0; i < n; i++) {
      skipName(); skipName();
      const kind = buf[p++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { p++; if (leb() & 1) leb(); leb(); }
      else if (kind === 2) { if (leb() & 1) leb(); leb(); }
      else if (kind === 3) p += 2;
      else if (kind === 4) { p++; leb(); }
    }
  } else if (id === 10) {  // code: one body per defined function
    for (let n = leb(), i = 0; i < n; i++) { const l = leb(); sizes.push(l); p += l; }
  } else if (id === 11) {
    data = len;
  } else if (id === 0) {   // the `name` custom section: function names
    const nl = leb(), name = buf.subarray(p, p + nl).toString(); p += nl;
    while (name === 'name' && p < start + len) {
      const sub = buf[p++], sl = leb(), ss = p;
      if (sub === 1) for (let n = leb(), i = 0; i < n; i++) { const idx = leb(), l = leb(); names.set(idx, buf.subarray(p, p + l).toString()); p += l; }
      p = ss + sl;
    }
  }
  p = start + len;
}

/** Rust's legacy mangling (`_ZN...E`) to a readable path. */
function demangle(n) {
  const m = /^_ZN(.*)E$/.exec(n);
  if (!m) return n;
  const parts = [];
  for (let r = m[1]; r.length;) {
    const d = /^(\d+)/.exec(r);
    if (!d) break;
    parts.push(r.slice(d[1].length, d[1].length + Number(d[1])));
    r = r.slice(d[1].length + Number(d[1]));
  }
  const esc = { LT: '<', GT: '>', u20: ' ', RF: '&', C: ',', LP: '(', RP: ')', u7b: '{', u7d: '}', BP: '*', u5b: '[', u5d: ']', u3b: ';', u2b: '+', u3d: '=' };
  return parts.slice(0, -1).join('::').replace(/\$([A-Za-z0-9]+)\$/g, (x, k) => esc[k] ?? x).replace(/\.\./g, '::').replace(/^_</, '<');
}
const fns = sizes.map((s, i) => ({ s, n: demangle(names.get(i + imported) ?? `function ${i}`) }));
const total = fns.reduce((a, f) => a + f.s, 0);
const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)}%`;
const crate = (n) =>
  /^<?(?:&(?:mut )?|\*(?:const|mut) )?([a-z_][a-z0-9_]*)::/.exec(n)?.[1]
  // `<T as trait>::f` of a generic type: the trait's crate; `{closure}` and other names: unknown.
  ?? /^<[^:]*? as (?:&(?:mut )?)?([a-z_][a-z0-9_]*)::/.exec(n)?.[1] ?? '(unnamed)';
const group = (key) => {
  const m = new Map();
  for (const f of fns) { const k = key(f.n); if (k) m.set(k, (m.get(k) ?? 0) + f.s); }
  return [...m].sort((a, b) => b[1] - a[1]);
};

console.log(`${file}: ${fns.length} functions, code ${kb(total).trim()}, data ${kb(data).trim()}, ${imported} imported functions`);
console.log('\ncode per crate (the crate of the function, or of the type it is implemented for):');
for (const [k, v] of group(crate).slice(0, 20)) console.log(`${kb(v)} ${pct(v)}  ${k}`);
console.log(`\nour crate, per module (DEPTH=3 for one level more):`);
const moduleRe = process.env.DEPTH === '3' ? /case_assessor::(\w+::\w+::\w+)/ : /case_assessor::(\w+::\w+)/;
for (const [k, v] of group((n) => moduleRe.exec(n)?.[1]).slice(0, 20)) console.log(`${kb(v)} ${pct(v)}  ${k}`);
const re = new RegExp(pattern);
const hit = fns.filter((f) => re.test(f.n));
const hitSize = hit.reduce((a, f) => a + f.s, 0);
console.log(`\nfunctions whose name matches /${pattern}/: ${kb(hitSize).trim()} (${pct(hitSize).trim()} of the code) in ${hit.length} functions`);
console.log(`\nthe ${top} largest functions:`);
for (const f of [...fns].sort((a, b) => b.s - a.s).slice(0, Number(top))) console.log(`${kb(f.s)}  ${f.n.slice(0, 140)}`);
