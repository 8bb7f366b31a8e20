import { test, expect, APIRequestContext } from '@playwright/test';
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { openHydrated } from './helpers';

// Quay slow past the timeout, answering 5xx, stopped, and back: the console answers every page
// and action with a clear error within its timeout (--quay-timeout-secs 2), never hangs, and
// recovers when Quay returns. This spec starts its own quay-sandbox (so it can stop and restart
// it) and a console pointed at it, on loopback, and stops both at the end.
const off = Number(process.env.E2E_PORT_OFFSET || 0);
const SANDBOX = `http://127.0.0.1:${8195 + off}`;
const CONSOLE = `http://127.0.0.1:${3108 + off}`;
const TOKEN = 'e2e-faults-admin-token';
const root = path.resolve(__dirname, '..', '..');
const tmp = process.env.E2E_TMP || path.join(root, 'target', 'e2e');
const bin = (n: string) => path.join(root, 'target', process.env.E2E_PROFILE || 'release', n);
const env = { ...process.env, LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'), RUST_LOG: 'info', QUAY_TOKEN: '' };

let sandbox: ChildProcess | undefined;
let console_: ChildProcess | undefined;

function run(name: string, cmd: string, args: string[]): ChildProcess {
  const log = fs.openSync(path.join(tmp, `${name}.log`), 'a');
  return spawn(cmd, args, { env, stdio: ['ignore', log, log] });
}

async function waitFor(request: APIRequestContext, url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await request.get(url, { timeout: 1000 })).ok()) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

async function startSandbox(request: APIRequestContext) {
  sandbox = run('faults-sandbox', bin('quay-sandbox'), [
    '--addr', SANDBOX.replace('http://', ''), '--data-dir', path.join(tmp, 'faults-sandbox'), '--admin-token', TOKEN,
  ]);
  await waitFor(request, `${SANDBOX}/config`);
}

async function stopSandbox() {
  if (!sandbox) return;
  const s = sandbox;
  sandbox = undefined;
  await new Promise<void>((resolve) => {
    s.once('exit', () => resolve());
    s.kill('SIGKILL');
  });
}

async function settings(request: APIRequestContext, s: Record<string, unknown>) {
  const r = await request.put(`${SANDBOX}/sandbox/settings`, { headers: { Authorization: `Bearer ${TOKEN}` }, data: s });
  expect(r.ok(), await r.text()).toBeTruthy();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await startSandbox(request);
  console_ = run('faults-console', bin('robot-console'), [
    '--addr', CONSOLE.replace('http://', ''), '--quay-url', SANDBOX, '--quay-token', TOKEN,
    '--quay-timeout-secs', '2', '--data-dir', path.join(tmp, 'faults-console'),
  ]);
  await waitFor(request, `${CONSOLE}/healthz`);
});

test.afterAll(async () => {
  await stopSandbox();
  console_?.kill('SIGTERM');
});

/** Opens the first robot's credentials and expects the dialog to show `error`. */
async function openFirstCredentials(page: import('@playwright/test').Page, error: string) {
  await page.locator(table).getByRole('button', { name: /^acme\+/ }).first().click();
  const modal = page.getByTestId('credentials-modal');
  await expect(modal.getByTestId('danger-alert')).toContainText(error);
  await modal.getByTestId('credentials-close').click();
  await expect(modal).toHaveCount(0);
}

const robotsTab = `${CONSOLE}/organization/acme?tab=Robotaccounts`;
const table = '#robot-accounts-table';

test('Quay slower than the timeout: pages and actions say so within the timeout, then recover', async ({ page, request }) => {
  await openHydrated(page, robotsTab);
  await expect(page.locator(table)).toContainText('acme+');

  await settings(request, { latency_ms: 6000 });
  // An action on the loaded page: Quay's answer would take 6 s, the console gives up after 2 s.
  await openFirstCredentials(page, 'did not answer within 2 s');
  await page.goto(robotsTab, { timeout: 15_000 });
  const alert = page.getByTestId('danger-alert');
  await expect(alert).toContainText('Failed to fetch Robot Accounts');
  await expect(alert).toContainText('did not answer within 2 s');
  await page.goto(`${CONSOLE}/organization`, { timeout: 15_000 });
  await expect(page.getByTestId('danger-alert')).toContainText('did not answer within 2 s');
  expect((await request.get(`${CONSOLE}/readyz`, { timeout: 15_000 })).status()).toBe(503);

  // Quay is fast again: "Try again" loads the data without a page reload.
  await settings(request, { latency_ms: 0 });
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('#load-retry').click();
  await expect(page.getByTestId('danger-alert')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'acme' }).first()).toBeVisible();
  expect((await request.get(`${CONSOLE}/readyz`)).status()).toBe(200);
});

test('Quay answering 5xx: the error names the status and what to do; recovery after', async ({ page, request }) => {
  await settings(request, { error_rate: 1.0 });
  await page.goto(robotsTab);
  const alert = page.getByTestId('danger-alert');
  await expect(alert).toContainText('Failed to fetch Robot Accounts');
  await expect(alert).toContainText(/Injected fault \(5\d\d\)/);
  await settings(request, { error_rate: 0 });
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('#load-retry').click();
  await expect(page.locator(table)).toContainText('acme+');
});

test('Quay stopped: every page says it cannot connect, /readyz is 503; restarted: all is back', async ({ page, request }) => {
  await openHydrated(page, robotsTab);
  await expect(page.locator(table)).toContainText('acme+');
  await stopSandbox();

  // An action on a page loaded before Quay went away: opening a robot's credentials.
  await openFirstCredentials(page, 'Cannot connect to Quay');
  await page.goto(robotsTab);
  await expect(page.getByTestId('danger-alert')).toContainText('Cannot connect to Quay');
  await page.goto(`${CONSOLE}/organization`);
  await expect(page.getByTestId('danger-alert')).toContainText('Cannot connect to Quay');
  const ready = await request.get(`${CONSOLE}/readyz`);
  expect(ready.status()).toBe(503);
  expect(await ready.text()).toContain('Cannot connect to Quay');
  // The process itself is fine.
  expect((await request.get(`${CONSOLE}/healthz`)).status()).toBe(200);

  await startSandbox(request);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('#load-retry').click();
  await expect(page.getByTestId('danger-alert')).toHaveCount(0);
  expect((await request.get(`${CONSOLE}/readyz`)).status()).toBe(200);
  await page.goto(robotsTab);
  await expect(page.locator(table)).toContainText('acme+');
});
