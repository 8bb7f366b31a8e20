import { test, expect, Browser, Page, APIRequestContext } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// Issue 20: what an administrator, a plain member, an outsider, a superuser and a token without
// `org:admin` each see, against the separately started Quay-compatible server (per-user mode).

async function mint(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const r = await request.post(`${E2E.remoteSandbox}/sandbox/tokens`, {
    headers: { Authorization: `Bearer ${E2E.remoteToken}` },
    data: body,
  });
  expect(r.ok(), await r.text()).toBeTruthy();
  return (await r.json()).token;
}

/** A browser signed in to the per-user console with `token`. */
async function signedIn(browser: Browser, token: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${E2E.remoteConsole}/signin`);
  await page.locator('#signin-token').fill(token);
  await page.locator('#signin-submit').click();
  await expect(page).toHaveURL(/\/organization$/);
  return page;
}

const TAB = `${E2E.remoteConsole}/organization/acme?tab=Robotaccounts`;

test('an administrator gets every action', async ({ browser }) => {
  const page = await signedIn(browser, E2E.remoteToken);
  await expect(page.getByTestId('role-acme')).toHaveText('Administrator');
  await openHydrated(page, TAB);
  await expect(page.getByTestId('create-robot-account-btn')).toBeVisible();
  await expect(page.getByTestId('acme+deployer-toggle-kebab')).toBeVisible();
  await expect(page.getByTestId('row-acme+deployer')).toContainText('1 team');
  await expect(page.getByTestId('standing-note')).toHaveCount(0);
});

test('a plain member sees robot names only, a note, and no action that would end in a 403', async ({ browser, request }) => {
  const page = await signedIn(browser, await mint(request, { user: 'bob' }));
  await expect(page.getByTestId('role-acme')).toHaveText('Member');
  await openHydrated(page, TAB);
  await expect(page.getByTestId('standing-note')).toHaveText(
    "Only administrators of acme (the members of team owners) can see and manage its robot accounts' permissions, teams and credentials.",
  );
  const row = page.getByTestId('row-acme+deployer');
  await expect(row).toBeVisible();
  // Quay answered names only: no "No teams" claims, no links, no kebab, no checkboxes.
  await expect(row).not.toContainText('team');
  await expect(row).not.toContainText('repositor');
  await expect(row.getByRole('button', { name: 'acme+deployer' })).toHaveCount(0);
  await expect(page.getByTestId('create-robot-account-btn')).toHaveCount(0);
  await expect(page.getByTestId('acme+deployer-toggle-kebab')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Bulk select toggle' })).toHaveCount(0);
  await expect(row.getByRole('checkbox')).toHaveCount(0);
});

test('an outsider is told they are not a member', async ({ browser, request }) => {
  const page = await signedIn(browser, await mint(request, { user: 'olivia' }));
  await expect(page.getByTestId('ns-acme')).toHaveCount(0);
  await openHydrated(page, TAB);
  await expect(page.getByText('No access to this organization')).toBeVisible();
  await expect(page.getByText('You are not a member of acme. Only its members can see its robot accounts, and only its administrators can manage them.')).toBeVisible();
  await expect(page.getByTestId('create-robot-account-btn')).toHaveCount(0);
});

test('a superuser sees every organization and is told superuser rights are in use', async ({ browser, request }) => {
  const page = await signedIn(browser, await mint(request, { user: 'quayadmin', superuser: true }));
  await expect(page.getByTestId('superuser-note')).toBeVisible();
  await expect(page.getByTestId('role-acme')).toHaveText('Superuser');
  await expect(page.getByTestId('role-globex')).toHaveText('Superuser');
  await openHydrated(page, TAB);
  await expect(page.getByTestId('standing-note')).toContainText('through your superuser rights');
  await expect(page.getByTestId('create-robot-account-btn')).toBeVisible();
  await expect(page.getByTestId('acme+deployer-toggle-kebab')).toBeVisible();
});

test('a token without org:admin is told which scope is missing, and the sign-in page lists the scopes', async ({ browser, request }) => {
  const page = await signedIn(browser, await mint(request, { user: 'demo', scopes: ['repo:read', 'user:read'] }));
  await openHydrated(page, TAB);
  await expect(page.getByText('Failed to fetch Robot Accounts')).toBeVisible();
  await expect(page.getByText(/lacks the org:admin scope \("Administer Organization"/)).toBeVisible();
  await page.goto(`${E2E.remoteConsole}/signin`);
  await expect(page.getByTestId('signin-scopes')).toContainText('Administer Organization (org:admin)');
});
