import { test, expect, Page, Locator } from '@playwright/test';
import { openHydrated } from './helpers';
import { Sandbox } from './sandbox';
import { E2E } from '../playwright.config';

// Every flow here is driven by the keyboard alone: the only mouse-free shortcut is `focus()` on
// the control a flow starts from (a user would Tab there; `tabTo` proves Tab reaches controls).
const TAB = '/organization/acme?tab=Robotaccounts';
let counter = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${counter++}`;
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text });

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** Focus stays inside `modal` for `presses` Tabs forward and as many back. */
async function expectTrapped(page: Page, modal: Locator, presses = 25) {
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press(key);
      expect(await modal.evaluate((m) => m.contains(document.activeElement)), `${key} #${i} left the dialog`).toBe(true);
    }
  }
}

async function search(page: Page, text: string) {
  await page.locator('#robot-account-search').fill(text);
  await expect(page.locator('#robot-accounts-pagination .pf-v6-c-menu-toggle__text')).not.toHaveText('0 - 0 of 0');
}

/** A new robot of acme, found by the search; focus on its kebab toggle. */
async function robotWithKebab(page: Page, sb: Sandbox, prefix: string) {
  const short = unique(prefix);
  const full = `acme+${short}`;
  await sb.createRobot('acme', short);
  await openHydrated(page, TAB);
  await search(page, short);
  const toggle = page.getByTestId(`${full}-toggle-kebab`);
  await toggle.focus();
  return { short, full, toggle };
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.clear());
});

test('the kebab follows the menu pattern; its Delete dialog traps focus, closes on Escape and gives focus back', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const { full, toggle } = await robotWithKebab(page, sb, 'kbd_kebab');
  const item = (id: string) => page.getByTestId(`${full}-${id}`);
  await expect(toggle).toHaveAttribute('aria-haspopup', 'menu');

  await page.keyboard.press('ArrowDown');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(item('set-repo-perms-btn')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item('set-robot-federation-btn')).toBeFocused();
  await page.keyboard.press('End');
  await expect(item('del-btn')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item('set-repo-perms-btn')).toBeFocused(); // wraps
  await page.keyboard.press('ArrowUp');
  await expect(item('del-btn')).toBeFocused(); // wraps back
  await page.keyboard.press('Home');
  await expect(item('set-repo-perms-btn')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(item('set-repo-perms-btn')).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // ArrowUp opens on the last item; Enter chooses it.
  await page.keyboard.press('ArrowUp');
  await expect(item('del-btn')).toBeFocused();
  await page.keyboard.press('Enter');
  const modal = page.getByTestId('bulk-delete-modal');
  await expect(modal).toBeVisible();
  await expect(modal.getByTestId('delete-confirmation-input')).toBeFocused();
  await expectTrapped(page, modal);
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
  await expect(toggle).toBeFocused();

  // Again, through to the deletion: focus goes to the main area once the row is gone.
  await page.keyboard.press('Enter');
  await expect(item('set-repo-perms-btn')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(modal.getByTestId('delete-confirmation-input')).toBeFocused();
  await page.keyboard.type('confirm');
  await tabTo(page, modal.getByTestId('bulk-delete-confirm-btn'));
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Successfully deleted robot account')).toBeVisible();
  await expect(modal).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  expect(await sb.robotNames('acme')).not.toContain(full);
});

test('the create wizard opens on the name field, creates by Enter, and gives focus back to its button', async ({ page, request }) => {
  const sb = new Sandbox(request);
  await openHydrated(page, TAB);
  const create = page.getByTestId('create-robot-account-btn').first();
  await create.focus();
  await page.keyboard.press('Enter');
  const modal = page.getByTestId('create-robot-account-modal');
  await expect(modal.getByTestId('robot-wizard-form-name')).toBeFocused();
  await expect(modal.getByTestId('robot-wizard-form-name')).toHaveAttribute('aria-describedby', 'robot-wizard-form-name-helper');
  await expectTrapped(page, modal, 15);
  await tabTo(page, modal.getByTestId('robot-wizard-form-name'));
  const short = unique('kbdwizard');
  await page.keyboard.type(short);
  // Steps by keyboard: Next, then back to the first step from the step list.
  const first = modal.locator('.pf-v6-c-wizard__nav-link').first();
  await tabTo(page, modal.getByTestId('next-btn'));
  await page.keyboard.press('Enter');
  await expect(first).not.toHaveAttribute('aria-current', 'step');
  await tabTo(page, first, { back: true });
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('aria-current', 'step');
  await tabTo(page, modal.getByTestId('robot-wizard-form-name'));
  await page.keyboard.press('Enter');
  await expect(toast(page, `Successfully created robot account with robot name: acme+${short}`)).toBeVisible();
  await expect(modal).toHaveCount(0);
  await expect(create).toBeFocused();
  expect(await sb.robotNames('acme')).toContain(`acme+${short}`);
});

test('set repository permissions by keyboard: search, check a row, choose Admin in its menu, save', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const { short, full, toggle } = await robotWithKebab(page, sb, 'kbd_perm');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`${full}-set-repo-perms-btn`)).toBeFocused();
  await page.keyboard.press('Enter');
  const modal = page.getByTestId('set-repo-permissions-modal');
  await expect(modal.getByTestId('billing-permission-dropdown-toggle')).toBeVisible();
  expect(await modal.evaluate((m) => m.contains(document.activeElement))).toBe(true);
  await tabTo(page, modal.locator('#robot-wizard-repo-search'));
  await page.keyboard.type('billing');
  await tabTo(page, modal.getByTestId('checkbox-row-billing'));
  await page.keyboard.press('Space');
  await expect(modal.getByTestId('checkbox-row-billing')).toBeChecked();
  const perm = modal.getByTestId('billing-permission-dropdown-toggle');
  await tabTo(page, perm);
  await page.keyboard.press('ArrowDown');
  await expect(modal.getByTestId('None-permission-type')).toBeFocused();
  await page.keyboard.press('End');
  await expect(modal.getByTestId('Admin-permission-type')).toBeFocused();
  // Escape in the menu closes the menu only, not the dialog.
  await page.keyboard.press('Escape');
  await expect(perm).toBeFocused();
  await expect(modal).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await expect(modal.getByTestId('Admin-permission-type')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(perm).toHaveText('Admin');
  await expect(perm).toBeFocused();
  await tabTo(page, modal.getByRole('button', { name: 'Save', exact: true }));
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Successfully updated repository permission')).toBeVisible();
  const perms = await sb.get(`/api/v1/organization/acme/robots/${short}/permissions`);
  expect(perms.permissions.map((p: { repository: { name: string }; role: string }) => [p.repository.name, p.role])).toEqual([['billing', 'admin']]);
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
  await expect(toggle).toBeFocused();
});

test.describe('clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  test('credentials: arrows move between tabs, Home/End jump, and a copy button copies by Enter', async ({ page }) => {
    await openHydrated(page, TAB);
    await search(page, 'acme+deployer');
    const name = page.locator('#robot-accounts-table').getByRole('button', { name: 'acme+deployer', exact: true });
    await name.focus();
    await page.keyboard.press('Enter');
    const modal = page.getByTestId('credentials-modal');
    const tabs = modal.getByRole('tab');
    await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
    await tabTo(page, tabs.first(), { back: true });
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('End');
    await expect(tabs.last()).toBeFocused();
    await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tabs.first()).toBeFocused(); // wraps
    await page.keyboard.press('ArrowLeft');
    await expect(tabs.last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
    // Only the current tab is in the Tab order.
    await expect(tabs.nth(1)).toHaveAttribute('tabindex', '-1');
    const copy = modal.getByTestId('robot-token-copy');
    await tabTo(page, copy);
    await page.keyboard.press('Enter');
    await expect(copy).toHaveAttribute('title', 'Copied');
    const token = await modal.getByTestId('robot-token-input').inputValue().catch(() => '');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toMatch(/^[A-Z0-9]{64}$/);
    if (token && !token.includes('•')) expect(clip).toBe(token);
    await page.keyboard.press('Escape');
    await expect(modal).toHaveCount(0);
    await expect(name).toBeFocused();
  });
});

test('bulk select and delete by keyboard; the result is announced (the toast is an alert)', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const prefix = unique('kbdbulk');
  for (const s of ['a', 'b']) await sb.createRobot('acme', `${prefix}_${s}`);
  await openHydrated(page, TAB);
  await search(page, prefix);
  const bulk = page.getByRole('button', { name: 'Bulk select toggle' });
  await tabTo(page, bulk);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Select none' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Select all (2)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(bulk).toBeFocused();
  await expect(page.getByText('2 selected')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Delete selected items' }));
  await page.keyboard.press('Enter');
  const modal = page.getByTestId('bulk-delete-modal');
  await expect(modal.getByTestId('delete-confirmation-input')).toBeFocused();
  await page.keyboard.type('confirm');
  await tabTo(page, modal.getByTestId('bulk-delete-confirm-btn'));
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Successfully deleted robot account')).toBeVisible();
  await expect(toast(page, 'Successfully deleted robot account')).toHaveAttribute('role', 'alert');
  const names = await sb.robotNames('acme');
  for (const s of ['a', 'b']) expect(names).not.toContain(`acme+${prefix}_${s}`);
});

test('federation by keyboard: open from the kebab, add an entry, save, close; focus goes back to the kebab', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const { short, full, toggle } = await robotWithKebab(page, sb, 'kbd_fed');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId(`${full}-set-robot-federation-btn`)).toBeFocused();
  await page.keyboard.press('Enter');
  const modal = page.locator('#robot-federation-modal');
  await expect(modal.locator('#federation-form')).toBeVisible();
  expect(await modal.evaluate((m) => m.contains(document.activeElement)), 'focus starts inside the dialog').toBe(true);
  await expectTrapped(page, modal, 12);
  await tabTo(page, modal.getByRole('button', { name: 'Add federation entry' }));
  await page.keyboard.press('Enter');
  const entry = modal.getByTestId('federation-entry').last();
  await tabTo(page, entry.getByLabel('Issuer URL'));
  await page.keyboard.type('https://sso.example.com/realms/kbd');
  await tabTo(page, entry.getByLabel('Subject'));
  await page.keyboard.type('kbd-subject');
  await tabTo(page, modal.locator('#federation-save'));
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Robot federation config saved')).toBeVisible();
  await expect(modal.getByTestId('federation-entry-title')).toHaveText(['https://sso.example.com/realms/kbd : kbd-subject']);
  expect(await sb.get(`/api/v1/organization/acme/robots/${short}/federation`)).toEqual([
    { issuer: 'https://sso.example.com/realms/kbd', subject: 'kbd-subject' },
  ]);
  // Escape from wherever focus is in the dialog closes it.
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
  await expect(toggle).toBeFocused();
});

test('sign-in by keyboard: a refused token is named at the field, a good one signs in by Enter', async ({ page }) => {
  await openHydrated(page, `${E2E.remoteConsole}/signin`);
  const field = page.locator('#signin-token');
  await tabTo(page, field);
  await page.keyboard.type('not-a-token-quay-knows');
  await page.keyboard.press('Enter');
  await expect(page.locator('#signin-error')).toBeVisible();
  await expect(field).toHaveAttribute('aria-describedby', 'signin-error');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // What was typed is kept; replace it by keyboard.
  await expect(field).toHaveValue('not-a-token-quay-knows');
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(E2E.remoteToken);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${E2E.remoteConsole}/organization`);
  await expect(page.locator('#masthead-user')).toHaveText('demo');
});
