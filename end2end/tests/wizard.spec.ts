import { test, expect, Page, APIRequestContext, Locator } from '@playwright/test';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';
import { Sandbox } from './sandbox';

const ORG_TAB = '/organization/acme?tab=Robotaccounts';
const USER_TAB = '/organization/demo?tab=Robotaccounts';
const auth = { Authorization: `Bearer ${E2E.adminToken}` };
let counter = 0;

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${counter++}`;
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text });

async function openWizard(page: Page, url = ORG_TAB): Promise<Locator> {
  await page.addInitScript(() => window.localStorage.clear());
  await openHydrated(page, url);
  await page.getByTestId('create-robot-account-btn').first().click();
  const modal = page.getByTestId('create-robot-account-modal');
  await expect(modal.locator('.pf-v6-c-modal-box__title')).toHaveText('Create robot account (organization/namespace)');
  return modal;
}

const navItems = (modal: Locator) => modal.locator('.pf-v6-c-wizard__nav-link');
const next = (modal: Locator) => modal.getByTestId('next-btn').click();
const submit = (modal: Locator) => modal.getByTestId('create-robot-submit');

async function checkRepo(modal: Locator, repo: string, perm?: string) {
  await modal.getByTestId('robot-wizard-repo-search').fill(repo);
  await modal.getByTestId(`checkbox-row-${repo}`).check();
  if (perm) {
    await modal.getByTestId(`${repo}-permission-dropdown-toggle`).click();
    await modal.getByTestId(`${perm}-permission-type`).click();
  }
  await expect(modal.getByTestId(`${repo}-permission-dropdown-toggle`)).toHaveText(perm ?? 'Read');
}

async function get(request: APIRequestContext, path: string) {
  const r = await request.get(`${E2E.sandbox}${path}`, { headers: auth });
  expect(r.status(), await r.text()).toBe(200);
  return r.json();
}

async function repoPerms(request: APIRequestContext, short: string): Promise<Record<string, string>> {
  const body = await get(request, `/api/v1/organization/acme/robots/${short}/permissions`);
  const out: Record<string, string> = {};
  for (const p of body.permissions) out[p.repository.name] = p.role;
  return out;
}

async function teamMembers(request: APIRequestContext, team: string): Promise<string[]> {
  const body = await get(request, `/api/v1/organization/acme/team/${team}/members?includePending=true`);
  return body.members.map((m: { name: string }) => m.name);
}

test('the organization wizard has five steps, and the review toggles between teams, repositories and default permissions', async ({ page }) => {
  const modal = await openWizard(page);
  await expect(navItems(modal)).toHaveText([
    'Robot name and description',
    'Add to team (optional)',
    'Add to repository (optional)',
    'Default permissions (optional)',
    'Review and Finish',
  ]);
  await expect(modal.getByRole('heading', { name: 'Provide robot account name and description' })).toBeVisible();
  // Step 1 has Next, Review and Finish and Cancel, no Back.
  await expect(modal.getByTestId('back-btn')).toHaveCount(0);
  await expect(submit(modal)).toBeDisabled();
  await modal.getByTestId('robot-wizard-form-name').fill('reviewbot');
  await modal.getByTestId('robot-wizard-form-description').fill('a description');
  await next(modal);
  await expect(modal.getByRole('heading', { name: 'Add to team (optional)' })).toBeVisible();
  await expect(modal.getByTestId('create-robot-submit')).toHaveCount(0);
  await modal.getByTestId('checkbox-row-developers').check();
  await next(modal);
  await expect(modal.getByRole('heading', { name: 'Add to repository (optional)' })).toBeVisible();
  await checkRepo(modal, 'billing', 'Write');
  // The step fits the modal: no horizontal scrolling (PROJQUAY-12151).
  const body = modal.locator('.pf-v6-c-wizard__main-body');
  expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await next(modal);
  await expect(modal.getByRole('heading', { name: 'Default permissions (Optional)' })).toBeVisible();
  await expect(modal.getByTestId('applied-to-input')).toHaveValue('reviewbot');
  await expect(modal.getByTestId('default-permission-dropdown-toggle')).toHaveText('None');
  await modal.getByTestId('default-permission-dropdown-toggle').click();
  await modal.getByTestId('Read-permission-type').click();
  await expect(modal.getByTestId('default-permission-dropdown-toggle')).toHaveText('Read');
  await next(modal);
  await expect(modal.getByRole('heading', { name: 'Review and finish' })).toBeVisible();
  await expect(modal.getByTestId('next-btn')).toHaveCount(0);
  await expect(submit(modal)).toBeEnabled();
  await expect(modal.locator('#review-robot-name')).toHaveValue('reviewbot');
  await expect(modal.locator('#review-robot-description')).toHaveValue('a description');
  const toggles = modal.locator('.rc-wizard__review-toggle .pf-v6-c-toggle-group__button');
  await expect(toggles).toHaveText(['Teams', 'Repositories', 'Default permissions']);
  await expect(modal.getByTestId('review-teams-table')).toContainText('developers');
  await toggles.nth(1).click();
  await expect(modal.getByTestId('review-repo-billing')).toContainText('Write');
  await toggles.nth(2).click();
  await expect(modal.getByTestId('review-default-permission')).toContainText('Read');
  // Back keeps what was chosen; the nav jumps straight to a step.
  await modal.getByTestId('back-btn').click();
  await expect(modal.getByTestId('default-permission-dropdown-toggle')).toHaveText('Read');
  await navItems(modal).nth(0).click();
  await expect(modal.getByTestId('robot-wizard-form-name')).toHaveValue('reviewbot');
  // Closing with something entered asks first; Keep editing keeps it all.
  await modal.getByTestId('create-robot-cancel').click();
  await expect(modal.getByTestId('discard-confirm')).toContainText('Discard this robot account?');
  await modal.getByTestId('keep-editing-btn').click();
  await expect(modal.getByTestId('discard-confirm')).toHaveCount(0);
  await expect(modal.getByTestId('robot-wizard-form-name')).toHaveValue('reviewbot');
  await modal.locator('.pf-v6-c-modal-box__close button').click();
  await modal.getByTestId('discard-btn').click();
  await expect(modal).toHaveCount(0);
  // An untouched wizard closes at once.
  await page.getByTestId('create-robot-account-btn').first().click();
  await modal.getByTestId('create-robot-cancel').click();
  await expect(modal).toHaveCount(0);
});

test('the user namespace wizard has three steps and creates a user robot', async ({ page }) => {
  const modal = await openWizard(page, USER_TAB);
  await expect(navItems(modal)).toHaveText(['Robot name and description', 'Add to repository (optional)', 'Review and Finish']);
  const short = unique('userbot');
  await modal.getByTestId('robot-wizard-form-name').fill(short);
  await navItems(modal).nth(2).click();
  await expect(modal.locator('.rc-wizard__review-toggle .pf-v6-c-toggle-group__button')).toHaveText(['Repositories']);
  await submit(modal).click();
  await expect(toast(page, `Successfully created robot account with robot name: demo+${short}`)).toBeVisible();
  await expect(modal).toHaveCount(0);
  await page.locator('#robot-account-search').fill(short);
  await expect(page.locator('#robot-accounts-table')).toContainText(`demo+${short}`);
});

test('creating from step 1 submits at once, the list shows the robot, and a reopened wizard is empty', async ({ page, request }) => {
  const modal = await openWizard(page);
  const short = unique('newtestrob');
  await modal.getByTestId('robot-wizard-form-name').fill(short);
  await modal.getByTestId('robot-wizard-form-description').fill('made from step one');
  await submit(modal).click();
  await expect(toast(page, `Successfully created robot account with robot name: acme+${short}`)).toBeVisible();
  await expect(modal).toHaveCount(0);
  await page.locator('#robot-account-search').fill(short);
  await expect(page.locator('#robot-accounts-pagination .pf-v6-c-menu-toggle__text')).toHaveText('1 - 1 of 1');
  const robot = await get(request, `/api/v1/organization/acme/robots/${short}`);
  expect(robot.description).toBe('made from step one');

  await page.getByTestId('create-robot-account-btn').first().click();
  const again = page.getByTestId('create-robot-account-modal');
  await expect(again.getByTestId('robot-wizard-form-name')).toHaveValue('');
  await expect(again.getByTestId('robot-wizard-form-description')).toHaveValue('');
  await next(again);
  await expect(again.locator('#add-team-bulk-select')).not.toBeChecked();
  await next(again);
  await expect(again.locator('#add-repository-bulk-select')).not.toBeChecked();
  await next(again);
  await expect(again.getByTestId('default-permission-dropdown-toggle')).toHaveText('None');
});

test('a robot with 2 teams, 3 repositories and a default permission gets every one of them', async ({ page, request }) => {
  const modal = await openWizard(page);
  const short = unique('fullbot');
  await modal.getByTestId('robot-wizard-form-name').fill(short);
  await next(modal);
  await modal.getByTestId('checkbox-row-developers').check();
  await modal.getByTestId('checkbox-row-readers').check();
  await next(modal);
  await checkRepo(modal, 'billing');
  await checkRepo(modal, 'checkout', 'Write');
  await checkRepo(modal, 'inventory', 'Admin');
  await modal.getByTestId('robot-wizard-repo-search').fill('');
  await modal.getByRole('button', { name: 'Selected', exact: true }).click();
  await expect(modal.locator('[data-testid$="-permission-dropdown-toggle"]')).toHaveCount(3);
  await next(modal);
  await modal.getByTestId('default-permission-dropdown-toggle').click();
  await modal.getByTestId('Write-permission-type').click();
  await next(modal);
  await submit(modal).click();
  await expect(toast(page, `Successfully created robot account with robot name: acme+${short}`)).toBeVisible();
  await expect(modal).toHaveCount(0);

  expect(await repoPerms(request, short)).toEqual({ billing: 'read', checkout: 'write', inventory: 'admin' });
  expect(await teamMembers(request, 'developers')).toContain(`acme+${short}`);
  expect(await teamMembers(request, 'readers')).toContain(`acme+${short}`);
  expect(await teamMembers(request, 'owners')).not.toContain(`acme+${short}`);
  const protos = (await get(request, '/api/v1/organization/acme/prototypes')).prototypes.filter(
    (p: { delegate: { name: string } }) => p.delegate.name === `acme+${short}`,
  );
  expect(protos).toHaveLength(1);
  expect(protos[0].role).toBe('write');
  expect(protos[0].activating_user).toBeNull();
  // The list shows the new robot with its teams and repositories.
  await page.locator('#robot-account-search').fill(short);
  const row = page.locator('#robot-accounts-table tbody').filter({ hasText: `acme+${short}` });
  await expect(row).toContainText('2 teams');
  await expect(row).toContainText('3 repositories');
});

test('a duplicate name shows Quay’s message and keeps everything entered', async ({ page }) => {
  const modal = await openWizard(page);
  await modal.getByTestId('robot-wizard-form-name').fill('deployer');
  await modal.getByTestId('robot-wizard-form-description').fill('keep me');
  await next(modal);
  await modal.getByTestId('checkbox-row-owners').check();
  await navItems(modal).nth(4).click();
  await submit(modal).click();
  await expect(toast(page, 'Error, Existing robot with name: acme+deployer.')).toBeVisible();
  await expect(modal.getByTestId('danger-alert')).toContainText('Error, Existing robot with name: acme+deployer.');
  await expect(modal.locator('#review-robot-name')).toHaveValue('deployer');
  await navItems(modal).nth(0).click();
  await expect(modal.getByTestId('robot-wizard-form-name')).toHaveValue('deployer');
  await expect(modal.getByTestId('robot-wizard-form-description')).toHaveValue('keep me');
  await navItems(modal).nth(1).click();
  await expect(modal.getByTestId('checkbox-row-owners')).toBeChecked();
});

test('an invalid name turns the helper red and disables submit; a valid one turns it green', async ({ page }) => {
  const modal = await openWizard(page);
  const name = modal.getByTestId('robot-wizard-form-name');
  const helper = modal.locator('#robot-wizard-form-name-helper .pf-v6-c-helper-text__item').first();
  await expect(helper).not.toHaveClass(/pf-m-(error|success)/);
  for (const bad of ['Bad-Name!', 'a', 'ends-', 'two..dots']) {
    await name.fill(bad);
    await expect(helper).toHaveClass(/pf-m-error/);
    await expect(submit(modal)).toBeDisabled();
  }
  // Next still works with an invalid name (only submitting is gated); the last step cannot submit.
  await navItems(modal).nth(4).click();
  await expect(submit(modal)).toBeDisabled();
  await navItems(modal).nth(0).click();
  await name.fill('good_name.1');
  await expect(helper).toHaveClass(/pf-m-success/);
  await expect(modal.getByTestId('robot-full-name')).toHaveText('The robot will be acme+good_name.1.');
  await expect(submit(modal)).toBeEnabled();
  // The description stops at 255 characters.
  await modal.getByTestId('robot-wizard-form-description').fill('x'.repeat(300));
  await expect(modal.getByTestId('robot-wizard-form-description')).toHaveValue('x'.repeat(255));
  await expect(modal.getByText('255/255 characters')).toBeVisible();
});

test('creating a team inline selects it, with Quay’s server rule for team names', async ({ page, request }) => {
  const modal = await openWizard(page);
  const short = unique('teambot');
  await modal.getByTestId('robot-wizard-form-name').fill(short);
  await next(modal);
  const team = unique('ci-team.');
  const search = modal.getByTestId('add-team-search');
  await expect(search).toHaveAttribute('placeholder', 'Search, create team');
  await search.fill(team);
  await modal.getByTestId('create-new-team-btn').click();
  const drawer = modal.getByTestId('create-team-drawer');
  await expect(drawer).toBeVisible();
  await expect(modal.getByTestId('next-btn')).toHaveCount(0);
  const input = drawer.getByTestId('create-team-name-input');
  // The search text is carried over; a name Quay's server refuses keeps the button disabled.
  await expect(input).toHaveValue(team);
  await input.fill('Bad Team');
  await expect(drawer.getByTestId('add-team-account-btn')).toBeDisabled();
  // A hyphen is fine for Quay's server (Quay's UI refuses it).
  await input.fill(team);
  await drawer.getByTestId('create-team-description-input').fill('made in the wizard');
  await drawer.getByTestId('add-team-account-btn').click();
  await expect(toast(page, `Successfully created new team: ${team}`)).toBeVisible();
  await expect(drawer).toHaveCount(0);
  await expect(modal.getByTestId(`checkbox-row-${team}`)).toBeChecked();
  // An existing team is refused, not overwritten.
  await modal.getByTestId('add-team-search').click();
  await modal.getByTestId('create-new-team-btn').click();
  await modal.getByTestId('create-team-name-input').fill('owners');
  await modal.getByTestId('add-team-account-btn').click();
  await expect(toast(page, 'Team "owners" already exists')).toBeVisible();
  await modal.getByTestId('create-team-drawer').getByRole('button', { name: 'Cancel' }).click();
  // Leaving the step with the drawer open closes it and brings the footer back.
  await modal.getByTestId('add-team-search').click();
  await modal.getByTestId('create-new-team-btn').click();
  await expect(modal.getByTestId('create-team-drawer')).toBeVisible();
  await navItems(modal).nth(2).click();
  await expect(modal.getByTestId('next-btn')).toBeVisible();
  await navItems(modal).nth(1).click();
  await expect(modal.getByTestId('create-team-drawer')).toHaveCount(0);
  await navItems(modal).nth(4).click();
  await submit(modal).click();
  await expect(toast(page, `Successfully created robot account with robot name: acme+${short}`)).toBeVisible();
  expect(await teamMembers(request, team)).toEqual([`acme+${short}`]);
  const org = await get(request, '/api/v1/organization/acme');
  expect(org.teams.owners.role).toBe('admin');
  expect(org.teams[team].role).toBe('member');
});

test('the wizard’s searches stay in the wizard and do not leak into the page search', async ({ page, request }) => {
  const modal = await openWizard(page);
  await next(modal);
  await modal.getByTestId('add-team-search').fill('dev');
  await expect(modal.locator('#add-team-table tbody tr')).toHaveCount(1);
  await next(modal);
  await modal.getByTestId('robot-wizard-repo-search').fill('billing');
  await expect(modal.locator('[data-testid$="-permission-dropdown-toggle"]')).toHaveCount(1);
  await expect(page.locator('#robot-account-search')).toHaveValue('');
  await modal.getByTestId('create-robot-cancel').click();
  await expect(page.locator('#robot-account-search')).toHaveValue('');
  // The page still lists every robot of the organization.
  const total = (await new Sandbox(request).robotNames('acme')).length;
  await expect(page.locator('#robot-accounts-pagination .pf-v6-c-menu-toggle__text')).toHaveText(
    `1 - ${Math.min(total, 20)} of ${total}`,
  );
  // And the page search does not reach into a newly opened wizard.
  await page.locator('#robot-account-search').fill('deployer');
  await page.getByTestId('create-robot-account-btn').first().click();
  await next(modal);
  await expect(modal.getByTestId('add-team-search')).toHaveValue('');
  await next(modal);
  await expect(modal.getByTestId('robot-wizard-repo-search')).toHaveValue('');
});

test('in the repository step a checked row defaults to Read and None unchecks it', async ({ page }) => {
  const modal = await openWizard(page);
  await navItems(modal).nth(2).click();
  await modal.getByTestId('robot-wizard-repo-search').fill('billing');
  await modal.getByTestId('checkbox-row-billing').check();
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('Read');
  await modal.getByTestId('billing-permission-dropdown-toggle').click();
  await modal.getByTestId('None-permission-type').click();
  await expect(modal.getByTestId('checkbox-row-billing')).not.toBeChecked();
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('None');
  await modal.getByTestId('checkbox-row-billing').check();
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toHaveText('Read');
});

test('a failed follow-up is listed with Quay’s message and Retry failed applies it to the existing robot', async ({ page, request }) => {
  const sandbox = new Sandbox(request);
  const short = unique('retrybot');
  // Every attempt of the retry policy fails for this one repository.
  await sandbox.fault({ method: 'PUT', path_contains: `/repository/acme/checkout/permissions/user/acme+${short}`, status: 500 });
  try {
    const modal = await openWizard(page);
    await modal.getByTestId('robot-wizard-form-name').fill(short);
    await next(modal);
    await modal.getByTestId('checkbox-row-developers').check();
    await next(modal);
    await checkRepo(modal, 'billing');
    await checkRepo(modal, 'checkout', 'Write');
    await navItems(modal).nth(4).click();
    await submit(modal).click();
    await expect(toast(page, `Successfully created robot account with robot name: acme+${short}`)).toBeVisible();
    const result = modal.getByTestId('wizard-result');
    await expect(result).toBeVisible();
    await expect(result.getByTestId('wizard-result-summary')).toContainText('2 of 3 follow-up steps succeeded; 1 failed');
    await expect(result.getByTestId('outcome-failed')).toHaveText(/Write permission on repository checkout — Injected fault \(500\)/);
    await expect(result.getByTestId('outcome-ok')).toHaveCount(2);
    expect(await repoPerms(request, short)).toEqual({ billing: 'read' });
    await sandbox.clearFaults();
    await result.getByTestId('retry-failed-btn').click();
    await expect(result.getByTestId('wizard-result-summary')).toHaveText('All 3 follow-up steps succeeded.');
    await expect(result.getByTestId('retry-failed-btn')).toHaveCount(0);
    expect(await repoPerms(request, short)).toEqual({ billing: 'read', checkout: 'write' });
    await result.getByTestId('wizard-result-close').click();
    await expect(modal).toHaveCount(0);
    await page.locator('#robot-account-search').fill(short);
    await expect(page.locator('#robot-accounts-table')).toContainText(`acme+${short}`);
  } finally {
    await sandbox.clearFaults();
  }
});

test('the team step pages through 21 teams: 1 - 20 of 21, then 21 - 21 of 21, and back', async ({ page, request }) => {
  const org = await get(request, '/api/v1/organization/acme');
  for (let i = Object.keys(org.teams).length; i < 21; i++) {
    const r = await request.put(`${E2E.sandbox}/api/v1/organization/acme/team/${unique('pageteam')}`, {
      headers: auth,
      data: { role: 'member' },
    });
    expect(r.status(), await r.text()).toBe(200);
  }
  const total = Object.keys((await get(request, '/api/v1/organization/acme')).teams).length;
  expect(total, 'acme has exactly 21 teams for this test').toBe(21);
  const modal = await openWizard(page);
  await next(modal);
  const pager = modal.getByTestId('add-team-pagination');
  await expect(pager.locator('.pf-v6-c-menu-toggle__text')).toHaveText('1 - 20 of 21');
  await expect(modal.locator('#add-team-table tbody tr')).toHaveCount(20);
  await pager.getByRole('button', { name: 'Go to next page' }).click();
  await expect(pager.locator('.pf-v6-c-menu-toggle__text')).toHaveText('21 - 21 of 21');
  await expect(modal.locator('#add-team-table tbody tr')).toHaveCount(1);
  await pager.getByRole('button', { name: 'Go to previous page' }).click();
  await expect(pager.locator('.pf-v6-c-menu-toggle__text')).toHaveText('1 - 20 of 21');
});
