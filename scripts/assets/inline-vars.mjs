// Custom properties that are set once and never changed, replaced by their values (styles.mjs).
// PatternFly declares each component's look as custom properties on the component's block
// (`.pf-v6-c-button { --pf-v6-c-button--PaddingInlineStart: var(--pf-t--global--spacer--md) }`),
// which read global tokens declared on :root. Most of them the console's CSS never sets again (no
// modifier, state, theme or inline style changes them): their declarations and the indirection
// are dead weight on the first load. One is inlined only where that cannot change a computed
// value:
//   - it is declared exactly once in the whole stylesheet, outside any at-rule, not !important,
//     not `inherit`-like, not registered (@property), and no source file names it (an inline style
//     that sets or reads it);
//   - it is declared in a rule whose selector is its block's class alone (`.pf-v6-c-menu` for
//     `--pf-v6-c-menu__item--Color`);
//   - its value, with the properties it reads inlined in turn, reads only global tokens that
//     only :root declares (for each theme), or nothing: it is the same on the block as on any
//     element inside it;
//   - every rule that reads it is on its block or inside it: each selector names the block's
//     class (the block or one of its `__elements`, which PatternFly nests in the block) outside
//     any :is()/:not()/:has(), and has no sibling combinator.
// end2end/tests/styles.spec.ts compares the computed styles of every element on the console's
// pages and dialogs, in both themes, with and without it.
import postcss from 'postcss';

const COMPONENT_VAR = /^--pf-v6-([cl])-([a-z0-9-]+?)(?:__[A-Za-z0-9-]+?)?--/;
const CSS_WIDE = /^\s*(inherit|initial|unset|revert|revert-layer)\s*$/i;

/** Calls `f(name, fallback)` for each outermost `var()` of `value` and puts what it returns in
 *  its place (`null`: left as it is, its fallback mapped in turn). */
export function mapVars(value, f) {
  let out = '';
  let i = 0;
  for (;;) {
    const at = value.indexOf('var(', i);
    if (at < 0) return out + value.slice(i);
    let depth = 0;
    let end = at + 3;
    for (; end < value.length; end++) {
      if (value[end] === '(') depth++;
      else if (value[end] === ')' && --depth === 0) break;
    }
    const inner = value.slice(at + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? null : inner.slice(comma + 1);
    const put = f(name, fallback);
    out += value.slice(i, at);
    if (put !== null) out += put;
    else out += fallback === null ? value.slice(at, end + 1) : `var(${name},${mapVars(fallback, f)})`;
    i = end + 1;
  }
}

/** Every custom property `value` reads, fallbacks included. */
const reads = (value) => [...value.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)].map((m) => m[1]);

/** Whether every selector of `selector` is on `block` or inside it. */
function insideBlock(selector, block) {
  const own = new RegExp(`\\.${block}(?![A-Za-z0-9-])|\\.${block}__`);
  return postcss.list.comma(selector).every((sel) => {
    let flat = sel;
    while (/\([^()]*\)/.test(flat)) flat = flat.replace(/\([^()]*\)/g, '');
    return own.test(flat) && !/[+~]/.test(flat);
  });
}

/** Decides which custom properties of `css` (the whole stylesheet the console uses) are
 *  inlined, given `keep` (names the sources use in inline styles); returns `apply`, which
 *  inlines them in that stylesheet or any part of it, and how many there are. */
export function planInline(css, keep) {
  const tree = postcss.parse(css);
  const declared = new Map();
  const registered = new Set();
  const localTokens = new Set();
  tree.walkAtRules('property', (a) => registered.add(a.params.trim()));
  tree.walkDecls((d) => {
    if (!d.prop.startsWith('--')) return;
    if (!declared.has(d.prop)) declared.set(d.prop, []);
    declared.get(d.prop).push(d);
    const sel = d.parent.type === 'rule' ? d.parent.selector : '';
    if (d.prop.startsWith('--pf-t--') && !/^:root(:where\([^()]*\))?$/.test(sel.trim())) localTokens.add(d.prop);
  });
  // Palette tokens: declared once, on :root alone, never set again. Where their value is a
  // constant (or reads only such tokens), it is the same on every element.
  const palette = new Map();
  for (const [name, list] of declared) {
    const d = list[0];
    if (!name.startsWith('--pf-t--') || list.length !== 1 || keep.has(name) || registered.has(name)) continue;
    if (d.important || CSS_WIDE.test(d.value) || d.parent.type !== 'rule' || d.parent.parent.type !== 'root') continue;
    if (d.parent.selector.trim() === ':root') palette.set(name, d.value);
  }
  const constant = new Map();
  const constantOf = (name, seen) => {
    if (constant.has(name)) return constant.get(name);
    if (!palette.has(name) || seen.has(name)) return null;
    seen.add(name);
    let ok = true;
    const value = mapVars(palette.get(name), (read) => {
      const v = constantOf(read, seen);
      if (v === null) ok = false;
      return v ?? '';
    });
    constant.set(name, ok ? value : null);
    return constant.get(name);
  };
  for (const name of palette.keys()) constantOf(name, new Set());
  const candidate = new Map();
  for (const [name, list] of declared) {
    const m = name.match(COMPONENT_VAR);
    if (!m || list.length !== 1 || keep.has(name) || registered.has(name)) continue;
    const d = list[0];
    const rule = d.parent;
    if (d.important || CSS_WIDE.test(d.value) || rule.type !== 'rule' || rule.parent.type !== 'root') continue;
    const block = `pf-v6-${m[1]}-${m[2]}`;
    if (rule.selector.trim() !== `.${block}`) continue;
    candidate.set(name, { value: d.value, block });
  }
  const resolved = new Map();
  const resolve = (name, seen) => {
    if (resolved.has(name)) return resolved.get(name);
    const c = candidate.get(name);
    if (!c || seen.has(name)) return null;
    seen.add(name);
    let ok = true;
    const value = mapVars(c.value, (read, fallback) => {
      const of = candidate.get(read)?.block;
      const v = of === c.block ? resolve(read, seen) : null;
      if (v !== null) return v;
      const k = constant.get(read) ?? null;
      if (k !== null) return k;
      if (read.startsWith('--pf-t--') && !localTokens.has(read) && !registered.has(read)) {
        if (fallback !== null && reads(fallback).some((r) => !r.startsWith('--pf-t--'))) ok = false;
        return `var(${read}${fallback === null ? '' : ',' + fallback})`;
      }
      ok = false;
      return '';
    });
    resolved.set(name, ok ? value : null);
    return resolved.get(name);
  };
  for (const name of candidate.keys()) resolve(name, new Set());
  tree.walkDecls((d) => {
    for (const read of reads(d.value)) {
      const c = candidate.get(read);
      if (c && resolved.get(read) !== null) {
        const sel = d.parent.type === 'rule' ? d.parent.selector : '';
        if (!insideBlock(sel, c.block)) resolved.set(read, null);
      }
    }
  });
  // A candidate whose readers failed the check keeps its declaration (with the candidates it
  // reads already inlined into its value).
  const inline = new Map([...resolved, ...constant].filter(([, v]) => v !== null));
  const apply = (text) => {
    const t = postcss.parse(text);
    t.walkDecls((d) => {
      if (inline.has(d.prop)) d.remove();
      else if (d.value.includes('var(')) d.value = mapVars(d.value, (read) => inline.get(read) ?? null);
    });
    t.walkRules((r) => {
      if (r.nodes.length === 0) r.remove();
    });
    return t.toString();
  };
  return { apply, count: inline.size };
}
