// Benchmark: the Set repository permissions modal on a namespace with 5,000 repositories.
// Prints the time from opening the modal to its table (the server fetches every repository,
// following next_page), the time from a keystroke in its search to the filtered table, the time
// to select all and bulk-set Write, and the JS heap. Starts its own quay-sandbox
// (--seed-repos 5000) and console on loopback, and stops them at the end.
//   node end2end/bench/permissions-table.mjs       (uses target/release, else target/debug)
import { startServers, stopServers, launch, keystroke, median, p95, profile } from './common.mjs';

const REPOS = Number(process.env.BENCH_REPOS || 5000);
const ROBOT = 'acme+deployer';

try {
  const { console: CONSOLE } = await startServers(18292, 13202, ['--seed-repos', String(REPOS)]);
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(`${CONSOLE}/organization/acme?tab=Robotaccounts`);
  await page.waitForSelector('body[data-hydrated="true"]');

  const opens = [];
  for (let i = 0; i < 5; i++) {
    await page.click(`[data-testid="${ROBOT}-toggle-kebab"]`);
    const t0 = performance.now();
    await page.click(`[data-testid="${ROBOT}-set-repo-perms-btn"]`);
    await page.waitForSelector('#add-repository-pagination');
    opens.push(performance.now() - t0);
    const total = await page.textContent('#add-repository-pagination .pf-v6-c-menu-toggle__text');
    if (!total.includes(`of ${REPOS + 30}`)) throw new Error(`expected ${REPOS + 30} repositories, got "${total}"`);
    if (i < 4) {
      await page.click('#set-repo-permissions-modal .pf-v6-c-modal-box__close button');
      await page.waitForSelector('#set-repo-permissions-modal', { state: 'detached' });
    }
  }

  const keys = [];
  for (const q of ['4', '49', '499', '4999', '499', '49', '4', 'z', '']) {
    keys.push(await keystroke(page, '#robot-wizard-repo-search', '#add-repository-pagination', q));
  }

  const t0 = performance.now();
  await page.click('#set-repo-permissions-modal [aria-label="Bulk select toggle"]');
  await page.getByRole('menuitem', { name: /^Select all/ }).click();
  await page.click('#toggle-bulk-perms-kebab');
  await page.click('[data-testid="bulk-Write-permission"]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid$="-permission-dropdown-toggle"]')]
    .every((b) => b.textContent.trim() === 'Write'));
  const bulkMs = performance.now() - t0;
  const heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  await browser.close();

  console.log(`Set repository permissions modal, ${REPOS + 30} repositories, ${profile} build`);
  console.log('| measure | median | p95 |');
  console.log('|---|---|---|');
  console.log(`| open the modal to its table (server fetches ${Math.ceil((REPOS + 30) / 100)} pages, 5 runs) | ${median(opens).toFixed(0)} ms | ${p95(opens).toFixed(0)} ms |`);
  console.log(`| keystroke in search to filtered table (9 keystrokes) | ${median(keys).toFixed(1)} ms | ${p95(keys).toFixed(1)} ms |`);
  console.log(`| select all ${REPOS + 30}, bulk-set Write, table updated | ${bulkMs.toFixed(0)} ms | |`);
  if (heap) console.log(`| JS heap after the run | ${(heap / 1048576).toFixed(1)} MiB | |`);
} finally {
  stopServers();
}
