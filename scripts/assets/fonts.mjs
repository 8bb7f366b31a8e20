// The fonts the console serves: PatternFly's Red Hat fonts cut to the Latin characters and the
// weights PatternFly uses, and Font Awesome cut to the icons the CSS still names.
import subsetFont from 'subset-font';
import { readFileSync } from 'node:fs';

const PF_FONTS = 'node_modules/@patternfly/patternfly/assets/fonts';

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)).join('');
// Basic Latin, Latin-1 and the punctuation people type; other characters fall back to the next
// font of PatternFly's font stacks (the unicode-range below tells the browser so).
const LATIN = range(0x20, 0x7e) + range(0xa0, 0xff) + '\u2010\u2011\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2039\u203a\u20ac\u2122\u2212';
const LATIN_RANGE = 'U+0020-007E, U+00A0-00FF, U+2010-2011, U+2013-2014, U+2018-201A, U+201C-201E, U+2022, U+2026, U+2039-203A, U+20AC, U+2122, U+2212';

/** Red Hat Text (body, weights 400 to 600), Display (headings, 600) and Mono (code, 400). */
export const TEXT_FONTS = [
  { family: 'Red Hat Text', file: 'RedHatText/RedHatTextVF.woff2', name: 'RedHatText', weight: '400 600', axes: { wght: { min: 400, max: 600 } }, firstPaint: true },
  { family: 'Red Hat Display', file: 'RedHatDisplay/RedHatDisplayVF.woff2', name: 'RedHatDisplay', weight: '600', axes: { wght: 600 }, firstPaint: true },
  { family: 'Red Hat Mono', file: 'RedHatMono/RedHatMonoVF.woff2', name: 'RedHatMono', weight: '400', axes: { wght: 400 }, firstPaint: false },
];

/** Subsets one Red Hat font; returns its woff2 bytes. */
export function subsetText(font) {
  return subsetFont(readFileSync(`${PF_FONTS}/${font.file}`), LATIN, { targetFormat: 'woff2', variationAxes: font.axes });
}

/** Font Awesome Solid with only the given code points (from the CSS `content` of the icons kept). */
export function subsetIcons(codepoints) {
  const text = codepoints.map((c) => String.fromCodePoint(c)).join('');
  return subsetFont(readFileSync(`${PF_FONTS}/webfonts/fa-solid-900.woff2`), text, { targetFormat: 'woff2' });
}

/** The @font-face rules for the served files (`urls` maps a font's name to its URL). Text swaps
 *  in when its font arrives; the icon font blocks (briefly: it is preloaded and 2 kB), since its
 *  code points have no readable fallback. */
export function fontFaces(urls, iconCodepoints) {
  const faces = TEXT_FONTS.map((f) => `@font-face {
  font-family: "${f.family}";
  font-style: normal;
  font-weight: ${f.weight};
  src: url("${urls[f.name]}") format("woff2");
  font-display: swap;
  unicode-range: ${LATIN_RANGE};
}`);
  const icons = iconCodepoints.map((c) => `U+${c.toString(16).toUpperCase()}`).join(', ');
  faces.push(`@font-face {
  font-family: "Font Awesome 5 Free";
  font-style: normal;
  font-weight: 900;
  src: url("${urls.FontAwesomeSolid}") format("woff2");
  font-display: block;
  unicode-range: ${icons};
}`);
  return faces.join('\n');
}
