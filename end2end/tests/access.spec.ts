import { test, expect, Page, APIRequestContext, Download } from '@playwright/test';
import * as fs from 'fs';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';
import { Sandbox } from './sandbox';

// The Robot access tab on its own seeded namespace (see playwright.config.ts, "access"): acme with
// the demo's robots and teams plus 50 robots, 300 repositories and 5 teams; bot0001..bot0010
// reach repositories only through their team.
test.use({ baseURL: E2E.accessConsole });

const TAB = '/organization/acme?tab=Robotaccess';
const api = E2E.accessSandbox;
const auth = { Authorization: `Bearer ${E2E.accessToken}` };
const ROLES = ['read', 'write', 'admin'];
const rank = (r: string) => ROLES.indexOf(r) + 1;

type Grant = { role: string; source: string; team?: string };
type JsonCell = { repository: string; role: string; text: string; grants: Grant[] };
type MatrixJson = { namespace: string; view: string; repositories: string[]; robots: { robot: string; cells: JsonCell[] }[] };

async function get(request: APIRequestContext, path: string) {
  const r = await request.get(`${api}${path}`, { headers: auth });
  expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
  return r.json();
}

/** What Quay says, computed the way Quay resolves it: robot -> repository -> effective role and
 *  its grants (direct from the robot's permissions, team grants from each of its teams, admin on
 *  everything from a team with the organization's admin role). */
async function expectedAccess(request: APIRequestContext) {
  const robots: { name: string; teams: { name: string }[] }[] = (await get(request, '/api/v1/organization/acme/robots?permissions=true&token=false')).robots;
  const org = await get(request, '/api/v1/organization/acme');
  const repos: string[] = [];
  let next: string | undefined;
  do {
    const page = await get(request, `/api/v1/repository?namespace=acme&public=true${next ? `&next_page=${encodeURIComponent(next)}` : ''}`);
    repos.push(...page.repositories.map((r: { name: string }) => r.name));
    next = page.next_page;
  } while (next);
  const teamGrants: Record<string, { repository: { name: string }; role: string }[]> = {};
  for (const t of new Set(robots.flatMap((r) => r.teams.map((x) => x.name)))) {
    teamGrants[t] = (await get(request, `/api/v1/organization/acme/team/${t}/permissions`)).permissions;
  }
  const out: Record<string, Record<string, { role: string; grants: Grant[] }>> = {};
  for (const r of robots) {
    const cells: Record<string, { role: string; grants: Grant[] }> = {};
    const add = (repo: string, g: Grant) => {
      const c = (cells[repo] ||= { role: g.role, grants: [] });
      c.grants.push(g);
      if (rank(g.role) > rank(c.role)) c.role = g.role;
    };
    const direct = (await get(request, `/api/v1/organization/acme/robots/${r.name.split('+')[1]}/permissions`)).permissions;
    for (const p of direct) add(p.repository.name, { role: p.role, source: 'direct' });
    for (const t of r.teams.map((x) => x.name).sort()) {
      for (const p of teamGrants[t]) add(p.repository.name, { role: p.role, source: 'team', team: t });
    }
    for (const t of r.teams.map((x) => x.name).filter((t) => org.teams[t]?.role === 'admin')) {
      for (const repo of repos) add(repo, { role: 'admin', source: 'organization_admin', team: t });
    }
    out[r.name] = cells;
  }
  return { robots: robots.map((r) => r.name).sort(), repos: repos.sort(), cells: out };
}

async function openReport(page: Page) {
  await openHydrated(page, TAB);
  await expect(page.getByTestId('access-progress-counts')).toHaveText(/^(\d+) of \1 done, 0 failed$/);
  await expect(page.getByTestId('access-counts')).toBeVisible();
}

async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [d]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
}

/** RFC 4180: fields, quotes doubled, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return rows;
}

/** The matrix as shown: header, then each row's robot and cell texts. */
async function shownMatrix(page: Page): Promise<string[][]> {
  return page.locator('#access-matrix').evaluate((t: HTMLTableElement) => {
    const head = [...t.tHead!.rows[0].cells].map((c) => c.textContent!.trim());
    const body = [...t.tBodies[0].rows].map((r) => [...r.cells].map((c, i) =>
      i === 0 ? c.childNodes[0].textContent!.trim() : c.textContent!.trim()));
    return [head, ...body];
  });
}

async function perPage(page: Page, pager: string, n: number) {
  await page.locator(`#${pager}`).getByRole('button', { name: 'Items per page' }).click();
  await page.locator(`#${pager}`).getByTestId(`per-page-${n}`).click();
}

test('every cell shows the effective role and its sources as Quay resolves them, team-only access included', async ({ page, request }) => {
  const want = await expectedAccess(request);
  await openReport(page);
  await expect(page.getByTestId('access-counts')).toHaveText(
    `Showing ${want.robots.length} of ${want.robots.length} robot accounts and ${want.repos.length} of ${want.repos.length} repositories`);
  const { name, text } = await download(page, 'access-download-json');
  expect(name).toBe('robot-access-acme-matrix.json');
  const json: MatrixJson = JSON.parse(text);
  expect(json.repositories).toEqual(want.repos);
  expect(json.robots.map((r) => r.robot)).toEqual(want.robots);
  for (const r of json.robots) {
    const got = Object.fromEntries(r.cells.map((c) => [c.repository, { role: c.role, grants: c.grants }]));
    expect(got, r.robot).toEqual(want.cells[r.robot]);
  }
  // Robots whose only access comes through a team: Quay's robot view lists nothing (TEAM_18),
  // the report shows the team's grants.
  for (const n of ['acme+bot0001', 'acme+bot0010']) {
    expect((await get(request, `/api/v1/organization/acme/robots/${n.split('+')[1]}/permissions`)).permissions).toEqual([]);
    const cells = json.robots.find((r) => r.robot === n)!.cells;
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.grants.every((g) => g.source === 'team'))).toBe(true);
    expect(cells[0].text).toMatch(/^(read|write) via team team-00\d$/);
  }
  // Quay's own transitive answer agrees, cell by cell (a sample: both kinds of robots, empty cells too).
  for (const robot of ['acme+bot0001', 'acme+bot0012', 'acme+deployer']) {
    const cells = json.robots.find((r) => r.robot === robot)!.cells;
    for (const repo of [...cells.slice(0, 6).map((c) => c.repository), 'repo-0299', 'api-server']) {
      const r = await request.get(`${api}/api/v1/repository/acme/${repo}/permissions/user/${robot}/transitive`, { headers: auth });
      const cell = cells.find((c) => c.repository === repo);
      if (cell) {
        expect(r.status()).toBe(200);
        const roles: string[] = (await r.json()).permissions.map((p: { role: string }) => p.role);
        expect(cell.role, `${robot} on ${repo}`).toBe(roles.sort((a, b) => rank(b) - rank(a))[0]);
      } else {
        expect(r.status(), `${robot} on ${repo}`).toBe(404);
      }
    }
  }
  // The first page on screen is the same as the download.
  const shown = await shownMatrix(page);
  expect(shown[0]).toEqual(['Robot account', ...json.repositories.slice(0, 20)]);
  expect(shown.length).toBe(21);
  for (const row of shown.slice(1)) {
    const r = json.robots.find((x) => x.robot === row[0])!;
    row.slice(1).forEach((cellText, i) => {
      expect(cellText, `${row[0]} on ${shown[0][i + 1]}`).toBe(r.cells.find((c) => c.repository === shown[0][i + 1])?.text ?? '');
    });
  }
  // The deployer of the demo: direct write on api-server, and the developers team's write too.
  const deployer = json.robots.find((r) => r.robot === 'acme+deployer')!.cells;
  expect(deployer.find((c) => c.repository === 'api-server')!.text).toBe('write: write direct; write via team developers');
  expect(deployer.find((c) => c.repository === 'auth-service')!.text).toBe('write via team developers');
});

test('filters by robot, repository, role and source, and the CSV and JSON downloads equal the shown rows', async ({ page }) => {
  await openReport(page);
  await perPage(page, 'access-robots-pagination', 100);
  await perPage(page, 'access-repos-pagination', 100);
  await page.locator('#access-robot-search').fill('bot00');
  await page.locator('#access-role-filter').selectOption('write');
  await page.locator('#access-source-filter').selectOption('team:team-002');
  await expect(page.getByTestId('access-counts')).toHaveText(/^Showing 10 of \d+ robot accounts and \d+ of \d+ repositories$/);
  const shown = await shownMatrix(page);
  // Every shown robot has a write through team-002 in a shown column, and every shown column has one.
  const matches = (t: string) => /^write/.test(t) && t.includes('via team team-002');
  for (const row of shown.slice(1)) expect(row.some(matches), row[0]).toBe(true);
  shown[0].slice(1).forEach((_, i) => expect(shown.slice(1).some((r) => matches(r[i + 1])), shown[0][i + 1]).toBe(true));

  const csv = await download(page, 'access-download-csv');
  expect(csv.name).toBe('robot-access-acme-matrix.csv');
  expect(parseCsv(csv.text)).toEqual(shown);
  const json: MatrixJson = JSON.parse((await download(page, 'access-download-json')).text);
  expect(json.repositories).toEqual(shown[0].slice(1));
  expect(json.robots.map((r) => [r.robot, ...json.repositories.map((repo) => r.cells.find((c) => c.repository === repo)?.text ?? '')])).toEqual(shown.slice(1));

  // Direct grants on a few repositories.
  await page.locator('#access-role-filter').selectOption('any');
  await page.locator('#access-source-filter').selectOption('direct');
  await page.locator('#access-robot-search').fill('');
  await page.locator('#access-repo-search').fill('repo-001');
  await expect(page.getByTestId('access-counts')).toHaveText(/^Showing \d+ of \d+ robot accounts and \d+ of \d+ repositories$/);
  const direct = await shownMatrix(page);
  expect(direct[0].slice(1).every((r) => r.startsWith('repo-001'))).toBe(true);
  expect(direct.length).toBeGreaterThan(2);
  for (const row of direct.slice(1)) expect(row.slice(1).some((t) => / direct/.test(t)), row[0]).toBe(true);
  expect(direct.slice(1).some((r) => r[0] <= 'acme+bot0010' && r[0] >= 'acme+bot0001'), 'team-only robots have no direct grant').toBe(false);
  expect(parseCsv((await download(page, 'access-download-csv')).text)).toEqual(direct);

  // The Summary view exports its own rows.
  await page.locator('#access-source-filter').selectOption('any');
  await page.locator('#access-repo-search').fill('');
  await page.locator('#access-robot-search').fill('bot001');
  await page.getByTestId('access-view-summary').click();
  const summary = await page.locator('#access-summary').evaluate((t: HTMLTableElement) => [
    [...t.tHead!.rows[0].cells].map((c) => c.textContent!.trim()),
    ...[...t.tBodies[0].rows].map((r) => [...r.cells].map((c, i) => i === 8
      ? [...c.querySelectorAll('.pf-v6-c-label__text')].map((l) => l.textContent).join('; ')
      : c.textContent!.trim())),
  ]);
  expect(summary.length).toBe(1 + 10);
  const scsv = await download(page, 'access-download-csv');
  expect(scsv.name).toBe('robot-access-acme-summary.csv');
  expect(parseCsv(scsv.text)).toEqual(summary);
  const sjson = JSON.parse((await download(page, 'access-download-json')).text);
  expect(sjson.robots.map((r: { robot: string }) => r.robot)).toEqual(summary.slice(1).map((r) => r[0]));
  expect(sjson.robots[0].teams).toEqual([summary[1][4]]);
});

test('risk flags: admin anywhere, write on more than N, never used, not used for N days, long-lived token without federation', async ({ page, request }) => {
  const put = (path: string, data: unknown) => request.put(`${api}${path}`, { headers: auth, data });
  expect((await put('/api/v1/repository/acme/repo-0100/permissions/user/acme+bot0020', { role: 'admin' })).status()).toBe(200);
  expect((await put('/api/v1/organization/acme/team/owners/members/acme+bot0030', {})).status()).toBe(200);
  const fed = await request.post(`${api}/api/v1/organization/acme/robots/bot0040/federation`, { headers: auth, data: [{ issuer: 'https://issuer.example.com', subject: 'ci' }] });
  expect(fed.status(), await fed.text()).toBe(200);
  try {
    await openReport(page);
    await page.getByTestId('access-view-summary').click();
    await perPage(page, 'access-summary-pagination', 100);
    const row = (n: string) => page.getByTestId(`access-summary-${n}`);
    await expect(row('acme+bot0020').getByTestId('risk-admin')).toHaveText('Admin on 1 repository');
    await expect(row('acme+bot0030').getByTestId('risk-admin')).toHaveText(/^Admin on \d{3} repositories$/);
    await expect(row('acme+bot0021').getByTestId('risk-admin')).toHaveCount(0);
    // Seeded robots: every third one was used minutes ago, the others never; the demo's scanner
    // was last used 200 days ago.
    await expect(row('acme+bot0001').getByTestId('risk-never-used')).toHaveText('Never used');
    await expect(row('acme+bot0003').getByTestId('risk-never-used')).toHaveCount(0);
    await expect(row('acme+scanner').getByTestId('risk-unused')).toHaveText('Not used for 200 days');
    await expect(row('acme+ci_builder').getByTestId('risk-unused')).toHaveCount(0);
    await page.getByTestId('access-unused-days').fill('2');
    await page.getByTestId('access-unused-days').press('Enter');
    await expect(row('acme+ci_builder').getByTestId('risk-unused')).toHaveText('Not used for 3 days');
    // Seeded robots were created 60 days ago; the threshold is 90 days.
    await expect(row('acme+bot0041').getByTestId('risk-long-lived-token')).toHaveCount(0);
    await expect(row('acme+backup.bot').getByTestId('risk-long-lived-token')).toHaveText('Long-lived token, no federation (robot created 400 days ago)');
    await page.getByTestId('access-token-days').fill('30');
    await page.getByTestId('access-token-days').press('Enter');
    await expect(row('acme+bot0041').getByTestId('risk-long-lived-token')).toHaveText(/^Long-lived token, no federation \(robot created (59|60) days ago\)$/);
    await expect(row('acme+bot0040').getByTestId('risk-long-lived-token')).toHaveCount(0);
    await expect(row('acme+bot0040').locator('td').nth(5)).toHaveText('Configured');
    // Write or admin on more than N: the count is the Write and Admin columns.
    await page.getByTestId('access-many-repos').fill('3');
    await page.getByTestId('access-many-repos').press('Enter');
    const counts = await page.locator('#access-summary tbody tr').evaluateAll((rows) => rows.map((r) => {
      const c = [...(r as HTMLTableRowElement).cells].map((x) => x.textContent!.trim());
      return { robot: c[0], strong: Number(c[1]) + Number(c[2]), flagged: !!r.querySelector('[data-testid="risk-many-repos"]') };
    }));
    expect(counts.filter((c) => c.flagged).map((c) => c.robot)).toEqual(counts.filter((c) => c.strong > 3).map((c) => c.robot));
    expect(counts.filter((c) => c.flagged).length).toBeGreaterThan(0);
    // The risk filter: robots with admin anywhere.
    await page.locator('#access-risk-filter').selectOption('admin');
    await expect(page.locator('#access-summary tbody tr')).toHaveCount(2);
    await expect(page.locator('#access-summary tbody th')).toHaveText(['acme+bot0020', 'acme+bot0030']);
  } finally {
    await request.delete(`${api}/api/v1/repository/acme/repo-0100/permissions/user/acme+bot0020`, { headers: auth });
    await request.delete(`${api}/api/v1/organization/acme/team/owners/members/acme+bot0030`, { headers: auth });
    await request.delete(`${api}/api/v1/organization/acme/robots/bot0040/federation`, { headers: auth });
  }
});

test('a failing robot and team are named with Quay\'s message, the rest still shows, and Retry failed completes the report', async ({ page, request }) => {
  const sb = new Sandbox(request, E2E.accessSandbox, E2E.accessToken);
  await sb.fault({ path_contains: '/robots/bot0003/permissions', status: 403, body: { message: 'Robot permissions are locked' } });
  await sb.fault({ path_contains: '/team/team-005/permissions', status: 500 });
  try {
    await openHydrated(page, TAB);
    const failures = page.getByTestId('access-failure');
    await expect(failures).toHaveCount(2);
    await expect(failures.filter({ hasText: 'acme+bot0003' })).toHaveText('Failed to read robot account acme+bot0003, Robot permissions are locked.');
    await expect(failures.filter({ hasText: 'team-005' })).toHaveText(/^Failed to read the permissions of team team-005, .+\.$/);
    await expect(page.getByTestId('access-progress-counts')).toHaveText(/^(\d+) of (\d+) done, 2 failed$/);
    // The rest of the report shows; the rows that lack a part say so.
    await expect(page.getByTestId('access-row-acme+bot0002')).toBeVisible();
    await expect(page.getByTestId('access-row-acme+bot0003').getByTestId('access-row-missing')).toHaveAttribute('title', 'Not read: the direct permissions of acme+bot0003.');
    await expect(page.getByTestId('access-row-acme+bot0002').getByTestId('access-row-missing')).toHaveCount(0);
    await sb.clearFaults();
    await page.getByTestId('retry-failed-btn').click();
    await expect(page.getByTestId('access-progress-counts')).toHaveText('2 of 2 done, 0 failed');
    await expect(failures).toHaveCount(0);
    await expect(page.getByTestId('access-row-missing')).toHaveCount(0);
  } finally {
    await sb.clearFaults();
  }
});

test('a cell opens Set repository permissions, a team-derived cell names its team, and saving refreshes the row', async ({ page, request }) => {
  await openReport(page);
  // acme+ci_builder: direct read on api-server (and no team).
  await page.locator('#access-robot-search').fill('ci_builder');
  await page.locator('#access-repo-search').fill('api-server');
  const cell = page.getByTestId('access-cell-acme+ci_builder-api-server');
  await expect(cell).toHaveText('read direct');
  await cell.click();
  const modal = page.getByTestId('set-repo-permissions-modal');
  await expect(modal.locator('#robot-perms-name')).toHaveValue('acme+ci_builder');
  await modal.locator('#robot-wizard-repo-search').fill('api-server');
  await modal.getByTestId('api-server-permission-dropdown-toggle').click();
  await modal.getByTestId('Write-permission-type').click();
  await modal.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(modal.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await modal.locator('footer').getByRole('button', { name: 'Close', exact: true }).click();
  await expect(cell).toHaveText('write direct');
  await request.put(`${api}/api/v1/repository/acme/api-server/permissions/user/acme+ci_builder`, { headers: auth, data: { role: 'read' } });

  // acme+bot0001 reaches only through team-002, which has read on repo-0002 (seeded).
  await page.locator('#access-robot-search').fill('bot0001');
  await page.locator('#access-repo-search').fill('repo-0002');
  const teamCell = page.getByTestId('access-cell-acme+bot0001-repo-0002');
  await expect(teamCell).toHaveText('read via team team-002');
  await teamCell.click();
  const grant = page.getByTestId('access-grant-modal');
  await expect(grant.locator('.pf-v6-c-modal-box__title')).toHaveText('Access of acme+bot0001 to repo-0002');
  await expect(grant.getByTestId('access-grant-line')).toHaveText('Team team-002 grants read on repo-0002, and acme+bot0001 is a member of team team-002.');
  await grant.getByTestId('access-grant-set-permissions').click();
  await expect(page.getByTestId('set-repo-permissions-modal').locator('#robot-perms-name')).toHaveValue('acme+bot0001');
});

test('the matrix is a grid: header cells, a roving tabindex, arrow keys between cells across pages', async ({ page }) => {
  await openReport(page);
  const grid = page.locator('#access-matrix');
  await expect(grid).toHaveAttribute('role', 'grid');
  await expect(grid.locator('thead th[scope="col"]')).toHaveCount(21);
  await expect(grid.locator('tbody th[scope="row"]')).toHaveCount(20);
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
  const focused = () => page.evaluate(() => document.activeElement?.id);
  await page.locator('#access-cell-0-0').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(focused).toBe('access-cell-0-1');
  await expect(page.locator('#access-cell-0-1')).toHaveAttribute('tabindex', '0');
  await expect(page.locator('#access-cell-0-0')).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('ArrowDown');
  await expect.poll(focused).toBe('access-cell-1-1');
  await expect(page.locator('#access-cell-1-1')).toHaveAttribute('aria-colindex', '2');
  // Past the last column on screen: the next page of repositories.
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(focused).toBe('access-cell-1-21');
  await expect(page.locator('#access-repos-pagination .pf-v6-c-menu-toggle__text')).toHaveText(/^21 - 40 of \d+$/);
  await page.keyboard.press('PageDown');
  await expect.poll(focused).toBe('access-cell-21-21');
  await expect(page.locator('#access-robots-pagination .pf-v6-c-menu-toggle__text')).toHaveText(/^21 - 40 of \d+$/);
  await page.keyboard.press('Control+Home');
  await expect.poll(focused).toBe('access-cell-0-0');
  await expect(page.locator('#access-robots-pagination .pf-v6-c-menu-toggle__text')).toHaveText(/^1 - 20 of \d+$/);
  // Enter opens the cell (here the robot's name: Set repository permissions).
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('set-repo-permissions-modal')).toBeVisible();
});

test('the printable view lists what is shown, without the controls', async ({ page }) => {
  await openReport(page);
  await page.locator('#access-robot-search').fill('bot004');
  await page.getByTestId('access-printable-view').click();
  const print = page.getByTestId('access-print');
  await expect(print.getByTestId('access-print-robot')).toHaveCount(10);
  await expect(print.getByTestId('access-print-summary').locator('tbody tr')).toHaveCount(10);
  await expect(print.getByTestId('access-print-robot').first().locator('h3')).toHaveText('acme+bot0040');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('access-print-btn')).toBeHidden();
  await expect(page.locator('#masthead')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('access-print-back').click();
  await expect(page.locator('#access-matrix')).toBeVisible();
});
