// Drops the exported classes nothing can ever create (after short-imports.mjs, before
// minify-js.mjs). wasm-streams, which server_fn uses to read streamed answers, also exports three
// classes (IntoUnderlyingSource, IntoUnderlyingByteSource, IntoUnderlyingSink) that turn a Rust
// stream into a JavaScript one, for streamed request bodies: the console sends none (its streaming
// server functions stream answers only). Such a class can only come to life through its `__wrap`,
// which the glue has only when the wasm can hand one out, or a constructor: a class with neither
// is dead. Its methods stay in the wasm all the same, as exports, with what they call. Here their
// exports leave the wasm, which wasm-opt then optimises again (dropping the code only they
// reached), and the classes leave the glue. A class that has a `__wrap` or a constructor is kept
// as it is. A second run finds nothing to drop.
//   node scripts/assets/dead-exports.mjs [site-dir]        (default target/site)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pkg, pkgNames, readHashes } from './site.mjs';
import { exportNames, withoutExports } from './wasm-sections.mjs';

const name = pkgNames(readHashes(['js', 'wasm']));
const wasmFile = path.join(pkg, name.wasm);
const jsFile = path.join(pkg, name.js);
let js = readFileSync(jsFile, 'utf8');
const wasm = readFileSync(wasmFile);

/** The text of the class declared at `at` (`class X{...}`), by its braces. */
function classText(at) {
  let depth = 0;
  for (let i = js.indexOf('{', at); i < js.length; i++) {
    if (js[i] === '{') depth++;
    else if (js[i] === '}' && --depth === 0) return js.slice(at, i + 1);
  }
  throw new Error(`${name.js}: a class at ${at} does not end`);
}
const dead = [];
for (const m of js.matchAll(/export class ([A-Za-z_$][\w$]*)\{/g)) {
  const cls = m[1];
  if (js.includes(`${cls}.__wrap`) || /\bstatic __wrap\b|\bconstructor\(/.test(classText(m.index))) continue;
  dead.push(cls);
}
const prefixes = dead.map((c) => c.toLowerCase());
const drop = exportNames(wasm).filter((e) =>
  prefixes.some((p) => e.startsWith(`${p}_`) || e === `__wbg_${p}_free`),
);
if (drop.length === 0) {
  console.log('[assets] dead exports: none');
  process.exit(0);
}
// The glue first: its classes go (with their `Symbol.dispose` line); their finalization
// registries stay, never called, as nothing can register an object with them.
for (const cls of dead) {
  const at = js.indexOf(`export class ${cls}{`);
  js = js.replace(classText(at), '').replace(`Symbol.dispose&&(${cls}.prototype[Symbol.dispose]=${cls}.prototype.free);`, '');
  const left = js.match(new RegExp(`\\b${cls}\\b|\\.${cls.toLowerCase()}_`));
  if (left) throw new Error(`${name.js}: ${cls} is still named after dropping it (${left[0]}); not dropping`);
}
writeFileSync(jsFile, js);
writeFileSync(wasmFile, withoutExports(wasm, new Set(drop)));
// wasm-opt as cargo-leptos ran it: the one on PATH (the Makefile puts binaryen 132 first), with
// the Makefile's LEPTOS_WASM_OPT_FEATURES, once more.
const flags = (process.env.LEPTOS_WASM_OPT_FEATURES || '-Oz').split(',').filter((f) => f !== '');
execFileSync('wasm-opt', [...flags, wasmFile, '-o', wasmFile], { stdio: 'inherit' });
console.log(`[assets] dead exports: ${dead.join(', ')} (${drop.length} exports) dropped`);
