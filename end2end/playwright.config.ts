import { defineConfig } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

// Servers are started here, on loopback only, and stopped when the run ends:
//  - "embedded": the console on its embedded Quay-compatible backend (the default product setup)
//  - "remote": a separately started quay-sandbox process, and a second console pointed at it
//    with --quay-url (what a real Quay deployment looks like).
export const E2E = {
  console: 'http://127.0.0.1:3100',
  sandbox: 'http://127.0.0.1:8181',
  adminToken: 'e2e-embedded-admin-token',
  remoteConsole: 'http://127.0.0.1:3102',
  remoteSandbox: 'http://127.0.0.1:8191',
  remoteToken: 'e2e-remote-admin-token',
};

const root = path.resolve(__dirname, '..');
const tmp = process.env.E2E_TMP || path.join(root, 'target', 'e2e');
fs.mkdirSync(tmp, { recursive: true });
const bin = (name: string) => path.join(root, 'target', 'release', name);
const siteEnv = { LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'), RUST_LOG: 'warn' };

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: E2E.console,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `${bin('robot-console')} --addr 127.0.0.1:3100 --sandbox-addr 127.0.0.1:8181 --data-dir ${tmp}/embedded`,
      env: { ...siteEnv, SANDBOX_ADMIN_TOKEN: E2E.adminToken, QUAY_URL: '', QUAY_TOKEN: '' },
      url: `${E2E.console}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${bin('quay-sandbox')} --addr 127.0.0.1:8191 --data-dir ${tmp}/remote-sandbox --admin-token ${E2E.remoteToken}`,
      url: `${E2E.remoteSandbox}/config`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${bin('robot-console')} --addr 127.0.0.1:3102 --quay-url ${E2E.remoteSandbox} --data-dir ${tmp}/remote`,
      env: { ...siteEnv, QUAY_TOKEN: '' },
      url: `${E2E.remoteConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
