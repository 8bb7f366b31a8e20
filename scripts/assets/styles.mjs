// Builds what cargo-leptos picks up (Cargo.toml, [package.metadata.leptos]):
//   target/assets/style.css   PatternFly (full CSS and addons) purged to the selectors, custom
//                             properties and keyframes the first load's sources use (all but
//                             LAZY_SOURCES), then style/main.css, with @font-face rules for the
//                             fonts below;
//   target/assets/public/     public/ (the favicon under a content-hashed name), the subset
//                             fonts under content-hashed names, css/lazy.<hash>.css (what the
//                             other sources use on top: the dialogs', the other pages' and tabs'
//                             rules, minified), and asset-manifest.json telling the server the
//                             favicon, the fonts the first paint preloads and the lazy CSS.
// cargo-leptos then minifies the CSS and hashes the pkg files; precompress.mjs runs after it.
//   node scripts/assets/styles.mjs
import { PurgeCSS } from 'purgecss';
import fg from 'fast-glob';
import browserslist from 'browserslist';
import { browserslistToTargets, transform } from 'lightningcss';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEXT_FONTS, fontFaces, rangesOf, subsetIcons, subsetText } from './fonts.mjs';
import { hashedName } from './hash.mjs';
import { root } from './site.mjs';
import { subtract } from './subtract-css.mjs';
import { planInline } from './inline-vars.mjs';

process.chdir(root);
const PF = 'node_modules/@patternfly/patternfly';
// RC_ASSETS_OUT and RC_INLINE_VARS=0: the same CSS without inlined custom properties, elsewhere
// (end2end/tests/styles.spec.ts compares the two).
const OUT = process.env.RC_ASSETS_OUT || 'target/assets';
const INLINE_VARS = process.env.RC_INLINE_VARS !== '0';
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

// The code that only split points reach (wasm chunks loaded when a dialog, a page or a tab other
// than the robots tab opens): the CSS only these files use loads with the first such chunk
// (src/assets.rs, `lazy_css`). A file listed here by mistake cannot break the robots tab
// silently: scripts/assets/check-lazy-css.mjs, run after the wasm build, fails the build when
// the main wasm module names a class whose rules went to the lazy CSS.
export const LAZY_SOURCES = [
  'src/pages/{access,activity,credentials,federation,iac,permissions,wizard}/**/*.rs',
  'src/pages/{access,activity,credentials,federation,iac,permissions,wizard,signin}.rs',
  'src/pages/robots/{delete,teams}.rs',
  'src/components/{clipboard,tabs,text_field}.rs',
];

async function purge(css, content) {
  const [result] = await new PurgeCSS().purge({
    content,
    css: [{ raw: css }],
    variables: true,
    keyframes: true,
    // Set on <body> and <html> by the app at run time, or by the browser.
    safelist: { standard: [/^data-hydrated$/] },
  });
  return result.css;
}

/** Minified as cargo-leptos minifies style.css (lightningcss, `browserquery = "defaults"`). */
function minifyCss(css, filename) {
  const targets = browserslistToTargets(browserslist('defaults'));
  return transform({ filename, code: Buffer.from(css), minify: true, targets }).code;
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
const sources = patternfly() + '\n' + readFileSync('style/main.css', 'utf8');
const lazySources = new Set(fg.sync(LAZY_SOURCES));
const allSources = fg.sync('src/**/*.rs');
const firstSources = allSources.filter((f) => !lazySources.has(f));
let purged = await purge(sources, firstSources);
let everything = await purge(sources, allSources);
// Custom properties set once and never changed become their values (inline-vars.mjs), in both
// parts alike, so that the lazy CSS is still what the first load lacks.
let inlined = 0;
if (INLINE_VARS) {
  // Custom properties the sources set or read in inline styles keep their declarations.
  const inStyles = new Set(allSources.flatMap((f) => readFileSync(f, 'utf8').match(/--pf-(?:v6|t)-[A-Za-z0-9_-]+/g) || []));
  const plan = planInline(everything, inStyles);
  purged = plan.apply(purged);
  everything = plan.apply(everything);
  inlined = plan.count;
}
// Icons of both parts: the one icon font serves all (2 kB).
const icons = iconCodepoints(everything);

const urls = {};
const preload = [];
for (const font of TEXT_FONTS) {
  for (const part of rangesOf(font)) {
    const name = font.name + part.suffix;
    urls[name] = emit('fonts', name, 'woff2', await subsetText(font, part));
  }
  // Only the first part (Basic Latin, or a heading font's letters): the others are fetched by
  // the pages that need them.
  if (font.firstPaint) preload.push(urls[font.name]);
}
urls.FontAwesomeSolid = emit('fonts', 'FontAwesomeSolid', 'woff2', await subsetIcons(icons));
preload.push(urls.FontAwesomeSolid);

writeFileSync(`${OUT}/style.css`, fontFaces(urls, icons) + '\n' + purged);

const lazy = subtract(everything, purged);
const lazyCss = emit('css', 'lazy', 'css', minifyCss(lazy, 'lazy.css'));

const manifest = { preload_fonts: preload, icon: null, lazy_css: lazyCss };
for (const f of readdirSync('public', { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name)) {
  const bytes = readFileSync(`public/${f}`);
  const ext = path.extname(f).slice(1);
  const url = emit('', path.basename(f, `.${ext}`), ext, bytes);
  if (f.startsWith('favicon.')) manifest.icon = url;
}
writeFileSync(`${PUBLIC}/asset-manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
console.log(`[assets] style.css ${(purged.length / 1024).toFixed(0)} KiB before minifying, lazy CSS ${(lazy.length / 1024).toFixed(0)} KiB, ${inlined} custom properties inlined, ${icons.length} icons, ${TEXT_FONTS.reduce((n, f) => n + rangesOf(f).length, 0) + 1} font files (${Date.now() - t0} ms)`);
