// Renames the files short-imports.mjs and minify-js.mjs rewrote (after `cargo leptos build`,
// which named them by their content before the rewrite), so that a name still means one content:
// a browser keeps these files for a year (immutable), and an old glue under the new glue's name
// would pair old import names with the new wasm. Then updates hash.txt, which the server reads.
//
// The three files name each other: the glue (robot-console.*.js) and the chunk loader
// (__wasm_split.*.js) import each other, and the main wasm imports the loader's functions under
// its file name. So no name can hash its own file alone: all three take a hash of the three
// contents (with those names left out), told apart by a prefix. A change to any of them renames
// all three. Every name's hash has the same length, so the wasm's strings keep their length.
//   node scripts/assets/rehash.mjs [site-dir]        (default target/site)
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from './hash.mjs';
import { pkg, pkgNames, readHashes, writeHashes } from './site.mjs';

const hashes = readHashes();
const name = pkgNames(hashes);
const wasm = readFileSync(path.join(pkg, name.wasm));
const glue = readFileSync(path.join(pkg, name.js), 'utf8');
const split = readFileSync(path.join(pkg, name.split), 'utf8');
if (!glue.includes(name.split) || !split.includes(name.js) || !wasm.includes(name.split)) {
  throw new Error(`${name.js}, ${name.split} and ${name.wasm} do not name each other as expected`);
}

/** The buffer `bytes` with every `from` (a string) replaced by `to`. */
function replaced(bytes, from, to) {
  const parts = [];
  let at = 0;
  for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, at)) {
    parts.push(bytes.subarray(at, i), Buffer.from(to));
    at = i + Buffer.byteLength(from);
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

const group = contentHash(
  Buffer.concat([
    replaced(wasm, name.split, ''),
    Buffer.from('\0' + glue.replaceAll(name.split, '') + '\0' + split.replaceAll(name.js, '')),
  ]),
);
const next = { js: contentHash(`js\0${group}`), wasm: contentHash(`wasm\0${group}`), split: contentHash(`split\0${group}`) };
const to = pkgNames(next);

writeFileSync(path.join(pkg, name.wasm), replaced(wasm, name.split, to.split));
writeFileSync(path.join(pkg, name.js), glue.replaceAll(name.split, to.split));
writeFileSync(path.join(pkg, name.split), split.replaceAll(name.js, to.js));
for (const key of ['js', 'wasm', 'split']) {
  if (name[key] !== to[key]) renameSync(path.join(pkg, name[key]), path.join(pkg, to[key]));
  hashes[key] = next[key];
}
writeHashes(hashes);
console.log(`[assets] renamed by content: ${to.js}, ${to.wasm}, ${to.split}`);
