// Builds what cargo-leptos picks up (Cargo.toml, [package.metadata.leptos]):
//   target/assets/style.css   PatternFly (full CSS and addons) purged to the selectors, custom
//                             properties and keyframes the console's sources use, then
//                             style/main.css, with @font-face rules for the fonts below;
//   target/assets/public/     public/ (the favicon under a content-hashed name), the subset
//                             fonts under content-hashed names, and asset-manifest.json telling
//                             the server the favicon and the fonts the first paint preloads.
// cargo-leptos then minifies the CSS and hashes the pkg files; precompress.mjs runs after it.
//   node scripts/assets/styles.mjs
import { PurgeCSS } from 'purgecss';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RANGES, TEXT_FONTS, fontFaces, subsetIcons, subsetText } from './fonts.mjs';
import { hashedName } from './hash.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
process.chdir(root);
const PF = 'node_modules/@patternfly/patternfly';
const OUT = 'target/assets';
const PUBLIC = `${OUT}/public`;

/** PatternFly's CSS without its @font-face rules (ours replace them). */
function patternfly() {
  const css = readFileSync(`${PF}/patternfly.css`, 'utf8') + '\n' + readFileSync(`${PF}/patternfly-addons.css`, 'utf8');
  return css.replace(/@font-face\s*\{[^}]*\}/g, '');
}

/** The code points of the Font Awesome icons whose rules survived the purge. */
export function iconCodepoints(css) {
  const points = new Set();
  for (const m of css.matchAll(/\.fa-[a-z0-9-]+:{1,2}before\s*\{\s*content:\s*"\\([0-9a-f]+)"/g)) {
    points.add(parseInt(m[1], 16));
  }
  return [...points].sort((a, b) => a - b);
}

async function purge(css) {
  const [result] = await new PurgeCSS().purge({
    content: ['src/**/*.rs'],
    css: [{ raw: css }],
    variables: true,
    keyframes: true,
    // Set on <body> and <html> by the app at run time, or by the browser.
    safelist: { standard: [/^data-hydrated$/] },
  });
  return result.css;
}

/** Writes `bytes` under a content-hashed name in `dir`; returns the URL path. */
function emit(dir, name, ext, bytes) {
  const file = hashedName(name, ext, bytes);
  mkdirSync(`${PUBLIC}/${dir}`, { recursive: true });
  writeFileSync(`${PUBLIC}/${dir}/${file}`, bytes);
  return `/${dir}/${file}`.replace('//', '/');
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(PUBLIC, { recursive: true });
const t0 = Date.now();
const purged = await purge(patternfly() + '\n' + readFileSync('style/main.css', 'utf8'));
const icons = iconCodepoints(purged);

const urls = {};
const preload = [];
for (const font of TEXT_FONTS) {
  for (const part of RANGES) {
    const name = font.name + part.suffix;
    urls[name] = emit('fonts', name, 'woff2', await subsetText(font, part));
  }
  // Only the Basic Latin part: the other is fetched by the pages that need it.
  if (font.firstPaint) preload.push(urls[font.name]);
}
urls.FontAwesomeSolid = emit('fonts', 'FontAwesomeSolid', 'woff2', await subsetIcons(icons));
preload.push(urls.FontAwesomeSolid);

writeFileSync(`${OUT}/style.css`, fontFaces(urls, icons) + '\n' + purged);

const manifest = { preload_fonts: preload, icon: null };
for (const f of readdirSync('public', { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)) {
  const bytes = readFileSync(`public/${f}`);
  const ext = path.extname(f).slice(1);
  const url = emit('', path.basename(f, `.${ext}`), ext, bytes);
  if (f.startsWith('favicon.')) manifest.icon = url;
}
writeFileSync(`${PUBLIC}/asset-manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
console.log(`[assets] style.css ${(purged.length / 1024).toFixed(0)} KiB before minifying, ${icons.length} icons, ${TEXT_FONTS.length * RANGES.length + 1} font files (${Date.now() - t0} ms)`);
