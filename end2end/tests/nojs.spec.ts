import { test, expect } from '@playwright/test';
import { E2E } from '../playwright.config';

// Runs in the "nojs" project (javaScriptEnabled: false, see playwright.config.ts): every page that
// lists data shows it from the server-rendered HTML, and says which actions need JavaScript.

test('organizations list their namespaces, and a link leads to the robots tab', async ({ page }) => {
  await page.goto('/organization');
  const acme = page.getByRole('link', { name: 'acme', exact: true });
  await expect(acme).toBeVisible();
  await acme.click();
  await expect(page).toHaveURL(/\/organization\/acme/);
  await expect(page.locator('#robot-accounts-table .rc-robot-name').first()).toContainText('acme+');
});

test('the robots tab shows its rows and a note that its actions need JavaScript', async ({ page }) => {
  await page.goto('/organization/acme?tab=Robotaccounts');
  const table = page.locator('#robot-accounts-table');
  // Earlier specs add robots, so which ones are on page 1 varies: any acme robot will do.
  await expect(table.locator('.rc-robot-name').first()).toContainText('acme+');
  await expect(page.locator('#robot-accounts-pagination')).toContainText(' of ');
  const note = page.getByTestId('nojs-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('need JavaScript');
});

test('the user namespace lists its robots', async ({ page }) => {
  await page.goto('/organization/demo?tab=Robotaccounts');
  await expect(page.locator('#robot-accounts-table .rc-robot-name').first()).toBeVisible();
  await expect(page.getByTestId('nojs-note')).toBeVisible();
});

test('the chosen dark theme needs no JavaScript', async ({ page, context }) => {
  await context.addCookies([{ name: 'rc-theme', value: 'dark', url: E2E.console }]);
  await page.goto('/organization');
  await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
});

test('the access report says it gathers in the browser and links to the summary gathered on the server', async ({ page }) => {
  await page.goto('/organization/acme?tab=Robotaccess');
  const note = page.getByTestId('nojs-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('need JavaScript');
  await page.getByTestId('access-server-summary-link').click();
  await expect(page).toHaveURL(/tab=Robotaccess&summary=server/);
  const table = page.getByTestId('access-server-summary');
  await expect(table.locator('thead th')).toHaveText(['Robot account', 'Admin', 'Write', 'Read', 'Teams', 'Last accessed', 'Federation', 'Created', 'Risks']);
  // The seeded robots are there, with their counts; which others earlier specs added varies.
  const deployer = page.getByTestId('access-server-row').filter({ has: page.locator('td[data-label="Robot account"]', { hasText: /^acme\+deployer$/ }) });
  await expect(deployer).toHaveCount(1);
  await expect(deployer.locator('td[data-label="Federation"]')).toHaveText(/Configured|Not configured/);
  await expect(page.getByTestId('access-live-link')).toHaveAttribute('href', '/organization/acme?tab=Robotaccess');
});

test('robots as code says what needs JavaScript', async ({ page }) => {
  await page.goto('/organization/acme?tab=RobotsAsCode');
  await expect(page.getByTestId('iac-tab')).toBeVisible();
  const note = page.getByTestId('nojs-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('need JavaScript');
});

test('signing in with a token and signing out work without JavaScript', async ({ page, request }) => {
  // The per-user console: a token of the separately started Quay-compatible server.
  const minted = await request.post(`${E2E.remoteSandbox}/sandbox/tokens`, {
    headers: { Authorization: `Bearer ${E2E.remoteToken}` },
    data: { user: 'olivia' },
  });
  expect(minted.ok(), await minted.text()).toBeTruthy();
  await page.goto(`${E2E.remoteConsole}/signin`);
  await page.locator('#signin-token').fill((await minted.json()).token);
  // A plain form post (Origin: null under the pages' no-referrer policy), answered by a redirect.
  await page.locator('#signin-submit').click();
  await expect(page).toHaveURL(/\/organization$/);
  await expect(page.locator('#masthead-user')).toHaveText('olivia');
  await page.locator('#sign-out').click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator('#masthead-user')).toHaveCount(0);
});
