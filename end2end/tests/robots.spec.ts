import { test, expect, Page } from '@playwright/test';
import { openHydrated } from './helpers';
import { Sandbox } from './sandbox';

const TAB = '/organization/acme?tab=Robotaccounts';
const table = (page: Page) => page.locator('#robot-accounts-table');
const range = (page: Page) => page.locator('#robot-accounts-pagination .pf-v6-c-menu-toggle__text');
const names = (page: Page) => table(page).locator('.rc-robot-name').allInnerTexts();
const search = (page: Page, text: string) => page.locator('#robot-account-search').fill(text);

test.beforeEach(async ({ page }) => {
  // Preferences are per browser: start each test from Quay's defaults.
  await page.addInitScript(() => window.localStorage.clear());
});

test('search filter: one match shows 1 - 1 of 1, no match shows 0 - 0 of 0', async ({ page }) => {
  await openHydrated(page, TAB);
  await search(page, 'deployer');
  await expect(range(page)).toHaveText('1 - 1 of 1');
  await expect(table(page).getByText('acme+deployer')).toBeVisible();
  await search(page, 'somethingrandome');
  await expect(range(page)).toHaveText('0 - 0 of 0');
});

test('expand shows every description on the page and collapse hides them', async ({ page }) => {
  await openHydrated(page, TAB);
  await expect(page.locator('#expand-tab')).toHaveText('Expand');
  await expect(page.locator('#collapse-tab')).toHaveText('Collapse');
  await expect(page.getByText('Deploys to production')).toHaveCount(0);
  await page.locator('#expand-tab').click();
  await expect(page.getByText('Deploys to production')).toBeVisible();
  await expect(page.getByText('Builds images in CI')).toBeVisible();
  await page.locator('#collapse-tab').click();
  await expect(page.getByText('Deploys to production')).toHaveCount(0);
  // One row by hand.
  await page.getByTestId('row-acme+ci_builder').getByRole('button', { name: 'Details' }).click();
  await expect(page.getByText('Builds images in CI')).toBeVisible();
  await expect(page.getByText('Deploys to production')).toHaveCount(0);
});

test('sorting works on every column, and Created sorts by date, not by weekday name (Quay quirk fixed)', async ({ page }) => {
  await openHydrated(page, TAB);
  await search(page, 'acme+');
  const seeded = ['acme+backup.bot', 'acme+ci_builder', 'acme+deployer', 'acme+scanner'];
  const only = async () => (await names(page)).filter((n) => seeded.includes(n));
  // Default: Created, newest first (created 10, 45, 120, 400 days ago).
  await expect.poll(only).toEqual(['acme+scanner', 'acme+ci_builder', 'acme+deployer', 'acme+backup.bot']);
  const header = (t: string) => table(page).locator('thead').getByRole('button', { name: t });
  await header('Created').click();
  await expect.poll(only).toEqual(['acme+backup.bot', 'acme+deployer', 'acme+ci_builder', 'acme+scanner']);
  await header('Robot account name').click();
  await expect.poll(only).toEqual(['acme+backup.bot', 'acme+ci_builder', 'acme+deployer', 'acme+scanner']);
  await header('Robot account name').click();
  await expect.poll(only).toEqual(['acme+scanner', 'acme+deployer', 'acme+ci_builder', 'acme+backup.bot']);
  await header('Teams').click();
  expect((await only())[3]).toBe('acme+deployer');
  await header('Repositories').click();
  await expect.poll(only).toEqual(['acme+backup.bot', 'acme+deployer', 'acme+ci_builder', 'acme+scanner']);
  // "Never" sorts as the oldest.
  await header('Last accessed').click();
  await expect.poll(only).toEqual(['acme+backup.bot', 'acme+scanner', 'acme+ci_builder', 'acme+deployer']);
  await expect(table(page).locator('thead th[aria-sort="ascending"]')).toHaveText('Last accessed');
});

test('pagination pages through 21 robots and remembers the page size per browser', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const shorts = Array.from({ length: 21 }, (_, i) => `page_${String(i).padStart(2, '0')}`);
  for (const s of shorts) await sb.createRobot('acme', s);
  try {
    await openHydrated(page, TAB);
    await search(page, 'page_');
    await expect(range(page)).toHaveText('1 - 20 of 21');
    await page.locator('#robot-accounts-pagination').getByRole('button', { name: 'Go to next page' }).click();
    await expect(range(page)).toHaveText('21 - 21 of 21');
    await expect(table(page).locator('.rc-robot-name')).toHaveCount(1);
    await page.locator('#robot-accounts-pagination').getByRole('button', { name: 'Go to previous page' }).click();
    await expect(range(page)).toHaveText('1 - 20 of 21');
    // The bottom paginator agrees.
    await expect(page.locator('#robot-accounts-pagination-bottom .pf-v6-c-menu-toggle__text')).toHaveText('1 - 20 of 21');
    await page.locator('#robot-accounts-pagination').getByRole('button', { name: 'Items per page' }).click();
    await page.locator('#robot-accounts-pagination').getByTestId('per-page-50').click();
    await expect(range(page)).toHaveText('1 - 21 of 21');
    // Remembered after a reload (gloo-storage), without the init script clearing it.
    await page.goto('about:blank');
    const fresh = await page.context().newPage();
    await openHydrated(fresh, TAB);
    await search(fresh, 'page_');
    await expect(fresh.locator('#robot-accounts-pagination .pf-v6-c-menu-toggle__text')).toHaveText('1 - 21 of 21');
    await fresh.close();
  } finally {
    for (const s of shorts) await sb.deleteRobot('acme', s);
  }
});

test('select page and select all count what the search shows', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const shorts = Array.from({ length: 22 }, (_, i) => `sel_${String(i).padStart(2, '0')}`);
  for (const s of shorts) await sb.createRobot('acme', s);
  try {
    await openHydrated(page, TAB);
    await search(page, 'sel_');
    const toggle = page.getByRole('button', { name: 'Bulk select toggle' });
    await toggle.click();
    await page.getByRole('menuitem', { name: 'Select page (20)' }).click();
    await expect(page.getByText('20 selected')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete selected items' })).toBeVisible();
    await toggle.click();
    await page.getByRole('menuitem', { name: 'Select all (22)' }).click();
    await expect(page.getByText('22 selected')).toBeVisible();
    await toggle.click();
    await page.getByRole('menuitem', { name: 'Select none' }).click();
    await expect(page.getByRole('button', { name: 'Delete selected items' })).toHaveCount(0);
    // The checkbox selects the current page.
    await page.locator('#robot-account-dropdown-checkbox').check();
    await expect(page.getByText('20 selected')).toBeVisible();
  } finally {
    for (const s of shorts) await sb.deleteRobot('acme', s);
  }
});

test('delete via the kebab needs the typed word confirm', async ({ page, request }) => {
  const sb = new Sandbox(request);
  await sb.createRobot('acme', 'kebab_victim');
  await openHydrated(page, TAB);
  await search(page, 'kebab_victim');
  await page.getByTestId('acme+kebab_victim-toggle-kebab').click();
  await page.getByTestId('acme+kebab_victim-del-btn').click();
  const modal = page.getByTestId('bulk-delete-modal');
  await expect(modal.getByText('Permanently delete robot accounts?')).toBeVisible();
  await expect(modal.getByText('This action deletes all robot accounts and cannot be recovered.')).toBeVisible();
  await expect(modal.getByRole('cell', { name: 'acme+kebab_victim' })).toBeVisible();
  const del = modal.getByTestId('bulk-delete-confirm-btn');
  await expect(del).toBeDisabled();
  await modal.getByTestId('delete-confirmation-input').fill('Confirm');
  await expect(del).toBeDisabled();
  await modal.getByTestId('delete-confirmation-input').fill('confirm');
  await del.click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Successfully deleted robot account' })).toBeVisible();
  await expect(modal).toHaveCount(0);
  await expect(range(page)).toHaveText('0 - 0 of 0');
  expect(await sb.robotNames('acme')).not.toContain('acme+kebab_victim');
});

test('bulk delete of 3 selected robots deletes exactly those three', async ({ page, request }) => {
  const sb = new Sandbox(request);
  for (const s of ['bulk_a', 'bulk_b', 'bulk_c']) await sb.createRobot('acme', s);
  await openHydrated(page, TAB);
  await search(page, 'bulk_');
  await page.getByRole('button', { name: 'Bulk select toggle' }).click();
  await page.getByRole('menuitem', { name: 'Select all (3)' }).click();
  await page.getByRole('button', { name: 'Delete selected items' }).click();
  const modal = page.getByTestId('bulk-delete-modal');
  await expect(modal.locator('tbody tr')).toHaveCount(3);
  await modal.getByTestId('delete-confirmation-input').fill('confirm');
  await modal.getByTestId('bulk-delete-confirm-btn').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Successfully deleted robot account' })).toBeVisible();
  await expect(range(page)).toHaveText('0 - 0 of 0');
  const left = await sb.robotNames('acme');
  for (const n of ['acme+bulk_a', 'acme+bulk_b', 'acme+bulk_c']) expect(left).not.toContain(n);
  expect(left).toContain('acme+deployer');
});

test('a bulk delete where one robot fails names that robot and Quay’s reason, and deletes the others', async ({ page, request }) => {
  const sb = new Sandbox(request);
  for (const s of ['fail_a', 'fail_b', 'fail_c']) await sb.createRobot('acme', s);
  await sb.fault({ method: 'DELETE', path_contains: '/robots/fail_b', status: 400, body: { message: 'Robot is being used by a mirror' }, times: 1 });
  try {
    await openHydrated(page, TAB);
    await search(page, 'fail_');
    await page.getByRole('button', { name: 'Bulk select toggle' }).click();
    await page.getByRole('menuitem', { name: 'Select all (3)' }).click();
    await page.getByRole('button', { name: 'Delete selected items' }).click();
    const modal = page.getByTestId('bulk-delete-modal');
    await modal.getByTestId('delete-confirmation-input').fill('confirm');
    await modal.getByTestId('bulk-delete-confirm-btn').click();
    await expect(modal.getByTestId('delete-failure')).toHaveText(['Failed to delete robot account acme+fail_b, Robot is being used by a mirror.']);
    await expect(modal.getByText('2 deleted, 1 failed.')).toBeVisible();
    await expect(page.getByTestId('toast').filter({ hasText: 'Error deleting robot account' })).toBeVisible();
    await modal.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(range(page)).toHaveText('1 - 1 of 1');
    const left = await sb.robotNames('acme');
    expect(left).toContain('acme+fail_b');
    expect(left).not.toContain('acme+fail_a');
    expect(left).not.toContain('acme+fail_c');
  } finally {
    await sb.clearFaults();
    await sb.deleteRobot('acme', 'fail_b');
  }
});

test('an organization without robots shows the empty state with a create button', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const globex = await sb.robotNames('globex');
  // demo is only a member of globex; use the user namespace after removing its robot instead.
  expect(globex.length).toBeGreaterThan(0);
  await sb.deleteRobot('demo', 'laptop');
  try {
    await openHydrated(page, '/organization/demo?tab=Robotaccounts');
    await expect(page.getByText('There are no viewable robot accounts for this repository')).toBeVisible();
    await expect(page.getByText('Either no robot accounts exist yet or you may not have permission to view any.', { exact: false })).toBeVisible();
    await expect(page.getByTestId('create-robot-account-btn')).toBeVisible();
  } finally {
    await sb.createRobot('demo', 'laptop', 'Pulls from my laptop');
  }
});

test('with ROBOTS_DISALLOW the empty state says robots are disabled and offers no create button', async ({ page, request }) => {
  const sb = new Sandbox(request);
  await sb.deleteRobot('demo', 'laptop');
  await sb.settings({ robots_disallow: true });
  try {
    await openHydrated(page, '/organization/demo?tab=Robotaccounts');
    await expect(page.getByText('Robot accounts have been disabled. Please contact your administrator.')).toBeVisible();
    await expect(page.getByTestId('create-robot-account-btn')).toHaveCount(0);
    // A namespace with robots keeps its table but loses the create button.
    await openHydrated(page, TAB);
    await expect(table(page).getByText('acme+deployer')).toBeVisible();
    await expect(page.getByTestId('create-robot-account-btn')).toHaveCount(0);
  } finally {
    await sb.settings({ robots_disallow: false });
    await sb.createRobot('demo', 'laptop', 'Pulls from my laptop');
  }
});

test('the user namespace lists the signed-in user’s robots', async ({ page }) => {
  await openHydrated(page, '/organization/demo?tab=Robotaccounts');
  await expect(table(page).getByText('demo+laptop')).toBeVisible();
  await expect(range(page)).toHaveText('1 - 1 of 1');
});

test('stale filter finds robots never used or unused for N days', async ({ page }) => {
  await openHydrated(page, TAB);
  await search(page, 'acme+');
  const filter = page.getByTestId('robot-usage-filter');
  const seeded = ['acme+backup.bot', 'acme+ci_builder', 'acme+deployer', 'acme+scanner'];
  const only = async () => (await names(page)).filter((n) => seeded.includes(n)).sort();
  await filter.selectOption({ label: 'Never used' });
  await expect.poll(only).toEqual(['acme+backup.bot']);
  await filter.selectOption({ label: 'Not used for 180 days' });
  await expect.poll(only).toEqual(['acme+backup.bot', 'acme+scanner']);
  await filter.selectOption({ label: 'Not used for 30 days' });
  await expect.poll(only).toEqual(['acme+backup.bot', 'acme+scanner']);
  await filter.selectOption({ label: 'All robot accounts' });
  await expect.poll(only).toEqual(seeded);
});

test('the teams link opens the Teams modal with role and member count', async ({ page }) => {
  await openHydrated(page, TAB);
  await page.getByTestId('row-acme+deployer').getByRole('button', { name: '1 team' }).click();
  const modal = page.getByTestId('robot-teams-modal');
  await expect(modal.getByRole('cell', { name: 'developers' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the tab renders its rows, toolbar and paginator on the server', async ({ page }) => {
    await page.goto(TAB);
    await expect(table(page).getByText('acme+deployer')).toBeVisible();
    await expect(table(page).getByText('acme+scanner')).toBeVisible();
    await expect(page.locator('#robot-account-search')).toBeVisible();
    await expect(range(page)).toContainText(' of ');
  });
});
