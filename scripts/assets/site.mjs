// The built site as the post-build scripts see it: where it is, and which files the server
// links, from the two files it reads itself (cargo-leptos' hash.txt and styles.mjs'
// asset-manifest.json), so that every script finds the same files the same way.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** The site directory: the script's argument, else target/site. */
export const site = path.resolve(root, process.argv[2] || 'target/site');
export const pkg = path.join(site, 'pkg');
const hashFile = path.join(site, 'hash.txt');

/** hash.txt's lines (`js: <hash>`, ...) as an object; `keys` must all be there. */
export function readHashes(keys = ['js', 'wasm', 'split']) {
  const lines = readFileSync(hashFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const hashes = Object.fromEntries(lines.map((l) => l.split(':').map((s) => s.trim())));
  for (const key of keys) {
    if (!hashes[key]) throw new Error(`${hashFile} has no ${key} line`);
  }
  return hashes;
}

export function writeHashes(hashes) {
  writeFileSync(hashFile, Object.entries(hashes).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
}

/** The pkg file names of the main wasm, its glue and the chunk loader for these hashes. */
export const pkgNames = (hashes) => ({
  js: `robot-console.${hashes.js}.js`,
  wasm: `robot-console.${hashes.wasm}.wasm`,
  split: `__wasm_split.${hashes.split}.js`,
});

/** The path of a file the site serves at `url` (`/css/lazy.<hash>.css`). */
export const served = (url) => path.join(site, url);

/** asset-manifest.json (src/assets.rs `Manifest`). */
export const manifest = () => JSON.parse(readFileSync(path.join(site, 'asset-manifest.json'), 'utf8'));
