// Benchmark: the Robot accounts tab with 1,000 robots.
// Prints the server time and HTML bytes of the tab (SSR), and the time from a keystroke in the
// search box to the filtered table in Chromium. Starts its own quay-sandbox (--seed-robots 1000)
// and console (--quay-url) on loopback, and stops them at the end.
//   node end2end/bench/robots-table.mjs            (uses target/release, else target/debug)
import { startServers, stopServers, launch, keystroke, median, p95, profile } from './common.mjs';

const ROBOTS = Number(process.env.BENCH_ROBOTS || 1000);

try {
  const { console: CONSOLE } = await startServers(18291, 13201, ['--seed-robots', String(ROBOTS)]);

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

  const browser = await launch();
  const page = await browser.newPage();
  const tl0 = performance.now();
  await page.goto(url);
  await page.waitForSelector('body[data-hydrated="true"]');
  const loadMs = performance.now() - tl0;
  // Each keystroke: time from the input event to the first frame after the table changed.
  const keys = [];
  for (const query of ['0', '00', '000', '0001', '000', '00', '0', '5', '55', '555', 'zzz', '']) {
    const ms = await keystroke(page, '#robot-account-search', '#robot-accounts-pagination', query);
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
  stopServers();
}
