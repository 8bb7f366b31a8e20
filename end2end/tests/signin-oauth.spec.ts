import { test, expect, Page } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// Issue 13: "Sign in with Quay" (OAuth2 authorization code) against the remote sandbox, which
// implements Quay's endpoints and a small sign-in page of its own.

/** Starts the flow at `console`, signs in at the sandbox as demo; leaves the consent page open. */
async function toConsent(page: Page, console: string) {
  await page.goto(`${console}/signin`);
  await page.locator('#signin-with-quay').click();
  await expect(page).toHaveURL(new RegExp(`^${E2E.remoteSandbox}/oauth/`));
  await page.locator('#signin-username').fill('demo');
  await page.locator('#signin-password').fill('password');
  await page.locator('#signin-submit').click();
  await expect(page.locator('#oauth-authorize')).toBeVisible();
}

test('sign in with Quay: consent, back to the console, signed in as that user', async ({ page }) => {
  await toConsent(page, E2E.remoteConsole);
  await page.locator('#oauth-authorize').click();
  await expect(page).toHaveURL(`${E2E.remoteConsole}/organization`);
  await openHydrated(page, `${E2E.remoteConsole}/organization/acme?tab=Robotaccounts`);
  await expect(page.locator('#masthead-user')).toHaveText('demo');
  await expect(page.getByTestId('row-acme+deployer')).toBeVisible();
  // The session is the console's: the code cannot be replayed, and the nonce was used up.
  const cookies = await page.context().cookies(E2E.remoteConsole);
  expect(cookies.find((c) => c.name === 'rc_oauth')).toBeUndefined();
});

test('a denied consent comes back to the sign-in page with a clear message', async ({ page }) => {
  await toConsent(page, E2E.remoteConsole);
  await page.locator('#oauth-deny').click();
  await expect(page).toHaveURL(`${E2E.remoteConsole}/signin?error=authorization_denied`);
  await expect(page.getByTestId('oauth-error')).toHaveText('You cancelled the sign-in at Quay. Sign in again, or paste an access token.');
});

test('a wrong client secret is named, and nothing is signed in', async ({ page }) => {
  await toConsent(page, E2E.badSecretConsole);
  await page.locator('#oauth-authorize').click();
  await expect(page).toHaveURL(`${E2E.badSecretConsole}/signin?error=invalid_client`);
  await expect(page.getByTestId('oauth-error')).toContainText('wrong client id or secret');
  const cookies = await page.context().cookies(E2E.badSecretConsole);
  expect(cookies.find((c) => c.name === 'rc_session')).toBeUndefined();
});

test('a callback this browser did not start is refused (login CSRF)', async ({ page }) => {
  const forged = 'A'.repeat(43);
  await page.goto(`${E2E.remoteConsole}/oauth/callback/${forged}?code=attacker-code`);
  await expect(page).toHaveURL(`${E2E.remoteConsole}/signin?error=state_mismatch`);
  await expect(page.getByTestId('oauth-error')).toContainText('did not start in this browser');
});
