import { test, expect } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

const SEEDED = ['acme+deployer', 'acme+ci_builder', 'acme+backup.bot', 'acme+scanner'];

test('embedded mode signs in automatically and lists the demo organization robots', async ({ page }) => {
  await openHydrated(page, '/');
  await expect(page).toHaveURL(/\/organization$/);
  await expect(page.locator('#masthead-user')).toHaveText('demo');
  await page.getByRole('link', { name: 'acme', exact: true }).click();
  await expect(page).toHaveURL(/\/organization\/acme\?tab=Robotaccounts/);
  const table = page.locator('#robot-accounts-table');
  for (const name of SEEDED) {
    await expect(table.getByText(name, { exact: true })).toBeVisible();
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the robots tab is already in the server-rendered HTML', async ({ page }) => {
    await page.goto('/organization/acme?tab=Robotaccounts');
    const table = page.locator('#robot-accounts-table');
    for (const name of SEEDED) {
      await expect(table.getByText(name, { exact: true })).toBeVisible();
    }
    await expect(table.getByText('Robot account name')).toBeVisible();
  });
});

test('the user namespace lists its own robots', async ({ page }) => {
  await openHydrated(page, '/organization/demo?tab=Robotaccounts');
  await expect(page.locator('#robot-accounts-table').getByText('demo+laptop', { exact: true })).toBeVisible();
});

test('sign-out, then a wrong token gets Quay’s message, then the demo sign-in works', async ({ page }) => {
  await openHydrated(page, '/organization');
  await page.locator('#sign-out').click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator('#masthead-user')).toHaveCount(0);
  // Signed out means signed out: pages send us back to sign-in.
  await openHydrated(page, '/organization/acme?tab=Robotaccounts');
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel('Access token').fill('not-a-real-token');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#signin-error')).toHaveText('Requires authentication');
  await page.locator('#signin-demo').click();
  await expect(page).toHaveURL(/\/organization$/);
  await expect(page.locator('#masthead-user')).toHaveText('demo');
});

test('pointed at a separate quay-sandbox with --quay-url, signing in with a token shows that server’s robots', async ({ page, request }) => {
  // Make the remote server's data distinguishable: a robot only it has.
  const created = await request.put(`${E2E.remoteSandbox}/api/v1/organization/acme/robots/remote_only`, {
    headers: { Authorization: `Bearer ${E2E.remoteToken}` },
    data: { description: 'exists only on the remote sandbox' },
  });
  expect([201, 400]).toContain(created.status());
  await openHydrated(page, `${E2E.remoteConsole}/organization`);
  await expect(page).toHaveURL(/\/signin$/);
  // No embedded backend here: no demo sign-in offered.
  await expect(page.locator('#signin-demo')).toHaveCount(0);
  await page.getByLabel('Access token').fill(E2E.remoteToken);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/organization$/);
  await page.getByRole('link', { name: 'acme', exact: true }).click();
  await expect(page.locator('#robot-accounts-table').getByText('acme+remote_only', { exact: true })).toBeVisible();
  // The token never reaches the browser: not in cookies in clear, not in the page.
  const cookies = await page.context().cookies();
  for (const c of cookies) expect(c.value).not.toContain(E2E.remoteToken);
  expect(await page.content()).not.toContain(E2E.remoteToken);
});
