// Benchmark: the Robot accounts tab with 1,000 robots.
// Prints the server time and HTML bytes of the tab (SSR), and the time from a keystroke in the
// search box to the filtered table in Chromium. Starts its own quay-sandbox (--seed-robots 1000)
// and console (--quay-url) on loopback, and stops them at the end.
//   node end2end/bench/robots-table.mjs            (uses target/release, else target/debug)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const profile = process.env.BENCH_PROFILE || (existsSync(path.join(root, 'target/release/robot-console')) ? 'release' : 'debug');
const bin = (n) => path.join(root, 'target', profile, n);
const SANDBOX = 'http://127.0.0.1:18291', CONSOLE = 'http://127.0.0.1:13201', TOKEN = 'bench-token';
const ROBOTS = Number(process.env.BENCH_ROBOTS || 1000);
const tmp = mkdtempSync(path.join(tmpdir(), 'rc-bench-'));
const procs = [];

function start(cmd, args, env = {}) {
  const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  procs.push(p);
  return p;
}
async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(url)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

try {
  start(bin('quay-sandbox'), ['--addr', '127.0.0.1:18291', '--data-dir', `${tmp}/sb`, '--admin-token', TOKEN, '--seed-robots', String(ROBOTS)]);
  await waitFor(`${SANDBOX}/config`);
  start(bin('robot-console'), ['--addr', '127.0.0.1:13201', '--quay-url', SANDBOX, '--quay-token', TOKEN, '--data-dir', `${tmp}/console`],
    { LEPTOS_SITE_ROOT: path.join(root, 'target/site'), RUST_LOG: 'warn' });
  await waitFor(`${CONSOLE}/healthz`);

  const url = `${CONSOLE}/organization/acme?tab=Robotaccounts`;
  const times = []; let bytes = 0;
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    const body = await (await fetch(url, { headers: { Accept: 'text/html' } })).text();
    const dt = performance.now() - t0;
    if (i > 0) times.push(dt); // the first request warms the connection pool
    bytes = Buffer.byteLength(body);
    if (!body.includes('acme+bot0001')) throw new Error('the seeded robots are not in the HTML');
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage();
  const tl0 = performance.now();
  await page.goto(url);
  await page.waitForSelector('body[data-hydrated="true"]');
  const loadMs = performance.now() - tl0;
  // Each keystroke: time from the input event to the first frame after the table changed.
  const keys = [];
  for (const query of ['0', '00', '000', '0001', '000', '00', '0', '5', '55', '555', 'zzz', '']) {
    const ms = await page.evaluate((q) => new Promise((resolve) => {
      const input = document.querySelector('#robot-account-search');
      const target = document.querySelector('#robot-accounts-pagination');
      const before = target.textContent;
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (target.textContent !== before) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      });
      obs.observe(target, { subtree: true, characterData: true, childList: true });
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      setTimeout(() => { obs.disconnect(); resolve(performance.now() - t0); }, 5000);
    }), query);
    keys.push(ms);
  }
  const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  await browser.close();

  console.log(`robot accounts tab, ${ROBOTS + 4} robots, ${profile} build`);
  console.log('| measure | median | p95 |');
  console.log('|---|---|---|');
  console.log(`| server render of the tab (SSR HTML, 20 runs) | ${median(times).toFixed(1)} ms | ${p95(times).toFixed(1)} ms |`);
  console.log(`| HTML size of the tab | ${(bytes / 1024).toFixed(0)} KiB | |`);
  console.log(`| page load to hydrated in Chromium | ${loadMs.toFixed(0)} ms | |`);
  console.log(`| keystroke in search to filtered table (12 keystrokes) | ${median(keys).toFixed(1)} ms | ${p95(keys).toFixed(1)} ms |`);
  if (heap) console.log(`| JS heap after the run | ${(heap / 1048576).toFixed(1)} MiB | |`);
} finally {
  for (const p of procs) p.kill('SIGTERM');
}
