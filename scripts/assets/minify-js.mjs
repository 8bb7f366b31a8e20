// Minifies the loader of the split wasm chunks (`__wasm_split.*.js`, 44 kB as written) in place,
// after `cargo leptos build` and before precompress.mjs: cargo-leptos minifies the wasm-bindgen
// glue it writes, but not this file. About half of it goes. Module scope: exported and imported
// names stay as they are. The file is rewritten only when terser makes it smaller, so a second
// run changes nothing.
//   node scripts/assets/minify-js.mjs [site-dir]        (default target/site)
import { minify } from 'terser';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pkg, pkgNames, readHashes } from './site.mjs';

const file = path.join(pkg, pkgNames(readHashes(['split'])).split);
const code = readFileSync(file, 'utf8');
const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
if (out.code.length < code.length) writeFileSync(file, out.code);
const size = Math.min(code.length, out.code.length);
console.log(`[assets] minified the chunk loader: ${(code.length / 1024).toFixed(1)} KiB -> ${(size / 1024).toFixed(1)} KiB`);
