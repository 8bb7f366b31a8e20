// Shortens the names under which the main wasm module imports wasm-bindgen's JavaScript glue
// (after `cargo leptos build`, before precompress.mjs). wasm-bindgen names each of those imports
// after its function plus a 16-digit hash (`__wbg_createElement_8c0ce895061021eb`), and every
// name is written twice, in the wasm's import section and as a key of the glue's import object;
// random hex digits do not compress. Here the names become `a`, `b`, ... `aB`, in both files.
// The dialogs' chunks import nothing from the glue (only memory, table and shared functions),
// so they are left as they are.
//
// Nothing is renamed on a guess: each name must be a key of the glue's import object exactly
// once, and nowhere else in the file, or the script stops the build with the name it found.
//   node scripts/assets/short-imports.mjs [site-dir]        (default target/site)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pkg, pkgNames, readHashes } from './site.mjs';
import { leb, readLeb } from './wasm-sections.mjs';
const GLUE_MODULE_SUFFIX = '_bg.js';

const utf8 = (s) => Buffer.from(s, 'utf8');
const vec = (buf) => Buffer.concat([leb(buf.length), buf]);

/** `a` ... `z`, `A` ... `Z`, then two letters: JavaScript identifiers, shortest first. */
function shortName(n) {
  const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  do {
    s = ALPHA[n % ALPHA.length] + s;
    n = Math.floor(n / ALPHA.length) - 1;
  } while (n >= 0);
  return s;
}

/** The wasm with the glue module's import names replaced; the old name -> new name map. */
function renameImports(wasm) {
  const renamed = new Map();
  const parts = [wasm.subarray(0, 8)];
  let i = 8;
  while (i < wasm.length) {
    const id = wasm[i];
    const [size, body] = readLeb(wasm, i + 1);
    const end = body + size;
    if (id !== 2) {
      parts.push(wasm.subarray(i, end));
      i = end;
      continue;
    }
    const [count, first] = readLeb(wasm, body);
    let already = 0;
    const entries = [leb(count)];
    let j = first;
    for (let k = 0; k < count; k++) {
      const [mlen, m0] = readLeb(wasm, j);
      const module = wasm.subarray(m0, m0 + mlen).toString('utf8');
      const [flen, f0] = readLeb(wasm, m0 + mlen);
      const field = wasm.subarray(f0, f0 + flen).toString('utf8');
      // The import's descriptor, copied as it is.
      let d = f0 + flen;
      const kind = wasm[d++];
      if (kind === 0) d = readLeb(wasm, d)[1];
      else if (kind === 1 || kind === 2) {
        if (kind === 1) d++; // the table's element type
        const flags = wasm[d++];
        d = readLeb(wasm, d)[1];
        if (flags & 1) d = readLeb(wasm, d)[1];
      } else if (kind === 3) d += 2;
      else if (kind === 4) d = readLeb(wasm, d + 1)[1];
      else throw new Error(`import ${module}.${field}: unknown kind ${kind}`);
      let name = field;
      if (module.endsWith(GLUE_MODULE_SUFFIX)) {
        name = shortName(renamed.size);
        renamed.set(field, name);
      }
      if (module.endsWith(GLUE_MODULE_SUFFIX) && field === name) already++;
      entries.push(vec(utf8(module)), vec(utf8(name)), wasm.subarray(f0 + flen, d));
      j = d;
    }
    // A module whose names are short already (a second run on an unchanged build).
    if (already === renamed.size) return [wasm, new Map()];
    const section = Buffer.concat(entries);
    parts.push(Buffer.from([2]), leb(section.length), section);
    i = end;
  }
  return [Buffer.concat(parts), renamed];
}

const name = pkgNames(readHashes(['js', 'wasm']));
const wasmFile = path.join(pkg, name.wasm);
const jsFile = path.join(pkg, name.js);
const [wasm, renamed] = renameImports(readFileSync(wasmFile));
let js = readFileSync(jsFile, 'utf8');
for (const [from, to] of renamed) {
  const uses = js.split(from).length - 1;
  const key = new RegExp(`([{,])${from.replace(/[$]/g, '\\$&')}:`);
  if (uses !== 1 || !key.test(js)) {
    throw new Error(`${name.js}: the import ${from} is not a key of the import object exactly once (${uses} uses); not renaming`);
  }
  js = js.replace(key, `$1${to}:`);
}
if (renamed.size === 0) {
  console.log('[assets] short import names: already short');
} else {
  writeFileSync(wasmFile, wasm);
  writeFileSync(jsFile, js);
  console.log(`[assets] short import names: ${renamed.size} imports of the glue renamed`);
}
