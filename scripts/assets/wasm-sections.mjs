// Reading and writing a wasm module's sections, for the post-build scripts that edit the main
// module (short-imports.mjs, dead-exports.mjs).

/** The unsigned LEB128 number at `at`, and where the next field starts. */
export function readLeb(bytes, at) {
  let value = 0, shift = 0, i = at;
  for (;;) {
    const b = bytes[i++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return [value, i];
  }
}

/** `value` as unsigned LEB128. */
export function leb(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Buffer.from(out);
}

/** Each section as `{ id, start, body, end }` (its first byte, its contents, one past it). */
export function sections(wasm) {
  const out = [];
  for (let i = 8; i < wasm.length; ) {
    const [size, body] = readLeb(wasm, i + 1);
    out.push({ id: wasm[i], start: i, body, end: body + size });
    i = body + size;
  }
  return out;
}

const EXPORT = 7;

/** The export section (`null` if none) and its entries: `{ name, start, end }` (the entry's
 *  bytes). */
function exports(wasm) {
  const s = sections(wasm).find((x) => x.id === EXPORT) ?? null;
  if (!s) return { section: null, entries: [] };
  const [count, first] = readLeb(wasm, s.body);
  const entries = [];
  let j = first;
  for (let k = 0; k < count; k++) {
    const [len, n0] = readLeb(wasm, j);
    const name = wasm.subarray(n0, n0 + len).toString('utf8');
    const end = readLeb(wasm, n0 + len + 1)[1];
    entries.push({ name, start: j, end });
    j = end;
  }
  return { section: s, entries };
}

/** The names the module exports. */
export const exportNames = (wasm) => exports(wasm).entries.map((e) => e.name);

/** The module without the exports named in `drop` (a Set). */
export function withoutExports(wasm, drop) {
  const { section: s, entries } = exports(wasm);
  const kept = entries.filter((e) => !drop.has(e.name));
  const body = Buffer.concat([leb(kept.length), ...kept.map((e) => wasm.subarray(e.start, e.end))]);
  return Buffer.concat([wasm.subarray(0, s.start), Buffer.from([EXPORT]), leb(body.length), body, wasm.subarray(s.end)]);
}
