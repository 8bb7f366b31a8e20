// The fonts the console serves: PatternFly's Red Hat fonts cut to the Latin characters and the
// weights PatternFly uses, and Font Awesome cut to the icons the CSS still names.
import subsetFont from 'subset-font';
import { readFileSync } from 'node:fs';

const PF_FONTS = 'node_modules/@patternfly/patternfly/assets/fonts';

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)).join('');
// Each Red Hat font is cut in two files of one family, told apart by their unicode-range: a browser
// downloads a file only when the page shows a character of its range. The first holds Basic Latin
// and the punctuation people type (what the console's own texts and Quay's names use); the second
// the accented letters and signs of Latin-1, fetched only for a page that shows one (a robot's
// description, say). Other characters fall back to the next font of PatternFly's font stacks.
const PUNCTUATION = '\u2010\u2011\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026\u2039\u203a\u20ac\u2122\u2212';
export const RANGES = [
  { suffix: '', text: range(0x20, 0x7e) + PUNCTUATION },
  { suffix: 'Latin1', text: range(0xa0, 0xff) },
];
// Red Hat Display sets only headings (page and dialog titles, empty states), which are mostly
// words: its first part is cut again, into the letters with the space (4.1 kB, what a heading
// like "Organizations" or a namespace's name "acme" needs: preloaded) and the digits and signs
// (4.0 kB, fetched only for a heading that shows one, "acme_2" say). The first paint of the
// robots tab and the organizations page saves 4.4 kB.
const LETTERS = ' ' + range(0x41, 0x5a) + range(0x61, 0x7a);
export const HEADING_RANGES = [
  { suffix: '', text: LETTERS },
  { suffix: 'Signs', text: [...RANGES[0].text].filter((c) => !LETTERS.includes(c)).join('') },
  RANGES[1],
];

/** The CSS unicode-range of these code points, runs of consecutive ones as `U+A-B`. */
function unicodeRange(codepoints) {
  const hex = (c) => c.toString(16).toUpperCase().padStart(4, '0');
  const sorted = [...new Set(codepoints)].sort((a, b) => a - b);
  const runs = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ');
}
const codepointsOf = (text) => [...text].map((ch) => ch.codePointAt(0));

/** Red Hat Text (body, weights 400 to 600), Display (headings, 600) and Mono (code, 400). */
export const TEXT_FONTS = [
  { family: 'Red Hat Text', file: 'RedHatText/RedHatTextVF.woff2', name: 'RedHatText', weight: '400 600', axes: { wght: { min: 400, max: 600 } }, firstPaint: true },
  { family: 'Red Hat Display', file: 'RedHatDisplay/RedHatDisplayVF.woff2', name: 'RedHatDisplay', weight: '600', axes: { wght: 600 }, firstPaint: true, ranges: HEADING_RANGES },
  { family: 'Red Hat Mono', file: 'RedHatMono/RedHatMonoVF.woff2', name: 'RedHatMono', weight: '400', axes: { wght: 400 }, firstPaint: false },
];

/** The OpenType features kept: those browsers apply by default (kerning, ligatures, contextual
 *  alternates, marks, localized forms) and `tnum`, which PatternFly's CSS asks for
 *  (`font-variant-numeric: tabular-nums`). The fonts' others (stylistic sets, case forms,
 *  fractions, superscripts, ...) only apply through `font-feature-settings`, which nothing sets;
 *  dropping them cuts the two first-paint files by 4.6 kB. */
export const FEATURES = ['kern', 'liga', 'clig', 'calt', 'ccmp', 'locl', 'mark', 'mkmk', 'rlig', 'tnum'];

/** The parts a font is cut in (RANGES unless it has its own). */
export const rangesOf = (font) => font.ranges || RANGES;

/** Subsets one Red Hat font to the characters of one of RANGES; returns its woff2 bytes. */
export function subsetText(font, part) {
  return subsetFont(readFileSync(`${PF_FONTS}/${font.file}`), part.text, {
    targetFormat: 'woff2',
    variationAxes: font.axes,
    keepFeatures: FEATURES,
  });
}

/** Font Awesome Solid with only the given code points (from the CSS `content` of the icons kept). */
export function subsetIcons(codepoints) {
  const text = codepoints.map((c) => String.fromCodePoint(c)).join('');
  return subsetFont(readFileSync(`${PF_FONTS}/webfonts/fa-solid-900.woff2`), text, { targetFormat: 'woff2' });
}

/** The @font-face rules for the served files (`urls` maps a file's name, the font's name plus
 *  its range's suffix, to its URL). Text swaps
 *  in when its font arrives; the icon font blocks (briefly: it is preloaded and 2 kB), since its
 *  code points have no readable fallback. */
export function fontFaces(urls, iconCodepoints) {
  const faces = TEXT_FONTS.flatMap((f) => rangesOf(f).map((part) => `@font-face {
  font-family: "${f.family}";
  font-style: normal;
  font-weight: ${f.weight};
  src: url("${urls[f.name + part.suffix]}") format("woff2");
  font-display: swap;
  unicode-range: ${unicodeRange(codepointsOf(part.text))};
}`));
  const icons = unicodeRange(iconCodepoints);
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
