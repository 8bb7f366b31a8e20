// What one stylesheet has on top of another (styles.mjs: the lazy CSS is everything the console
// uses minus what the first load uses).
import postcss from 'postcss';

/** The declarations (and body-less at-rules) of `full` that `first` does not have, in their
 *  rules and at-rules: what a page needs on top of `first` to have all of `full`. Compared by
 *  place (the enclosing at-rules and selector) and text, counting repeats. Loaded after `first`,
 *  each of these can only win over a rule of `first` on an element that has a class only the
 *  lazy sources use, that is inside a dialog or another page. */
export function subtract(full, first) {
  // One selector per rule, so that a rule the first load's purge kept with fewer selectors
  // (`a, b` of which only `a` is used there) compares by each of them.
  const explode = (tree) => {
    const lists = [];
    tree.walkRules((r) => {
      if (r.selectors.length > 1 && !/keyframes$/.test(r.parent?.name || '')) lists.push(r);
    });
    for (const r of lists) {
      for (const selector of r.selectors) r.before(r.clone({ selector }));
      r.remove();
    }
    return tree;
  };
  const place = (node) => {
    const chain = [];
    for (let p = node.parent; p && p.type !== 'root'; p = p.parent) {
      chain.unshift(p.type === 'rule' ? `{${p.selector}` : `@${p.name} ${p.params}`);
    }
    return chain.join('\u0000');
  };
  const text = (node) =>
    node.type === 'decl' ? `${node.prop}:${node.value}${node.important ? '!' : ''}` : `@${node.name} ${node.params}`;
  const leaves = (tree, f) =>
    tree.walk((n) => {
      if (n.type === 'decl' || (n.type === 'atrule' && !n.nodes)) f(n);
    });
  const have = new Map();
  leaves(explode(postcss.parse(first)), (n) => {
    const k = place(n) + '\u0001' + text(n);
    have.set(k, (have.get(k) || 0) + 1);
  });
  const rest = explode(postcss.parse(full));
  rest.walkComments((c) => c.remove());
  leaves(rest, (n) => {
    const k = place(n) + '\u0001' + text(n);
    const left = have.get(k) || 0;
    if (left > 0) {
      have.set(k, left - 1);
      n.remove();
    }
  });
  // Rules and at-rules left empty, innermost first.
  let removed;
  do {
    removed = 0;
    rest.walk((n) => {
      if ((n.type === 'rule' || n.type === 'atrule') && n.nodes && n.nodes.length === 0) {
        n.remove();
        removed++;
      }
    });
  } while (removed > 0);
  return rest.toString();
}
