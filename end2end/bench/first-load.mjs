// Benchmark: the first load of the robots tab (and of the organizations page), a repeat visit, and
// the first opening of each dialog, in Chromium with a fresh cache, on loopback and with
// Chromium's network emulation at 10 Mbit/s and 40 ms. Prints two tables: files, raw, gzip -9 and
// wire bytes of the JS, CSS, wasm and fonts, all requests, and the times from navigation to the
// rows painted (first contentful paint; the rows are in the first HTML) and to interactive
// (hydrated), or from the click to the dialog's skeleton and to the dialog.
// Starts its own quay-sandbox (demo seed) and console on loopback, and stops them at the end.
//   node end2end/bench/first-load.mjs            (uses target/release, else target/debug)
import { startServers, stopServers, launch, median, profile } from './common.mjs';
import { SLOW, recorder, tally } from './network.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const off = Number(process.env.E2E_PORT_OFFSET || 0);
const ROBOT = 'acme+deployer';
const KEBAB = `[data-testid="${ROBOT}-toggle-kebab"]`;
const DIALOGS = [
  { name: 'credentials', id: 'credentials-modal', open: [`[data-testid="row-${ROBOT}"] .rc-robot-name`] },
  { name: 'repository permissions', id: 'set-repo-permissions-modal', open: [KEBAB, `[data-testid="${ROBOT}-set-repo-perms-btn"]`] },
  { name: 'federation', id: 'robot-federation-modal', open: [KEBAB, `[data-testid="${ROBOT}-set-robot-federation-btn"]`] },
  { name: 'teams', id: 'robot-teams-modal', open: [`[data-testid="row-${ROBOT}"] button:has-text("1 team")`] },
  { name: 'delete', id: 'bulk-delete-modal', open: [KEBAB, `[data-testid="${ROBOT}-del-btn"]`] },
  { name: 'create wizard', id: 'create-robot-account-modal', open: ['#create-robot-account-btn'] },
];

// In the page: when <body data-hydrated> appears, and when a selector first matches.
const PROBES = () => {
  window.__rc = { marks: {} };
  const watch = () => {
    const m = window.__rc.marks;
    if (m.hydrated === undefined && document.body?.dataset.hydrated) m.hydrated = performance.now();
    for (const [name, sel] of Object.entries(window.__rc.wanted || {})) {
      if (m[name] === undefined && document.querySelector(sel)) m[name] = performance.now();
    }
  };
  new MutationObserver(watch).observe(document, { subtree: true, childList: true, attributes: true });
};

async function fresh(browser, conditions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(PROBES);
  return { context, page, rec: await recorder(page, conditions) };
}

async function loadPage(browser, url, conditions) {
  const { context, page, rec } = await fresh(browser, conditions);
  await page.goto(url);
  await page.waitForSelector('body[data-hydrated="true"]');
  await rec.idle();
  const times = await page.evaluate(() => ({
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    hydrated: window.__rc.marks.hydrated,
  }));
  return { context, page, rec, times, first: rec.take() };
}

async function openDialog(page, rec, d) {
  for (const sel of d.open.slice(0, -1)) await page.click(sel);
  await page.evaluate((id) => {
    window.__rc.marks = {};
    window.__rc.wanted = { skeleton: '#dialog-loading, #' + id, dialog: '#' + id };
    document.addEventListener('click', () => { window.__rc.marks.click = performance.now(); }, { capture: true, once: true });
  }, d.id);
  rec.take();
  await page.click(d.open.at(-1));
  await page.waitForSelector(`#${d.id}`, { state: 'visible' });
  await rec.idle();
  const m = await page.evaluate(() => window.__rc.marks);
  return { requests: rec.take(), times: { painted: m.skeleton - m.click, hydrated: m.dialog - m.click } };
}

/** Runs `measure` RUNS times; the bytes of the first run and the median times. */
async function repeat(measure) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure());
  return { ...runs[0].tally, painted: median(runs.map((r) => r.times.painted)), hydrated: median(runs.map((r) => r.times.hydrated)) };
}

const kb = (n) => n.toLocaleString('en-US');
const ms = (n) => (n === undefined || Number.isNaN(n) ? '–' : `${Math.round(n)} ms`);

try {
  const { console: CONSOLE } = await startServers(18293 + off, 13203 + off, []);
  const tab = `${CONSOLE}/organization/acme?tab=Robotaccounts`;
  const browser = await launch();
  const rows = [], dialogs = [];
  for (const [label, url] of [['robots tab', tab], ['organizations page', `${CONSOLE}/organization`]]) {
    const row = { label };
    for (const [net, cond] of [['fast', null], ['slow', SLOW]]) {
      row[net] = await repeat(async () => {
        const r = await loadPage(browser, url, cond);
        await r.context.close();
        return { tally: await tally(r.first), times: r.times };
      });
    }
    rows.push(row);
  }
  // A repeat visit: the same browser profile loads the tab again.
  const repeatRow = { label: 'robots tab, repeat visit' };
  for (const [net, cond] of [['fast', null], ['slow', SLOW]]) {
    repeatRow[net] = await repeat(async () => {
      const r = await loadPage(browser, tab, cond);
      await r.page.goto(tab);
      await r.page.waitForSelector('body[data-hydrated="true"]');
      await r.rec.idle();
      const times = await r.page.evaluate(() => ({
        painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        hydrated: window.__rc.marks.hydrated,
      }));
      const t = await tally(r.rec.take());
      await r.context.close();
      return { tally: t, times };
    });
  }
  rows.push(repeatRow);
  for (const d of DIALOGS) {
    const row = { label: d.name };
    for (const [net, cond] of [['fast', null], ['slow', SLOW]]) {
      row[net] = await repeat(async () => {
        const r = await loadPage(browser, tab, cond);
        const o = await openDialog(r.page, r.rec, d);
        await r.context.close();
        return { tally: await tally(o.requests), times: o.times };
      });
    }
    dialogs.push(row);
  }
  await browser.close();

  console.log(`First load, ${profile} build, Chromium, fresh cache (median of ${RUNS} runs; bytes are JS + CSS + wasm + fonts; requests are all, the page and server functions included)`);
  console.log('| page | files | raw | gzip -9 | wire | requests | loopback: rows painted | loopback: interactive | 10 Mbit/s 40 ms: rows painted | 10 Mbit/s 40 ms: interactive |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of rows) {
    const f = r.fast;
    console.log(`| ${r.label} | ${f.files} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.wire)} | ${f.requests} | ${ms(f.painted)} | ${ms(f.hydrated)} | ${ms(r.slow.painted)} | ${ms(r.slow.hydrated)} |`);
  }
  const first = rows[0].fast.byKind;
  console.log(`\nRobots tab by kind (files, gzip -9, wire): ${Object.entries(first).map(([k, v]) => `${k} ${v.files} / ${kb(v.gzip)} / ${kb(v.wire)}`).join('; ')}`);
  console.log('\nOpening each dialog the first time (its chunks; requests include its server functions)');
  console.log('| dialog | files | raw | gzip -9 | wire | requests | loopback: skeleton | loopback: dialog | 10 Mbit/s 40 ms: skeleton | 10 Mbit/s 40 ms: dialog |');
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of dialogs) {
    const f = r.fast;
    console.log(`| ${r.label} | ${f.files} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.wire)} | ${f.requests} | ${ms(f.painted)} | ${ms(f.hydrated)} | ${ms(r.slow.painted)} | ${ms(r.slow.hydrated)} |`);
  }
} finally {
  stopServers();
}
