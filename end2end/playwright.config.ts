import { defineConfig } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

// Servers are started here, on loopback only, and stopped when the run ends:
//  - "embedded": the console on its embedded Quay-compatible backend (the default product setup)
//  - "remote": a separately started quay-sandbox process, and a second console pointed at it
//    with --quay-url (what a real Quay deployment looks like).
//  - "access": a quay-sandbox seeded with a namespace for the access report (50 robots, 300
//    repositories, 5 teams with 20 grants each, 10 robots reaching only through their team) and a
//    console in front of it acting with the sandbox's admin token (--quay-token).
// E2E_PORT_OFFSET moves every port, so several checkouts can run their suites at once.
const off = Number(process.env.E2E_PORT_OFFSET || 0);
const P = {
  console: 3100 + off, sandbox: 8181 + off, remoteConsole: 3102 + off, remoteSandbox: 8191 + off,
  accessConsole: 3110 + off, accessSandbox: 8210 + off,
};
export const E2E = {
  console: `http://127.0.0.1:${P.console}`,
  sandbox: `http://127.0.0.1:${P.sandbox}`,
  adminToken: 'e2e-embedded-admin-token',
  remoteConsole: `http://127.0.0.1:${P.remoteConsole}`,
  remoteSandbox: `http://127.0.0.1:${P.remoteSandbox}`,
  remoteToken: 'e2e-remote-admin-token',
  accessConsole: `http://127.0.0.1:${P.accessConsole}`,
  accessSandbox: `http://127.0.0.1:${P.accessSandbox}`,
  accessToken: 'e2e-access-admin-token',
};
const accessSeed = '--seed-robots 50 --seed-repos 300 --seed-teams 5 --seed-team-perms 20 --seed-team-only-robots 10';

const root = path.resolve(__dirname, '..');
const tmp = process.env.E2E_TMP || path.join(root, 'target', 'e2e');
fs.mkdirSync(tmp, { recursive: true });
// E2E_PROFILE=debug runs the debug build (faster to build while developing).
const bin = (name: string) => path.join(root, 'target', process.env.E2E_PROFILE || 'release', name);
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
      command: `${bin('robot-console')} --addr 127.0.0.1:${P.console} --sandbox-addr 127.0.0.1:${P.sandbox} --data-dir ${tmp}/embedded`,
      env: { ...siteEnv, SANDBOX_ADMIN_TOKEN: E2E.adminToken, QUAY_URL: '', QUAY_TOKEN: '', SANDBOX_ALLOW_HTTP_ISSUERS: 'true' },
      url: `${E2E.console}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${bin('quay-sandbox')} --addr 127.0.0.1:${P.remoteSandbox} --data-dir ${tmp}/remote-sandbox --admin-token ${E2E.remoteToken}`,
      url: `${E2E.remoteSandbox}/config`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${bin('robot-console')} --addr 127.0.0.1:${P.remoteConsole} --quay-url ${E2E.remoteSandbox} --data-dir ${tmp}/remote`,
      env: { ...siteEnv, QUAY_TOKEN: '' },
      url: `${E2E.remoteConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${bin('quay-sandbox')} --addr 127.0.0.1:${P.accessSandbox} --data-dir ${tmp}/access-sandbox --admin-token ${E2E.accessToken} ${accessSeed}`,
      url: `${E2E.accessSandbox}/config`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `${bin('robot-console')} --addr 127.0.0.1:${P.accessConsole} --quay-url ${E2E.accessSandbox} --data-dir ${tmp}/access`,
      env: { ...siteEnv, QUAY_TOKEN: E2E.accessToken },
      url: `${E2E.accessConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
