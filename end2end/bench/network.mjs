// What a page downloads, seen through Chromium's DevTools protocol: every request with its wire
// bytes (headers and body as received, compressed or not), and the raw and gzip -9 sizes of the
// files it got, for the first-load benchmark.
import zlib from 'node:zlib';

/** Chromium's network emulation for "10 Mbit/s, 40 ms". */
export const SLOW = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };

/** The kind of a request: the budget counts js, css, wasm and font. */
export function kind(url) {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.woff2')) return 'font';
  if (path.startsWith('/api/')) return 'data';
  return 'other';
}

export const ASSET_KINDS = ['js', 'css', 'wasm', 'font'];

/** Records the requests of `page` (a fresh context's page) from now on. */
export async function recorder(page, conditions) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith('http')) return;
    requests.set(e.requestId, { url: e.request.url, kind: kind(e.request.url), wire: 0, cached: false, done: false });
  });
  cdp.on('Network.requestServedFromCache', (e) => { const r = requests.get(e.requestId); if (r) r.cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (r) { r.status = e.response.status; r.headers = e.response.headers; r.cached ||= e.response.fromDiskCache || e.response.fromPrefetchCache; }
  });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) { r.wire = e.encodedDataLength; r.done = true; } });
  cdp.on('Network.loadingFailed', (e) => { const r = requests.get(e.requestId); if (r) r.done = true; });
  return {
    /** The requests so far, and forgets them. */
    take() { const list = [...requests.values()]; requests.clear(); return list; },
    /** Resolves once no request has been pending for `quietMs`. */
    async idle(quietMs = 300) {
      let quietSince = Date.now();
      for (;;) {
        await new Promise((r) => setTimeout(r, 50));
        if ([...requests.values()].some((r) => !r.done)) quietSince = Date.now();
        else if (Date.now() - quietSince >= quietMs) return;
      }
    },
  };
}

const sizes = new Map();
/** Raw and gzip -9 bytes of a file, fetched once from the server. */
export async function fileSizes(url) {
  if (!sizes.has(url)) {
    const raw = Buffer.from(await (await fetch(url)).arrayBuffer());
    sizes.set(url, { raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length });
  }
  return sizes.get(url);
}

/** Sums a request list: files and bytes of the assets (js, css, wasm, fonts), all requests. */
export async function tally(requests) {
  const assets = requests.filter((r) => ASSET_KINDS.includes(r.kind) && !r.cached);
  const t = { files: assets.length, raw: 0, gzip: 0, wire: 0, requests: requests.filter((r) => !r.cached).length, byKind: {} };
  for (const r of assets) {
    const s = await fileSizes(r.url);
    t.raw += s.raw; t.gzip += s.gzip; t.wire += r.wire;
    const k = (t.byKind[r.kind] ||= { files: 0, gzip: 0, wire: 0 });
    k.files++; k.gzip += s.gzip; k.wire += r.wire;
  }
  return t;
}
