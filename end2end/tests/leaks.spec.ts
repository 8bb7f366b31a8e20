import { test, expect, Page } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// Issue 12: the signed-in user's Quay token never appears in any HTML, JS, wasm or
// server-function answer (robot tokens are shown only where the user asks for credentials).
// The server logs of the whole run are checked for it too (`end2end/teardown.ts`).

/** Records every response body of `page` that contains one of `secrets`. */
function watch(page: Page, secrets: string[]): string[] {
  const leaks: string[] = [];
  page.on('response', async (r) => {
    let body: Buffer;
    try {
      body = await r.body();
    } catch {
      return; // redirects and aborted loads have no body
    }
    for (const s of secrets) if (body.includes(s)) leaks.push(`${r.url()} contains a Quay token`);
  });
  return leaks;
}

async function closeModal(page: Page, id: string) {
  const modal = page.locator(`#${id}`);
  await expect(modal).toBeVisible();
  await modal.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(modal).toHaveCount(0);
}

async function tour(page: Page, base: string) {
  await openHydrated(page, `${base}/organization`);
  await openHydrated(page, `${base}/organization/acme?tab=Robotaccounts`);
  const opens: [string, string][] = [
    ['acme+deployer-set-repo-perms-btn', 'set-repo-permissions-modal'],
    ['acme+deployer-set-robot-federation-btn', 'robot-federation-modal'],
    ['acme+deployer-activity-btn', 'activity-modal'],
  ];
  for (const [item, modal] of opens) {
    await page.getByTestId('acme+deployer-toggle-kebab').click();
    await page.getByTestId(item).click();
    await closeModal(page, modal);
  }
  await page.getByPlaceholder('Search by Robot account name...').fill('acme+deployer');
  await page.locator('#robot-accounts-table').getByRole('button', { name: 'acme+deployer', exact: true }).click();
  await expect(page.getByTestId('robot-token')).toBeVisible();
  await closeModal(page, 'credentials-modal');
  await page.getByTestId('create-robot-account-btn').click();
  await closeModal(page, 'create-robot-account-modal');
  await page.goto(`${base}/signin`);
  await page.waitForLoadState('networkidle');
}

test('the Quay token reaches no page, script, wasm or server-function answer (embedded)', async ({ page }) => {
  const leaks = watch(page, [E2E.adminToken]);
  await tour(page, E2E.console);
  expect(leaks).toEqual([]);
});

test('the Quay token reaches no page, script, wasm or server-function answer (signed in to a Quay)', async ({ page }) => {
  const leaks = watch(page, [E2E.remoteToken]);
  await page.goto(`${E2E.remoteConsole}/signin`);
  await page.locator('#signin-token').fill(E2E.remoteToken);
  await page.locator('#signin-submit').click();
  await expect(page).toHaveURL(/\/organization$/);
  await tour(page, E2E.remoteConsole);
  expect(leaks).toEqual([]);
});
