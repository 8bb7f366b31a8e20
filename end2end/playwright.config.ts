import { defineConfig } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';

// Servers are started here, on loopback only, and stopped when the run ends:
//  - "embedded": the console on its embedded Quay-compatible backend (the default product setup)
//  - "remote": a separately started quay-sandbox process, and a second console pointed at it
//    with --quay-url (what a real Quay deployment looks like), with "Sign in with Quay";
//  - "replica": another console on the same Quay with the remote console's session key (two
//    replicas of one deployment);
//  - "bad secret": a console whose OAuth client secret is wrong;
//  - "access": a quay-sandbox seeded with a namespace for the access report (50 robots, 300
//    repositories, 5 teams with 20 grants each, 10 robots reaching only through their team) and a
//    console in front of it acting with the sandbox's admin token (QUAY_TOKEN).
// E2E_PORT_OFFSET moves every port, so several checkouts can run their suites at once.
const off = Number(process.env.E2E_PORT_OFFSET || 0);
const P = {
  console: 3100 + off, sandbox: 8181 + off, remoteConsole: 3102 + off, remoteSandbox: 8191 + off,
  replicaConsole: 3104 + off, badSecretConsole: 3106 + off,
  accessConsole: 3110 + off, accessSandbox: 8210 + off,
};
export const E2E = {
  console: `http://127.0.0.1:${P.console}`,
  sandbox: `http://127.0.0.1:${P.sandbox}`,
  adminToken: 'e2e-embedded-admin-token',
  remoteConsole: `http://127.0.0.1:${P.remoteConsole}`,
  remoteSandbox: `http://127.0.0.1:${P.remoteSandbox}`,
  remoteToken: 'e2e-remote-admin-token',
  replicaConsole: `http://127.0.0.1:${P.replicaConsole}`,
  badSecretConsole: `http://127.0.0.1:${P.badSecretConsole}`,
  // The remote sandbox's OAuth applications (`--oauth-app ID:SECRET:REDIRECT_URI`).
  oauthClient: 'E2EOAUTHCLIENT000001',
  oauthSecret: 'e2e-oauth-secret-0000000000000000000000000',
  oauthBadClient: 'E2EOAUTHCLIENT000002',
  accessConsole: `http://127.0.0.1:${P.accessConsole}`,
  accessSandbox: `http://127.0.0.1:${P.accessSandbox}`,
  accessToken: 'e2e-access-admin-token',
};
const accessSeed = '--seed-robots 50 --seed-repos 300 --seed-teams 5 --seed-team-perms 20 --seed-team-only-robots 10';
// The remote console and its replica share one session key (base64 of 64 bytes).
const sharedKey = Buffer.alloc(64, 7).toString('base64');
const oauthApps = [
  `${E2E.oauthClient}:${E2E.oauthSecret}:${E2E.remoteConsole}/oauth/callback`,
  `${E2E.oauthBadClient}:${E2E.oauthSecret}:${E2E.badSecretConsole}/oauth/callback`,
].join(',');

const root = path.resolve(__dirname, '..');
const tmp = process.env.E2E_TMP || path.join(root, 'target', 'e2e');
fs.mkdirSync(tmp, { recursive: true });
// E2E_PROFILE=debug runs the debug build (faster to build while developing).
const bin = (name: string) => path.join(root, 'target', process.env.E2E_PROFILE || 'release', name);
const siteEnv = { LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'), RUST_LOG: 'info' };
// Every server's output goes to `$E2E_TMP/<name>.log` (the teardown checks no line holds a token).
const logged = (name: string, cmd: string) => `sh -c 'exec ${cmd} >> ${tmp}/${name}.log 2>&1'`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalTeardown: './teardown.ts',
  // "chromium" runs every spec; "nojs" runs nojs.spec.ts again with JavaScript off (the pages
  // must show their data from the server-rendered HTML).
  projects: [
    { name: 'chromium', testIgnore: /nojs\.spec\.ts/ },
    { name: 'nojs', testMatch: /nojs\.spec\.ts/, use: { javaScriptEnabled: false } },
  ],
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
      command: logged('embedded-console', `${bin('robot-console')} --addr 127.0.0.1:${P.console} --sandbox-addr 127.0.0.1:${P.sandbox} --data-dir ${tmp}/embedded`),
      env: { ...siteEnv, SANDBOX_ADMIN_TOKEN: E2E.adminToken, QUAY_URL: '', QUAY_TOKEN: '', SANDBOX_ALLOW_HTTP_ISSUERS: 'true' },
      url: `${E2E.console}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('remote-sandbox', `${bin('quay-sandbox')} --addr 127.0.0.1:${P.remoteSandbox} --data-dir ${tmp}/remote-sandbox --admin-token ${E2E.remoteToken} --oauth-app ${oauthApps}`),
      url: `${E2E.remoteSandbox}/config`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('remote-console', `${bin('robot-console')} --addr 127.0.0.1:${P.remoteConsole} --quay-url ${E2E.remoteSandbox} --data-dir ${tmp}/remote`),
      env: { ...siteEnv, QUAY_TOKEN: '', ROBOT_CONSOLE_SESSION_KEY: sharedKey, ROBOT_CONSOLE_OAUTH_CLIENT_ID: E2E.oauthClient, ROBOT_CONSOLE_OAUTH_CLIENT_SECRET: E2E.oauthSecret },
      url: `${E2E.remoteConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('replica-console', `${bin('robot-console')} --addr 127.0.0.1:${P.replicaConsole} --quay-url ${E2E.remoteSandbox} --data-dir ${tmp}/replica`),
      env: { ...siteEnv, QUAY_TOKEN: '', ROBOT_CONSOLE_SESSION_KEY: sharedKey },
      url: `${E2E.replicaConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('bad-secret-console', `${bin('robot-console')} --addr 127.0.0.1:${P.badSecretConsole} --quay-url ${E2E.remoteSandbox} --data-dir ${tmp}/bad-secret`),
      env: { ...siteEnv, QUAY_TOKEN: '', ROBOT_CONSOLE_OAUTH_CLIENT_ID: E2E.oauthBadClient, ROBOT_CONSOLE_OAUTH_CLIENT_SECRET: 'not-the-secret' },
      url: `${E2E.badSecretConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('access-sandbox', `${bin('quay-sandbox')} --addr 127.0.0.1:${P.accessSandbox} --data-dir ${tmp}/access-sandbox --admin-token ${E2E.accessToken} ${accessSeed}`),
      url: `${E2E.accessSandbox}/config`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('access-console', `${bin('robot-console')} --addr 127.0.0.1:${P.accessConsole} --quay-url ${E2E.accessSandbox} --data-dir ${tmp}/access`),
      env: { ...siteEnv, QUAY_TOKEN: E2E.accessToken },
      url: `${E2E.accessConsole}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
