import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// The Activity dialog against the embedded backend: a robot's registry login and pull made with
// the credentials the console shows, the chart's counts against the API's, paging back to the
// oldest event, a refused range, a deleted robot, and "Last used" from the logs.

const TAB = '/organization/acme?tab=Robotaccounts';
const HOST = new URL(E2E.sandbox).host;
const admin = { Authorization: `Bearer ${E2E.adminToken}` };
const api = (p: string) => `${E2E.sandbox}${p}`;

async function ensureRobot(request: APIRequestContext, short: string) {
  const r = await request.put(api(`/api/v1/organization/acme/robots/${short}`), { headers: admin, data: { description: 'activity e2e' } });
  expect([201, 400]).toContain(r.status());
}

async function insertLogs(request: APIRequestContext, entries: object[]) {
  const r = await request.post(api('/sandbox/logs'), { headers: admin, data: { entries } });
  expect(r.status(), await r.text()).toBe(200);
}

const kebab = async (page: Page, robot: string) => {
  await page.getByTestId(`${robot}-toggle-kebab`).click();
  await page.getByTestId(`${robot}-activity-btn`).click();
  const modal = page.getByTestId('activity-modal');
  await expect(modal.locator('.pf-v6-c-modal-box__title-text')).toHaveText(`Activity of ${robot}`);
  return modal;
};

const sh = (command: string): Promise<{ ok: boolean; out: string }> =>
  new Promise((resolve) => {
    const env = { ...process.env };
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
    const child = execFile('sh', ['-c', command], { timeout: 30_000, env }, (err, stdout, stderr) =>
      resolve({ ok: !err, out: `${command}\n${stdout}${stderr}` }),
    );
    child.stdin?.end();
  });

/** `2026-12-01` (the form's value) to Quay's `12/01/2026`. */
const quayDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
};

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('a robot logs in and pulls with the shown credentials; its activity lists both and the chart counts equal the API’s', async ({ page, request }) => {
  test.setTimeout(120_000);
  const robot = 'acme+activity_bot';
  await ensureRobot(request, 'activity_bot');
  const perm = await request.put(api(`/api/v1/repository/acme/billing/permissions/user/${robot}`), { headers: admin, data: { role: 'read' } });
  expect(perm.ok()).toBeTruthy();

  await openHydrated(page, TAB);
  await page.locator('#robot-accounts-table').getByRole('button', { name: robot, exact: true }).click();
  const creds = page.getByTestId('credentials-modal');
  await creds.getByTestId('docker-login-tab').click();
  const login = await creds.getByTestId('docker-login-input').inputValue();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-activity-'));
  const authfile = path.join(dir, 'auth.json');
  // The shown `docker login` command, run with skopeo, then a pull of the image's manifest.
  let r = await sh(`${login.replace(/^docker login /, 'skopeo login ')} --tls-verify=false --authfile '${authfile}' < /dev/null`);
  expect(r.ok, r.out).toBe(true);
  r = await sh(`skopeo inspect --tls-verify=false --authfile '${authfile}' docker://${HOST}/acme/billing:latest`);
  expect(r.ok, r.out).toBe(true);
  fs.rmSync(dir, { recursive: true, force: true });

  // From the credentials to the activity.
  await creds.getByTestId('credentials-activity').click();
  const modal = page.getByTestId('activity-modal');
  await expect(modal.locator('.pf-v6-c-modal-box__title-text')).toHaveText(`Activity of ${robot}`);
  const events = modal.getByTestId('activity-event');
  const loginRow = events.and(page.locator('[data-kind="login_success"]'));
  await expect(loginRow).toHaveCount(1);
  await expect(loginRow).toContainText(robot);
  const pullRow = events.and(page.locator('[data-kind="pull_repo"]')).first();
  await expect(pullRow.locator('td[data-label="Repository"]')).toHaveText('billing');
  await expect(pullRow.locator('td[data-label="Actor"]')).toHaveText(robot);
  await expect(pullRow.locator('td[data-label="IP address"]')).toHaveText('127.0.0.1');
  // Who changed it: the administrator's grant.
  const grant = events.and(page.locator('[data-kind="change_repo_permission"]'));
  await expect(grant.first().locator('td[data-label="Actor"]')).toHaveText('demo');
  await expect(modal.getByTestId('summary-last-pull')).toContainText('billing');
  await expect(modal.getByTestId('summary-last-login')).not.toHaveText('None in the range');

  // The chart's bars are Quay's aggregated counts for the same days.
  const from = await modal.getByTestId('activity-from').inputValue();
  const to = await modal.getByTestId('activity-to').inputValue();
  const agg = await request.get(
    api(`/api/v1/organization/acme/aggregatelogs?performer=${encodeURIComponent(robot)}&starttime=${quayDate(from)}&endtime=${quayDate(to)}`),
    { headers: admin },
  );
  expect(agg.ok()).toBeTruthy();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const day = (rfc: string) => {
    const [, d, mon, y] = rfc.split(' ');
    return `${y}-${String(months.indexOf(mon) + 1).padStart(2, '0')}-${d}`;
  };
  const expected = ((await agg.json()).aggregated as { kind: string; count: number; datetime: string }[])
    .map((a) => `${day(a.datetime)} ${a.kind} ${a.count}`)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  const bars = modal.getByTestId('activity-chart-svg').locator('rect[data-kind]');
  await expect(bars).toHaveCount(expected.length);
  const shown = (
    await bars.evaluateAll((rs) => rs.map((r) => `${r.getAttribute('data-day')} ${r.getAttribute('data-kind')} ${r.getAttribute('data-count')}`))
  ).sort();
  expect(shown).toEqual(expected);
  // The same numbers for people who do not see the chart.
  await expect(modal.getByTestId('activity-chart-svg')).toHaveAttribute('aria-label', /events of the robot from/);
  await modal.getByText('Counts per day as a table').click();
  await expect(modal.getByTestId('activity-counts').locator('th[data-kind="pull_repo"]')).toHaveText('Pull');

  // The shown events as CSV.
  const [dl] = await Promise.all([page.waitForEvent('download'), modal.getByTestId('activity-download-csv').click()]);
  expect(dl.suggestedFilename()).toBe(`acme-activity_bot-activity-${from}-${to}.csv`);
  const csv = fs.readFileSync((await dl.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('time (UTC),event,kind,repository,ip,actor,details');
  expect(lines.length - 1).toBe(await events.count());
  expect(lines.some((l) => l.includes(',pull_repo,billing,') && l.includes(robot))).toBe(true);

  // Keyboard: Escape closes the dialog.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('activity-modal')).toHaveCount(0);
});

test('paging reaches the oldest event, and the kind filter narrows the list', async ({ page, request }) => {
  const robot = 'acme+history_bot';
  await ensureRobot(request, 'history_bot');
  const now = Math.floor(Date.now() / 1000);
  const entries: object[] = Array.from({ length: 50 }, (_, i) => ({
    kind: 'pull_repo', namespace: 'acme', performer: robot, datetime: now - 3600 - i * 11 * 3600, ip: '10.0.0.7',
    metadata: { repo: 'api-server', namespace: 'acme', tag: 'v1' },
  }));
  entries.push({ kind: 'pull_repo', namespace: 'acme', performer: robot, datetime: now - 26 * 86_400, ip: '10.0.0.8', metadata: { repo: 'first-repo', tag: 'v0' } });
  await insertLogs(request, entries);

  await openHydrated(page, TAB);
  const modal = await kebab(page, robot);
  const events = modal.getByTestId('activity-event');
  await expect(events.first()).toBeVisible();
  const older = modal.getByTestId('activity-load-older');
  const status = modal.getByTestId('activity-status');
  // Each answer taken bumps data-loaded; "Load older events" goes once Quay's pages end.
  for (let i = 0; i < 20 && (await older.count()) > 0; i++) {
    const loaded = (await status.getAttribute('data-loaded'))!;
    await older.click();
    await expect(status).not.toHaveAttribute('data-loaded', loaded);
  }
  await expect(older).toHaveCount(0);
  await expect(modal.getByTestId('activity-status')).toContainText('every event of the range');
  // 51 pulls and the creation of the robot; the oldest last.
  await expect(events.and(page.locator('[data-kind="pull_repo"]'))).toHaveCount(51);
  await expect(events.last().locator('td[data-label="Repository"]')).toHaveText('first-repo');

  await modal.getByTestId('activity-kind-filter').selectOption({ label: 'Robot created' });
  await expect(events).toHaveCount(1);
  await expect(events.first().locator('td[data-label="Actor"]')).toHaveText('demo');
  await modal.getByTestId('activity-kind-filter').selectOption({ label: 'All kinds' });
  await modal.getByTestId('activity-repo-filter').selectOption('first-repo');
  await expect(events).toHaveCount(1);
});

test('a bad range is refused with a message before anything is shown for it', async ({ page, request }) => {
  await ensureRobot(request, 'history_bot');
  await openHydrated(page, TAB);
  const modal = await kebab(page, 'acme+history_bot');
  const from = modal.getByTestId('activity-from');
  const to = modal.getByTestId('activity-to');
  const error = modal.getByTestId('activity-range-error');
  await from.fill(isoDay(0));
  await to.fill(isoDay(-5));
  await modal.getByTestId('activity-range-apply').click();
  await expect(error).toHaveText(`The end date (${isoDay(-5)}) is before the start date (${isoDay(0)}). Choose an end on or after the start.`);
  await expect(modal.getByTestId('activity-range-preset')).toHaveValue('0');
  await from.fill(isoDay(-400));
  await to.fill(isoDay(0));
  await modal.getByTestId('activity-range-apply').click();
  await expect(error).toContainText('too long');
  await from.fill('');
  await modal.getByTestId('activity-range-apply').click();
  await expect(error).toHaveText('From: enter a date as YYYY-MM-DD, e.g. 2026-12-01.');
  // A good range clears the message; a preset fills in the dates.
  await modal.getByTestId('activity-range-preset').selectOption({ label: 'Last 7 days' });
  await expect(error).toHaveCount(0);
  await expect(from).toHaveValue(isoDay(-6));
  await expect(to).toHaveValue(isoDay(0));
});

test('a robot deleted meanwhile has no activity, with the reason (Quay answers 500 for it)', async ({ page, request }) => {
  await ensureRobot(request, 'vanishing_bot');
  await openHydrated(page, TAB);
  await expect(page.getByTestId('row-acme+vanishing_bot')).toBeVisible();
  const del = await request.delete(api('/api/v1/organization/acme/robots/vanishing_bot'), { headers: admin });
  expect(del.status()).toBe(204);
  const modal = await kebab(page, 'acme+vanishing_bot');
  await expect(modal.getByTestId('activity-no-activity')).toContainText('Quay has no robot account acme+vanishing_bot');
  await expect(modal.getByTestId('danger-alert')).toHaveCount(0);
  await expect(modal.getByTestId('activity-chart')).toHaveCount(0);
});

test('"Last used" comes from the logs where last_accessed is empty, and Never used finds the unused robot', async ({ page, request }) => {
  await ensureRobot(request, 'logsused_bot');
  await ensureRobot(request, 'neverused_bot');
  const threeDaysAgo = Math.floor(Date.now() / 1000) - 3 * 86_400;
  await insertLogs(request, [
    { kind: 'pull_repo', namespace: 'acme', performer: 'acme+logsused_bot', datetime: threeDaysAgo, metadata: { repo: 'billing' } },
  ]);
  await openHydrated(page, TAB);
  await page.locator('#robot-account-search').fill('used_bot');
  const used = page.getByTestId('row-acme+logsused_bot');
  await expect(used.getByTestId('last-used')).toContainText('Last used');
  const never = page.getByTestId('row-acme+neverused_bot');
  await expect(never.locator('td[data-label="Last accessed"]')).toContainText('Never');
  await expect(never.getByTestId('last-used-note')).toContainText('no use in the last 90 days of logs');
  await page.getByTestId('robot-usage-filter').selectOption({ label: 'Never used' });
  await expect(page.locator('#robot-accounts-table .rc-robot-name')).toHaveText(['acme+neverused_bot']);
  await page.getByTestId('robot-usage-filter').selectOption({ label: 'Not used for 30 days' });
  await expect(page.locator('#robot-accounts-table .rc-robot-name')).toHaveText(['acme+neverused_bot']);
});
