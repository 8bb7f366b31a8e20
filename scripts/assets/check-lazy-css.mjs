// Checks, after the wasm build, that the lazy CSS (styles.mjs: the rules only the files of
// LAZY_SOURCES use) holds nothing the robots tab needs: no rule of it that sets a property may
// match with classes that all appear in the main wasm module's data, where the views' static
// class names are. Such
// a rule means a listed file's markup is part of the main module (a component the robots tab
// shows), and the tab would show it unstyled: the build stops and names the class.
//   node scripts/assets/check-lazy-css.mjs [site-dir]        (default target/site)
import postcss from 'postcss';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { manifest, pkg, pkgNames, readHashes, served } from './site.mjs';

/** The printable runs of the wasm's bytes (its data segments hold the static class names). */
function strings(bytes) {
  let out = '', run = '';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f) run += String.fromCharCode(b);
    else {
      if (run.length >= 4) out += run + '\n';
      run = '';
    }
  }
  return out + run;
}

const data = strings(readFileSync(path.join(pkg, pkgNames(readHashes(['wasm'])).wasm)));
// A class is in the data when its name is followed by a character that cannot continue it, or by
// the start of the next class (the views' static strings are stored end to end).
const named = (cls) => {
  const name = cls.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${name}(?![a-z0-9_-])|${name}(?=pf-|rc-|fa-)`).test(data);
};

const lazy = postcss.parse(readFileSync(served(manifest().lazy_css), 'utf8'));
const wrong = new Set();
let rules = 0;
lazy.walkRules((rule) => {
  if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
  // Custom properties alone are no style: those here are read only by the lazy CSS's own rules
  // (the first load's purge keeps every property its rules read).
  if (!rule.nodes.some((n) => n.type === 'decl' && !n.prop.startsWith('--'))) return;
  rules++;
  for (const selector of rule.selectors) {
    // The classes the element (or its ancestors) must have: not those under :not() or :has().
    const plain = selector.replace(/:(not|has)\([^()]*\)/g, '');
    const classes = [...plain.matchAll(/\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    if (classes.length > 0 && classes.every(named)) wrong.add(`${selector}  (${classes.join(', ')})`);
  }
});
if (wrong.size > 0) {
  console.error(`[assets] the lazy CSS has rules the main wasm module's views need (a file of styles.mjs' LAZY_SOURCES has markup the robots tab shows; drop it from the list):\n  ${[...wrong].slice(0, 20).join('\n  ')}`);
  process.exit(1);
}
console.log(`[assets] lazy CSS checked: none of its ${rules} rules is for the main module's views`);
