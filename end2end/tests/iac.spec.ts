import { test, expect, Page } from '@playwright/test';
import * as fs from 'fs';
import { openHydrated } from './helpers';
import { Sandbox } from './sandbox';

const TAB = '/organization/acme?tab=RobotsAsCode';
const ROBOTS = ['e2e_iac_one', 'e2e_iac_two'];
// Two new robots: only they change (no prune), so the rest of acme is left as the other specs need it.
const FILE = `version: 1
namespace: acme
robots:
  - name: e2e_iac_one
    description: From the UI
    teams: [readers]
    repositories:
      billing: read
  - name: e2e_iac_two
    repositories:
      gateway: write
default_permissions:
  - robot: e2e_iac_two
    role: read
`;

const rows = (page: Page) => page.getByTestId('iac-diff').getByTestId('iac-change');

test.afterEach(async ({ request }) => {
  const sb = new Sandbox(request);
  await sb.clearFaults();
  for (const r of ROBOTS) await sb.deleteRobot('acme', r);
});

test('robots as code: export, import a file, review the diff, apply it with a failure retried, then no changes', async ({ page, request }) => {
  const sb = new Sandbox(request);
  await openHydrated(page, TAB);
  await expect(page.locator('#pf-tab-RobotsAsCode')).toHaveText('Robots as code');

  // Export downloads the namespace's file.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('iac-export-yaml').click()]);
  expect(dl.suggestedFilename()).toBe('robots-acme.yaml');
  const exported = fs.readFileSync((await dl.path())!, 'utf8');
  expect(exported).toContain('namespace: acme\n');
  expect(exported).toContain('  - name: deployer\n');

  // Import through the file picker: the text shows, the review lists every change.
  await page.getByTestId('iac-file').setInputFiles({ name: 'robots.yaml', mimeType: 'text/yaml', buffer: Buffer.from(FILE) });
  await expect(page.getByTestId('iac-text')).toHaveValue(FILE);
  await page.getByTestId('iac-review-btn').click();
  await expect(page.getByTestId('iac-summary')).toHaveText('6 changes: 6 to add, 0 to change, 0 to remove');
  await expect(rows(page)).toHaveText([
    '+create robot acme+e2e_iac_one "From the UI"',
    '+create robot acme+e2e_iac_two',
    '+grant read on repository billing to acme+e2e_iac_one',
    '+add acme+e2e_iac_one to team readers',
    '+grant write on repository gateway to acme+e2e_iac_two',
    '+add default permission read for acme+e2e_iac_two on repositories created by anyone',
  ]);

  // Prune would delete the robots the file does not list; the diff says so before anything runs.
  await page.getByTestId('iac-prune').check();
  await expect(page.getByTestId('iac-diff')).toHaveCount(0);
  await page.getByTestId('iac-review-btn').click();
  await expect(rows(page).filter({ hasText: 'delete robot acme+deployer' })).toHaveCount(1);
  expect(await rows(page).filter({ hasText: /^-delete robot acme\+/ }).count()).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('iac-apply-btn')).not.toHaveText('Apply 6 changes');
  await page.getByTestId('iac-prune').uncheck();
  await page.getByTestId('iac-review-btn').click();
  await expect(page.getByTestId('iac-apply-btn')).toHaveText('Apply 6 changes');

  // Quay refuses one grant once: that change fails with Quay's reason, the rest is applied.
  await sb.fault({ method: 'PUT', path_contains: '/repository/acme/gateway/permissions/user/acme+e2e_iac_two', status: 400, times: 1 });
  await page.getByTestId('iac-apply-btn').click();
  await expect(page.getByTestId('iac-progress-counts')).toHaveText('5 of 6 done, 1 failed');
  await expect(page.getByTestId('iac-failure')).toHaveText([
    'Failed: grant write on repository gateway to acme+e2e_iac_two, Injected fault (400).',
  ]);
  expect(await sb.robotNames('acme')).toEqual(expect.arrayContaining(['acme+e2e_iac_one', 'acme+e2e_iac_two']));

  // Retry failed completes it; the file is reviewed again and nothing is left to do.
  await page.getByTestId('retry-failed-btn').click();
  await expect(page.getByTestId('iac-progress-counts')).toHaveText('1 of 1 done, 0 failed');
  await expect(page.getByTestId('iac-no-changes')).toHaveText('No changes: the robots of acme match the file.');
  await expect(page.getByTestId('iac-apply-btn')).toHaveCount(0);
});

test('robots as code: a bad file is refused with line and column, nothing can be applied', async ({ page }) => {
  await openHydrated(page, TAB);
  await page.getByTestId('iac-text').fill('version: 1\nnamespace: acme\nrobots:\n  - name: e2e_iac_one\n    repos:\n      billing: writer\n    teams: [ghosts]\n');
  await page.getByTestId('iac-review-btn').click();
  await expect(page.getByTestId('iac-problem')).toHaveText([
    "line 5, column 5: robots[0]: unknown key 'repos'. Did you mean 'repositories'? Allowed here: name, description, teams, repositories, federation.",
  ]);
  await expect(page.getByTestId('iac-apply-btn')).toHaveCount(0);
  // Fixed, the remaining problem is one only Quay knows: the team does not exist.
  await page.getByTestId('iac-text').fill('version: 1\nnamespace: acme\nrobots:\n  - name: e2e_iac_one\n    teams: [ghosts]\n');
  await page.getByTestId('iac-review-btn').click();
  await expect(page.getByTestId('iac-problem')).toHaveText([
    "line 5, column 13: robots[0].teams[0]: team 'ghosts' does not exist in acme (its teams: developers, owners, readers). Create it in Quay first, or fix the name.",
  ]);
});
