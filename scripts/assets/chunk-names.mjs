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
import { HASH, contentHash } from './hash.mjs';
import { pkg, pkgNames, readHashes, writeHashes } from './site.mjs';

const hashes = readHashes();
const loaderFile = path.join(pkg, pkgNames(hashes).split);
const loader = readFileSync(loaderFile, 'utf8');
const NAME = new RegExp(`\\./([A-Za-z0-9_]+)\\.(${HASH})\\.wasm`, 'g');
const chunks = new Map();
for (const [, base, hash] of loader.matchAll(NAME)) chunks.set(base, hash);
if (chunks.size === 0) throw new Error(`${loaderFile} names no chunk`);

const bases = [...chunks.keys()].sort();
const file = (base, hash) => path.join(pkg, `${base}.${hash}.wasm`);
const shared = contentHash(Buffer.concat(bases.flatMap((base) => [Buffer.from(`${base}\0`), readFileSync(file(base, chunks.get(base)))])));
for (const base of bases) {
  if (chunks.get(base) !== shared) renameSync(file(base, chunks.get(base)), file(base, shared));
}
writeFileSync(loaderFile, loader.replace(NAME, (_, base) => `./${base}.${shared}.wasm`));

// The manifest names chunks without the `.wasm`.
if (hashes.manifest) {
  const manifest = path.join(pkg, `__wasm_split_manifest.${hashes.manifest}.json`);
  if (!existsSync(manifest)) throw new Error(`hash.txt names ${manifest}, which is not there`);
  const text = readFileSync(manifest, 'utf8').replace(new RegExp(`"([A-Za-z0-9_]+)\\.(${HASH})"`, 'g'), (all, base) =>
    chunks.has(base) ? `"${base}.${shared}"` : all,
  );
  const next = contentHash(text);
  writeFileSync(manifest, text);
  if (next !== hashes.manifest) renameSync(manifest, path.join(pkg, `__wasm_split_manifest.${next}.json`));
  hashes.manifest = next;
  writeHashes(hashes);
}
console.log(`[assets] ${bases.length} chunks named by one hash: ${shared}`);
