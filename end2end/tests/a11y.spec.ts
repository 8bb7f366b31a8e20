import { test, expect, Page, Locator, BrowserContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// axe-core over every page, dialog and wizard step, in the light and the dark theme: no serious
// or critical violations. The theme is chosen as the masthead toggle does (its cookie).
const TAB = '/organization/acme?tab=Robotaccounts';
const ROBOT = 'acme+deployer';

async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
  for (const v of bad) console.log(v.nodes.slice(0, 2).map((n) => n.html + "\n" + n.failureSummary).join("\n"));
  expect(report, `${what}: axe found serious/critical violations`).toEqual([]);
}

async function useTheme(context: BrowserContext, theme: 'light' | 'dark') {
  await context.addCookies([E2E.console, E2E.accessConsole].map((url) => ({ name: 'rc-theme', value: theme, url })));
}

async function openFromKebab(page: Page, action: string, testid: string): Promise<Locator> {
  await page.getByTestId(`${ROBOT}-toggle-kebab`).click();
  await page.getByTestId(`${ROBOT}-${action}`).click();
  const modal = page.getByTestId(testid);
  await expect(modal).toBeVisible();
  return modal;
}

async function closeModal(page: Page, modal: Locator) {
  await page.keyboard.press('Escape');
  await expect(modal).toHaveCount(0);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ context, page }) => {
      await useTheme(context, theme);
      await page.addInitScript(() => window.localStorage.clear());
    });

    test('the access report\'s grant dialog has no serious or critical axe violations', async ({ page }) => {
      // The access console's seed: acme+bot0001 reaches repo-0002 only through team-002.
      await openHydrated(page, `${E2E.accessConsole}/organization/acme?tab=Robotaccess`);
      await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /pf-v6-theme-dark/ : /^(?!.*pf-v6-theme-dark)/);
      await expect(page.getByTestId('access-progress-counts')).toHaveText(/^(\d+) of \1 done, 0 failed$/);
      await page.locator('#access-robot-search').fill('bot0001');
      await page.locator('#access-repo-search').fill('repo-0002');
      await page.getByTestId('access-cell-acme+bot0001-repo-0002').click();
      const grant = page.getByTestId('access-grant-modal');
      await expect(grant.getByTestId('access-grant-line')).toBeVisible();
      await expectNoSeriousViolations(page, `${theme} access grant dialog`);
      await closeModal(page, grant);
    });

    test('pages have no serious or critical axe violations', async ({ page }) => {
      const pages = [
        '/organization', TAB, '/organization/demo?tab=Robotaccounts', '/organization/acme?tab=Robotaccess',
        '/organization/acme?tab=Robotaccess&summary=server', '/organization/acme?tab=RobotsAsCode', '/signin', '/no/such/page',
      ];
      for (const url of pages) {
        // The not-found page is checked as the server renders it.
        if (url.startsWith('/no/')) await page.goto(url);
        else await openHydrated(page, url);
        await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /pf-v6-theme-dark/ : /^(?!.*pf-v6-theme-dark)/);
        await expectNoSeriousViolations(page, `${theme} ${url}`);
      }
      // The notes for pages without JavaScript are hidden once scripts run.
      for (const url of [TAB, '/organization/acme?tab=Robotaccess', '/organization/acme?tab=RobotsAsCode']) {
        await openHydrated(page, url);
        await expect(page.getByTestId('nojs-note')).toBeHidden();
      }
    });

    test('every dialog and wizard step has no serious or critical axe violations', async ({ page }) => {
      await openHydrated(page, TAB);
      await page.locator('#robot-account-search').fill(ROBOT);
      await expect(page.getByTestId(`${ROBOT}-toggle-kebab`)).toBeVisible();

      // Kebab menu open.
      await page.getByTestId(`${ROBOT}-toggle-kebab`).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await expectNoSeriousViolations(page, `${theme} kebab menu`);
      await page.keyboard.press('Escape');

      // Credentials, every tab.
      await page.locator('#robot-accounts-table').getByRole('button', { name: ROBOT, exact: true }).click();
      const creds = page.getByTestId('credentials-modal');
      const tabs = creds.getByRole('tab');
      await expect(tabs.first()).toBeVisible();
      for (let i = 0; i < (await tabs.count()); i++) {
        await tabs.nth(i).click();
        await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
        await expectNoSeriousViolations(page, `${theme} credentials tab ${i}`);
      }
      await closeModal(page, creds);

      const perms = await openFromKebab(page, 'set-repo-perms-btn', 'set-repo-permissions-modal');
      await expect(perms.getByTestId('billing-permission-dropdown-toggle')).toBeVisible();
      await perms.getByTestId('billing-permission-dropdown-toggle').click();
      await expectNoSeriousViolations(page, `${theme} set permissions (menu open)`);
      await page.keyboard.press('Escape');
      await closeModal(page, perms);

      const fed = await openFromKebab(page, 'set-robot-federation-btn', 'robot-federation-modal');
      await expect(fed.locator('.pf-v6-c-modal-box__body')).not.toBeEmpty();
      await expectNoSeriousViolations(page, `${theme} federation`);
      await closeModal(page, fed);

      const activity = await openFromKebab(page, 'activity-btn', 'activity-modal');
      await expect(activity.locator('.pf-v6-c-modal-box__title-text')).toHaveText(`Activity of ${ROBOT}`);
      await expect(activity.getByTestId('dialog-loading')).toHaveCount(0);
      await expectNoSeriousViolations(page, `${theme} activity`);
      await closeModal(page, activity);

      await page.getByTestId(`row-${ROBOT}`).getByRole('button', { name: '1 team' }).click();
      const teams = page.getByTestId('robot-teams-modal');
      await expect(teams.getByRole('cell', { name: 'developers' })).toBeVisible();
      await expectNoSeriousViolations(page, `${theme} teams`);
      await closeModal(page, teams);

      const del = await openFromKebab(page, 'del-btn', 'bulk-delete-modal');
      await expectNoSeriousViolations(page, `${theme} delete`);
      await closeModal(page, del);

      // The create wizard, step by step.
      await page.getByTestId('create-robot-account-btn').first().click();
      const wizard = page.getByTestId('create-robot-account-modal');
      await wizard.getByTestId('robot-wizard-form-name').fill('a11ycheck');
      const steps = wizard.locator('.pf-v6-c-wizard__nav-link');
      for (let i = 0; i < (await steps.count()); i++) {
        await steps.nth(i).click();
        await expect(steps.nth(i)).toHaveAttribute('aria-current', 'step');
        await expectNoSeriousViolations(page, `${theme} wizard step ${i + 1}`);
      }
      // Escape on a wizard with a name entered asks before discarding it.
      await page.keyboard.press('Escape');
      await expect(wizard.getByTestId('discard-confirm')).toBeVisible();
      await expectNoSeriousViolations(page, `${theme} wizard discard prompt`);
      await wizard.getByTestId('discard-btn').click();
      await expect(wizard).toHaveCount(0);
    });
  });
}

test('the dark theme is chosen on the server from the cookie, so the first paint is already dark', async ({ request }) => {
  const dark = await request.get(TAB, { headers: { Cookie: 'rc-theme=dark' } });
  expect(await dark.text()).toMatch(/<html lang="en" class="pf-v6-theme-dark"/);
  const light = await request.get(TAB, { headers: { Cookie: 'rc-theme=light' } });
  expect(await light.text()).not.toContain('class="pf-v6-theme-dark"');
});

test('without a choice the page follows the system preference; the toggle overrides and is remembered', async ({ page, context }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openHydrated(page, '/organization');
  const html = page.locator('html');
  await expect(html).toHaveClass(/pf-v6-theme-dark/);
  const toggle = page.locator('#theme-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(html).not.toHaveClass(/pf-v6-theme-dark/);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect((await context.cookies()).find((c) => c.name === 'rc-theme')?.value).toBe('light');
  await page.reload();
  await expect(html).not.toHaveClass(/pf-v6-theme-dark/);
  await toggle.click();
  await expect(html).toHaveClass(/pf-v6-theme-dark/);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(html).toHaveClass(/pf-v6-theme-dark/);
});

test('the namespace tabs mark the open one, and only it, as the current page; links work client-side', async ({ page }) => {
  const tabs = ['Robotaccounts', 'Robotaccess', 'RobotsAsCode'];
  const expectCurrent = async (open: string) => {
    for (const key of tabs) {
      const link = page.locator(`#pf-tab-${key}`);
      if (key === open) await expect(link).toHaveAttribute('aria-current', 'page');
      else await expect(link).not.toHaveAttribute('aria-current');
    }
  };
  await openHydrated(page, TAB);
  await expectCurrent('Robotaccounts');
  // A plain link, followed by the router: no new document.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.locator('#pf-tab-Robotaccess').click();
  await expect(page).toHaveURL(/tab=Robotaccess/);
  await expectCurrent('Robotaccess');
  await page.locator('.pf-v6-c-breadcrumb__link', { hasText: 'Organizations' }).click();
  await expect(page).toHaveURL(/\/organization$/);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  // Back and forward (the console's own router, src/router.rs): the page and tab follow.
  await page.goBack();
  await expect(page).toHaveURL(/tab=Robotaccess/);
  await expectCurrent('Robotaccess');
  await page.goBack();
  await expect(page).toHaveURL(/tab=Robotaccounts|\/organization\/acme$/);
  await expect(page.locator('#robot-accounts-table')).toBeVisible();
  await page.goForward();
  await expectCurrent('Robotaccess');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  // A link opened in a new tab is left to the browser.
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.locator('#pf-tab-Robotaccounts').click({ modifiers: ['Control'] }),
  ]);
  await popup.close();
  await expect(page).toHaveURL(/tab=Robotaccess/);
});
