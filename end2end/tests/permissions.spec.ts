import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

const auth = { Authorization: `Bearer ${E2E.adminToken}` };
let counter = 0;

/** A fresh robot in acme (optionally with repository permissions), so tests stay independent. */
async function freshRobot(request: APIRequestContext, perms: Record<string, string> = {}): Promise<string> {
  const short = `perm_${Date.now().toString(36)}_${counter++}`;
  const r = await request.put(`${E2E.sandbox}/api/v1/organization/acme/robots/${short}`, {
    headers: auth,
    data: { description: 'permissions test robot' },
  });
  expect(r.status()).toBe(201);
  for (const [repo, role] of Object.entries(perms)) {
    const p = await request.put(`${E2E.sandbox}/api/v1/repository/acme/${repo}/permissions/user/acme+${short}`, {
      headers: auth,
      data: { role },
    });
    expect(p.status()).toBe(200);
  }
  return `acme+${short}`;
}

/** The robot's permissions as Quay reports them: repo -> role. */
async function permsOf(request: APIRequestContext, full: string): Promise<Record<string, string>> {
  const short = full.split('+')[1];
  const r = await request.get(`${E2E.sandbox}/api/v1/organization/acme/robots/${short}/permissions`, { headers: auth });
  expect(r.status()).toBe(200);
  const out: Record<string, string> = {};
  for (const p of (await r.json()).permissions) out[p.repository.name] = p.role;
  return out;
}

async function openPermissions(page: Page, full: string) {
  await openHydrated(page, '/organization/acme?tab=Robotaccounts');
  await page.getByTestId(`${full}-toggle-kebab`).click();
  await page.getByTestId(`${full}-set-repo-perms-btn`).click();
  const modal = page.getByTestId('set-repo-permissions-modal');
  await expect(modal.locator('.pf-v6-c-modal-box__title')).toHaveText('Set repository permissions');
  await expect(modal.locator('#robot-perms-name')).toHaveValue(full);
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toBeVisible();
  return modal;
}

test('changing one repository to Admin and saving applies it and the footer returns to Close', async ({ page, request }) => {
  const robot = await freshRobot(request);
  const modal = await openPermissions(page, robot);
  await expect(modal.locator('footer').getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  await modal.getByTestId('billing-permission-dropdown-toggle').click();
  await expect(modal.getByTestId('Admin-permission-type')).toContainText('Full admin access to the repository');
  await modal.getByTestId('Admin-permission-type').click();
  await expect(modal.getByTestId('checkbox-row-billing')).toBeChecked();
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('Admin');
  await modal.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Successfully updated repository permission' })).toBeVisible();
  await expect(modal.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(modal.locator('footer').getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  expect(await permsOf(request, robot)).toEqual({ billing: 'admin' });
});

test('bulk-setting Write on all repositories and saving gives Write on all 30', async ({ page, request }) => {
  const robot = await freshRobot(request);
  const modal = await openPermissions(page, robot);
  await modal.getByRole('button', { name: 'Bulk select toggle' }).click();
  await modal.getByRole('menuitem', { name: 'Select all (30)' }).click();
  await expect(modal.getByText('30 selected')).toBeVisible();
  await modal.getByTestId('toggle-bulk-perms-kebab').click();
  await modal.getByTestId('bulk-Write-permission').click();
  const toggles = modal.locator('[data-testid$="-permission-dropdown-toggle"]');
  await expect(toggles).toHaveCount(20);
  for (const t of await toggles.all()) await expect(t).toHaveText('Write');
  await modal.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(modal.getByTestId('save-progress-counts')).toHaveText('30 of 30 done, 0 failed');
  await expect(modal.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  const perms = await permsOf(request, robot);
  expect(Object.keys(perms)).toHaveLength(30);
  expect(new Set(Object.values(perms))).toEqual(new Set(['write']));
});

test('checking a row defaults it to Read and choosing None unchecks it', async ({ page, request }) => {
  const robot = await freshRobot(request);
  const modal = await openPermissions(page, robot);
  await modal.getByTestId('checkbox-row-billing').check();
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('Read');
  await expect(modal.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await modal.getByTestId('billing-permission-dropdown-toggle').click();
  await modal.getByTestId('None-permission-type').click();
  await expect(modal.getByTestId('checkbox-row-billing')).not.toBeChecked();
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('None');
  await expect(modal.locator('footer').getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  await expect(modal.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
});

test('reopening shows Write as Write (PROJQUAY-10084 showed it as Read)', async ({ page, request }) => {
  const robot = await freshRobot(request, { billing: 'write', checkout: 'read' });
  const modal = await openPermissions(page, robot);
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('Write');
  await expect(modal.getByTestId('checkbox-row-billing')).toBeChecked();
  await expect(modal.getByTestId('checkout-permission-dropdown-toggle')).toHaveText('Read');
  await modal.getByTestId('Selected').click();
  await expect(modal.locator('[data-testid$="-permission-dropdown-toggle"]')).toHaveCount(2);
});

test('search filters all repositories, not just the page shown, and is case-sensitive', async ({ page, request }) => {
  const robot = await freshRobot(request);
  const modal = await openPermissions(page, robot);
  await expect(modal.getByTestId('legacy-monolith-permission-dropdown-toggle')).toHaveCount(0);
  await modal.getByTestId('robot-wizard-repo-search').fill('legacy');
  await expect(modal.getByTestId('legacy-monolith-permission-dropdown-toggle')).toBeVisible();
  await expect(modal.locator('[data-testid$="-permission-dropdown-toggle"]')).toHaveCount(1);
  await expect(modal.getByTestId('add-repository-pagination').locator('.pf-v6-c-menu-toggle__text')).toHaveText('1 - 1 of 1');
  await modal.getByTestId('robot-wizard-repo-search').fill('Legacy');
  await expect(modal.locator('[data-testid$="-permission-dropdown-toggle"]')).toHaveCount(0);
});

test('a save with an injected failure shows progress and the failure, and Retry failed completes it', async ({ page, request }) => {
  const robot = await freshRobot(request, { checkout: 'read' });
  // Four 500s: every attempt of the save path's retry policy fails for this one repository.
  const fault = await request.post(`${E2E.sandbox}/sandbox/faults`, {
    headers: auth,
    data: { method: 'PUT', path_contains: `/repository/acme/billing/permissions/user/${robot}`, status: 500, times: 4 },
  });
  expect(fault.ok()).toBeTruthy();
  const modal = await openPermissions(page, robot);
  await modal.getByTestId('checkbox-row-billing').check();
  await modal.getByTestId('checkbox-row-user-profile').check();
  await modal.getByTestId('checkbox-row-checkout').uncheck();
  await modal.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(modal.getByTestId('save-progress')).toBeVisible();
  await expect(modal.getByTestId('save-progress-counts')).toHaveText('2 of 3 done, 1 failed');
  await expect(modal.getByTestId('save-failures')).toContainText(
    'Failed to update robot repository permission billing, Injected fault (500).',
  );
  await expect(page.getByTestId('toast').filter({ hasText: 'Failed to update repository permission' })).toBeVisible();
  expect(await permsOf(request, robot)).toEqual({ 'user-profile': 'read' });
  await modal.getByTestId('retry-failed-btn').click();
  await expect(modal.getByTestId('save-progress-counts')).toHaveText('1 of 1 done, 0 failed');
  await expect(modal.getByTestId('save-failures')).toHaveCount(0);
  await expect(modal.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  expect(await permsOf(request, robot)).toEqual({ billing: 'read', 'user-profile': 'read' });
});
