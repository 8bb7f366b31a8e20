import { test, expect, APIRequestContext } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';
import { Sandbox } from './sandbox';

// Issues 13 and 19: two console replicas with one session key serve one signed-in browser
// alternately (cookies are per host, so both ports see the same session), including a bulk
// permission save and a wizard create; a save streams monotonic progress to the page.

const remote = (request: APIRequestContext) => new Sandbox(request, E2E.remoteSandbox, E2E.remoteToken);

test('one browser session alternates between two replicas: sign-in, bulk save, wizard create', async ({ page, request }) => {
  const sb = remote(request);
  await sb.createRobot('acme', 'replica_e2e');
  try {
    // Sign in on the first replica.
    await page.goto(`${E2E.remoteConsole}/signin`);
    await page.locator('#signin-token').fill(E2E.remoteToken);
    await page.locator('#signin-submit').click();
    await expect(page).toHaveURL(`${E2E.remoteConsole}/organization`);
    // The second replica knows the session.
    await openHydrated(page, `${E2E.replicaConsole}/organization/acme?tab=Robotaccounts`);
    await expect(page.locator('#masthead-user')).toHaveText('demo');
    // A bulk save on the second replica.
    await page.getByPlaceholder('Search by Robot account name...').fill('replica_e2e');
    await page.getByTestId('acme+replica_e2e-toggle-kebab').click();
    await page.getByTestId('acme+replica_e2e-set-repo-perms-btn').click();
    const modal = page.getByTestId('set-repo-permissions-modal');
    await modal.getByRole('button', { name: 'Bulk select toggle' }).click();
    await modal.getByRole('menuitem', { name: 'Select all (30)' }).click();
    await modal.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(modal.getByTestId('save-progress-counts')).toHaveText('30 of 30 done, 0 failed');
    const perms = (await sb.get('/api/v1/organization/acme/robots/replica_e2e/permissions')).permissions;
    expect(perms).toHaveLength(30);
    // A wizard create back on the first replica.
    await openHydrated(page, `${E2E.remoteConsole}/organization/acme?tab=Robotaccounts`);
    await page.getByTestId('create-robot-account-btn').click();
    const wizard = page.getByTestId('create-robot-account-modal');
    await wizard.getByTestId('robot-wizard-form-name').fill('replica_wiz');
    await wizard.getByTestId('create-robot-submit').first().click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Successfully created robot account with robot name: acme+replica_wiz' })).toBeVisible();
    expect(await sb.robotNames('acme')).toContain('acme+replica_wiz');
  } finally {
    await sb.deleteRobot('acme', 'replica_e2e');
    await sb.deleteRobot('acme', 'replica_wiz');
  }
});

test('a save streams its progress to the page: the counts only grow, to the total', async ({ page, request }) => {
  const sb = new Sandbox(request);
  await sb.createRobot('acme', 'stream_e2e');
  try {
    await openHydrated(page, '/organization/acme?tab=Robotaccounts');
    await page.getByPlaceholder('Search by Robot account name...').fill('stream_e2e');
    await page.getByTestId('acme+stream_e2e-toggle-kebab').click();
    await page.getByTestId('acme+stream_e2e-set-repo-perms-btn').click();
    const modal = page.getByTestId('set-repo-permissions-modal');
    await modal.getByRole('button', { name: 'Bulk select toggle' }).click();
    await modal.getByRole('menuitem', { name: 'Select all (30)' }).click();
    // Slow, uneven calls (30 run at once): the outcomes arrive spread over about half a second.
    await sb.settings({ latency_ms: 100, latency_jitter_ms: 600 });
    // Record every value the progress bar takes, as the page renders them.
    await page.evaluate(() => {
      (window as any).seen = [];
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="save-progress-bar"]');
        if (bar) (window as any).seen.push(Number(bar.getAttribute('aria-valuenow')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });
    await modal.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(modal.getByTestId('save-progress-counts')).toHaveText('30 of 30 done, 0 failed');
    const seen: number[] = await page.evaluate(() => (window as any).seen);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    expect(seen[seen.length - 1]).toBe(30);
    expect(new Set(seen).size, `distinct values ${JSON.stringify(seen)}`).toBeGreaterThan(2);
  } finally {
    await sb.settings({ latency_ms: 0, latency_jitter_ms: 0 });
    await sb.deleteRobot('acme', 'stream_e2e');
  }
});
