// Precompresses the built site (after `cargo leptos build`): next to every text or wasm file,
// `.br` (brotli, quality 11) and `.gz` (gzip -9), each only when smaller than the file. The
// server (tower-http ServeDir) sends the best one the browser accepts. Fonts (woff2) are already
// compressed and stay as they are.
//   node scripts/assets/precompress.mjs [site-dir]        (default target/site)
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { site } from './site.mjs';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.txt', '.html', '.map']);

function* files(dir) {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

let count = 0, raw = 0, br = 0;
for (const file of [...files(site)]) {
  if (file.endsWith('.br') || file.endsWith('.gz')) {
    unlinkSync(file); // a leftover of an earlier run
    continue;
  }
  if (!COMPRESSIBLE.has(path.extname(file))) continue;
  const bytes = readFileSync(file);
  const variants = {
    '.br': zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [zlib.constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm') ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    '.gz': zlib.gzipSync(bytes, { level: 9 }),
  };
  for (const [ext, out] of Object.entries(variants)) {
    if (out.length < bytes.length) writeFileSync(file + ext, out);
  }
  count++; raw += bytes.length; br += Math.min(bytes.length, variants['.br'].length);
}
console.log(`[assets] precompressed ${count} files: ${(raw / 1024).toFixed(0)} KiB -> ${(br / 1024).toFixed(0)} KiB brotli`);
