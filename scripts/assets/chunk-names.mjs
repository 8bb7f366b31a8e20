// Gives the split wasm chunks one shared content hash (after minify-js.mjs, before rehash.mjs).
// cargo-leptos names each of the ~140 chunks by its own hash (`chunk_12_x.<22 characters>.wasm`)
// and the chunk loader, which the first load fetches, lists every name: random characters, which
// do not compress (2.7 kB of its 4.7 kB gzip -9). Here every chunk takes one hash of all the
// chunks' contents, so the names compress to almost nothing. A name still means one content: any
// chunk that changes renames them all (a deploy that changes a chunk makes a returning browser
// fetch the chunks it opens again, which it mostly would anyway, as shared chunks move). The
// split manifest (`__wasm_split_manifest.<hash>.json`, which lists them too) is rewritten and
// renamed by its new content. A second run changes nothing.
//   node scripts/assets/chunk-names.mjs [site-dir]        (default target/site)
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from './hash.mjs';
import { pkg, pkgNames, readHashes, writeHashes } from './site.mjs';

const hashes = readHashes();
const loaderFile = path.join(pkg, pkgNames(hashes).split);
const loader = readFileSync(loaderFile, 'utf8');
const NAME = /\.\/([A-Za-z0-9_]+)\.([A-Za-z0-9_-]{22})\.wasm/g;
const chunks = new Map();
for (const [, base, hash] of loader.matchAll(NAME)) chunks.set(base, hash);
if (chunks.size === 0) throw new Error(`${loaderFile} names no chunk`);

const bases = [...chunks.keys()].sort();
const bytes = bases.map((base) => [Buffer.from(`${base}\0`), readFileSync(path.join(pkg, `${base}.${chunks.get(base)}.wasm`))]);
const shared = contentHash(Buffer.concat(bytes.flat()));
for (const base of bases) {
  const from = path.join(pkg, `${base}.${chunks.get(base)}.wasm`);
  if (chunks.get(base) !== shared) renameSync(from, path.join(pkg, `${base}.${shared}.wasm`));
}
writeFileSync(loaderFile, loader.replace(NAME, (_, base) => `./${base}.${shared}.wasm`));

// The manifest names chunks without the `.wasm`.
if (hashes.manifest) {
  const file = path.join(pkg, `__wasm_split_manifest.${hashes.manifest}.json`);
  if (!existsSync(file)) throw new Error(`hash.txt names ${file}, which is not there`);
  const text = readFileSync(file, 'utf8').replace(/"([A-Za-z0-9_]+)\.([A-Za-z0-9_-]{22})"/g, (all, base) =>
    chunks.has(base) ? `"${base}.${shared}"` : all,
  );
  const next = contentHash(text);
  writeFileSync(file, text);
  if (next !== hashes.manifest) renameSync(file, path.join(pkg, `__wasm_split_manifest.${next}.json`));
  hashes.manifest = next;
  writeHashes(hashes);
}
console.log(`[assets] ${bases.length} chunks named by one hash: ${shared}`);
