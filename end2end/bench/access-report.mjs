// Benchmark: the Robot access tab in Chromium on 200 robots × 2,000 repositories (plus the demo's),
// 10 teams with 50 grants each, 50 ms latency on every Quay call. Prints the time from opening the
// tab to the finished report (plan, streamed gathering with its progress bar, assembly in the
// browser), a keystroke in the robot filter to the updated matrix, turning a page of repositories,
// and the JS heap. Starts its own quay-sandbox and console on loopback, and stops them.
//   node end2end/bench/access-report.mjs        (uses target/release, else target/debug)
import { startServers, stopServers, launch, keystroke, median, p95, profile } from './common.mjs';

const ROBOTS = Number(process.env.BENCH_ROBOTS || 200);
const REPOS = Number(process.env.BENCH_REPOS || 2000);
const LATENCY = Number(process.env.BENCH_LATENCY || 50);

try {
  const { console: CONSOLE } = await startServers(18293, 13203, [
    '--seed-robots', String(ROBOTS), '--seed-repos', String(REPOS), '--seed-teams', '10',
    '--seed-team-perms', '50', '--seed-team-only-robots', String(ROBOTS / 10), '--latency-ms', String(LATENCY),
  ]);
  const browser = await launch();
  const page = await browser.newPage();
  const loads = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await page.goto(`${CONSOLE}/organization/acme?tab=Robotaccess`);
    await page.waitForSelector('#access-matrix', { timeout: 120_000 });
    loads.push(performance.now() - t0);
    const counts = await page.textContent('[data-testid="access-progress-counts"]');
    if (!/^(\d+) of \1 done, 0 failed$/.test(counts)) throw new Error(`unexpected progress "${counts}"`);
  }
  const shown = await page.textContent('[data-testid="access-counts"]');
  if (!shown.includes(`${ROBOTS + 4} of ${ROBOTS + 4} robot accounts`)) throw new Error(`unexpected counts "${shown}"`);

  const keys = [];
  for (const q of ['1', '12', '123', '12', '1', 'z', '']) {
    keys.push(await keystroke(page, '#access-robot-search', '[data-testid="access-counts"]', q));
  }
  const pages = [];
  for (let i = 0; i < 5; i++) {
    const before = await page.textContent('#access-repos-pagination .pf-v6-c-menu-toggle__text');
    const t0 = performance.now();
    await page.click('#access-repos-pagination [aria-label="Go to next page"]');
    await page.waitForFunction((b) => document.querySelector('#access-repos-pagination .pf-v6-c-menu-toggle__text').textContent !== b, before);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    pages.push(performance.now() - t0);
  }
  const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  await browser.close();

  console.log(`Robot access tab, ${ROBOTS + 4} robots × ${REPOS + 30} repositories, ${LATENCY} ms Quay latency, ${profile} build`);
  console.log('| measure | median | p95 |');
  console.log('|---|---|---|');
  console.log(`| open the tab to the finished report (3 loads) | ${median(loads).toFixed(0)} ms | ${p95(loads).toFixed(0)} ms |`);
  console.log(`| keystroke in the robot filter to the updated counts (7 keystrokes) | ${median(keys).toFixed(1)} ms | ${p95(keys).toFixed(1)} ms |`);
  console.log(`| next page of repositories drawn (5 pages) | ${median(pages).toFixed(1)} ms | ${p95(pages).toFixed(1)} ms |`);
  if (heap) console.log(`| JS heap after the run | ${(heap / 1048576).toFixed(1)} MiB | |`);
} finally {
  stopServers();
}
