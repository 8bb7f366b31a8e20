// Minifies the pkg's JavaScript in place (after `cargo leptos build`, before precompress.mjs).
// cargo-leptos minifies the wasm-bindgen glue it writes, but not the loader of the split wasm
// chunks (`__wasm_split.*.js`, 44 kB as written): this cuts that file to about half. A file is
// rewritten only when terser makes it smaller, so a second run changes nothing. Module scope:
// exported and imported names stay as they are.
//   node scripts/assets/minify-js.mjs [pkg-dir]        (default target/site/pkg)
import { minify } from 'terser';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const pkg = path.resolve(root, process.argv[2] || 'target/site/pkg');

let before = 0, after = 0;
for (const name of readdirSync(pkg).filter((f) => f.endsWith('.js'))) {
  const file = path.join(pkg, name);
  const code = readFileSync(file, 'utf8');
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  before += code.length;
  if (out.code.length < code.length) {
    writeFileSync(file, out.code);
    after += out.code.length;
  } else after += code.length;
}
console.log(`[assets] minified the pkg's JavaScript: ${(before / 1024).toFixed(1)} KiB -> ${(after / 1024).toFixed(1)} KiB`);
