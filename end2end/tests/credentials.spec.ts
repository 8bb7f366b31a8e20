import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// A robot whose name has "+", "_" and "." (Quay's kubectl file name is wrong for these).
const SHORT = 'my_bot.x';
const ROBOT = `acme+${SHORT}`;
const ESCAPED = 'acme-my-bot-x';
// The embedded sandbox's SERVER_HOSTNAME is its bound address.
const HOST = new URL(E2E.sandbox).host;
const API = `${E2E.sandbox}/api/v1/organization/acme/robots/${SHORT}`;
const admin = { Authorization: `Bearer ${E2E.adminToken}` };

/** Creates the robot when missing; answers its current token (from the backend itself). */
async function robotToken(request: APIRequestContext): Promise<string> {
  const created = await request.put(API, { headers: admin, data: { description: 'credentials e2e' } });
  expect([201, 400]).toContain(created.status());
  const got = await request.get(API, { headers: admin });
  expect(got.status()).toBe(200);
  const token = (await got.json()).token as string;
  expect(token).toMatch(/^[A-Z0-9]{64}$/);
  return token;
}

// Independent re-statements of spec §6's formats.
const auth = (token: string) => Buffer.from(`${ROBOT}:${token}`).toString('base64');
const dockerConfig = (scope: string, token: string) =>
  JSON.stringify({ auths: { [scope]: { auth: auth(token), email: '' } } }, null, '  ');
const secretYaml = (scope: string, token: string) =>
  [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${ESCAPED}-pull-secret`,
    'data:',
    `  .dockerconfigjson: ${Buffer.from(dockerConfig(scope, token)).toString('base64')}`,
    'type: kubernetes.io/dockerconfigjson',
  ].join('\n');
const podYaml = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: somepod',
  '  namespace: all',
  'spec:',
  '  containers:',
  '    - name: web',
  `      image: ${HOST}/acme/somerepo`,
  '  imagePullSecrets:',
  `    - name: ${ESCAPED}-pull-secret`,
].join('\n');

async function openCredentials(page: Page) {
  await openHydrated(page, '/organization/acme?tab=Robotaccounts');
  await page.locator('#robot-accounts-table').getByRole('button', { name: ROBOT, exact: true }).click();
  const modal = page.getByTestId('credentials-modal');
  await expect(modal.locator('.pf-v6-c-modal-box__title-text')).toHaveText(`Credentials for ${ROBOT}`);
  await expect(modal.getByTestId('robot-account-tab').or(modal.getByTestId('danger-alert'))).toBeVisible();
  return modal;
}

async function showTab(page: Page, testid: string) {
  await page.getByTestId('credentials-modal').getByTestId(testid).click();
  await expect(page.getByTestId(testid)).toHaveAttribute('aria-selected', 'true');
}

test.beforeEach(async ({ page }) => {
  // Every test starts on the first tab: clear the remembered tab.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-keep-tab')) localStorage.removeItem('robot-console.credentials.tab');
  });
});

test('Robot Account tab: name, token masked until Show, Quay’s regenerate warning', async ({ page, request }) => {
  const token = await robotToken(request);
  const modal = await openCredentials(page);
  await showTab(page, 'robot-account-tab');
  await expect(modal.getByText('Username & Robot account', { exact: true })).toBeVisible();
  await expect(modal.getByTestId('robot-username-input')).toHaveValue(ROBOT);
  const tokenInput = modal.getByTestId('robot-token-input');
  await expect(tokenInput).toHaveValue(token);
  await expect(tokenInput).toHaveAttribute('type', 'password');
  await modal.getByTestId('robot-token-show').click();
  await expect(tokenInput).toHaveAttribute('type', 'text');
  await expect(modal.getByTestId('robot-token-show')).toHaveText('Hide');
  await expect(modal.getByTestId('regenerate-warning')).toContainText(
    'Note that once you regenerate token, all existing logins of this robot account will become invalid.',
  );
});

test('Kubernetes tab: scope, secret YAML, kubectl names the downloaded file (Quay quirk fixed), pod example', async ({ page, request }) => {
  const token = await robotToken(request);
  const modal = await openCredentials(page);
  await showTab(page, 'kubernetes-tab');
  await expect(modal.getByTestId('secret-scope')).toHaveText(`${HOST}/acme`);
  await expect(modal.getByTestId('step-2-secret')).toHaveText(secretYaml(`${HOST}/acme`, token));
  await expect(modal.getByTestId('secret-download')).toHaveText(`Download ${ESCAPED}-secret.yml`);
  // Quay writes `acme-my_bot.x-secret.yml` here, a file the download never saves.
  await expect(modal.getByTestId('kubectl-command-input')).toHaveValue(
    `kubectl create -f ${ESCAPED}-secret.yml --namespace=NAMESPACEHERE`,
  );
  await expect(modal.getByTestId('pod-yaml')).toHaveText(podYaml);
  await expect(modal.getByText('Kuberenetes pod config via an imagePullSecrets field')).toBeVisible();

  await modal.getByTestId('secret-scope-toggle').click();
  await modal.getByTestId('secret-scope-selector').getByRole('option', { name: 'Registry' }).click();
  await expect(modal.getByTestId('secret-scope-toggle')).toHaveText('Registry');
  await expect(modal.getByTestId('secret-scope')).toHaveText(HOST);
  await expect(modal.getByTestId('step-2-secret')).toHaveText(secretYaml(HOST, token));
});

test('Podman and Docker Login tabs: login commands with single-quoted name and token', async ({ page, request }) => {
  const token = await robotToken(request);
  const modal = await openCredentials(page);
  await showTab(page, 'podman-tab');
  await expect(modal.getByText('Podman Login', { exact: true })).toBeVisible();
  await expect(modal.getByTestId('podman-login-input')).toHaveValue(`podman login -u='${ROBOT}' -p='${token}' ${HOST}`);
  await showTab(page, 'docker-login-tab');
  await expect(modal.getByText('Docker Login', { exact: true }).last()).toBeVisible();
  await expect(modal.getByTestId('docker-login-input')).toHaveValue(`docker login -u='${ROBOT}' -p='${token}' ${HOST}`);
});

test('Docker Configuration tab: config.json keyed by the Kubernetes scope, mv command', async ({ page, request }) => {
  const token = await robotToken(request);
  const modal = await openCredentials(page);
  await showTab(page, 'docker-config-tab');
  await expect(modal.getByTestId('docker-config-content')).toHaveText(dockerConfig(`${HOST}/acme`, token));
  await expect(modal.getByTestId('docker-config-download')).toHaveText(`Download ${ESCAPED}-auth.json`);
  await expect(modal.getByTestId('docker-config-mv-input')).toHaveValue(`mv ${ESCAPED}-auth.json ~/.docker/config.json`);
  // The scope chosen in the Kubernetes tab applies here too.
  await showTab(page, 'kubernetes-tab');
  await modal.getByTestId('secret-scope-toggle').click();
  await modal.getByTestId('secret-scope-selector').getByRole('option', { name: 'Registry' }).click();
  await showTab(page, 'docker-config-tab');
  await expect(modal.getByTestId('docker-config-content')).toHaveText(dockerConfig(HOST, token));
});

test.describe('clipboard', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
  test('copy buttons put the exact text on the clipboard and say Copied', async ({ page, request }) => {
    const token = await robotToken(request);
    const modal = await openCredentials(page);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    await modal.getByTestId('robot-token-copy').click();
    await expect(modal.getByTestId('robot-token-copy')).toHaveAttribute('title', 'Copied');
    expect(await clipboard()).toBe(token);

    await showTab(page, 'podman-tab');
    await modal.getByTestId('podman-login-copy').click();
    await expect(modal.getByTestId('podman-login-copy')).toHaveAttribute('title', 'Copied');
    expect(await clipboard()).toBe(`podman login -u='${ROBOT}' -p='${token}' ${HOST}`);

    await showTab(page, 'kubernetes-tab');
    await modal.getByTestId('step-2-secret-copy').click();
    await expect(modal.getByTestId('step-2-secret-copy')).toHaveAttribute('title', 'Copied');
    expect(await clipboard()).toBe(secretYaml(`${HOST}/acme`, token));
  });
});

async function download(page: Page, testid: string) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file!, 'utf8') };
}

test('downloads save files whose content equals the shown text', async ({ page, request }) => {
  const token = await robotToken(request);
  const modal = await openCredentials(page);
  await showTab(page, 'kubernetes-tab');
  const secret = await download(page, 'secret-download');
  expect(secret.name).toBe(`${ESCAPED}-secret.yml`);
  expect(secret.text).toBe(secretYaml(`${HOST}/acme`, token));
  expect(secret.text).toBe(await modal.getByTestId('step-2-secret').textContent());

  await showTab(page, 'docker-config-tab');
  const config = await download(page, 'docker-config-download');
  expect(config.name).toBe(`${ESCAPED}-auth.json`);
  expect(config.text).toBe(dockerConfig(`${HOST}/acme`, token));
  expect(config.text).toBe(await modal.getByTestId('docker-config-content').textContent());
});

test('the last tab used is remembered by the browser', async ({ page, request }) => {
  await robotToken(request);
  let modal = await openCredentials(page);
  await showTab(page, 'podman-tab');
  await modal.getByTestId('credentials-close').click();
  await expect(page.getByTestId('credentials-modal')).toHaveCount(0);
  await page.evaluate(() => sessionStorage.setItem('e2e-keep-tab', '1'));
  modal = await openCredentials(page);
  await expect(modal.getByTestId('podman-tab')).toHaveAttribute('aria-selected', 'true');
  await expect(modal.getByTestId('podman-login-input')).toBeVisible();
});

test('regenerate asks first, then shows a different token that the backend now holds', async ({ page, request }) => {
  const old = await robotToken(request);
  const modal = await openCredentials(page);
  await modal.getByTestId('regenerate-token').click();
  await expect(modal.getByTestId('regenerate-confirm')).toContainText(`Regenerate the token of ${ROBOT}?`);
  // Asking changed nothing yet.
  expect(await robotToken(request)).toBe(old);
  await modal.getByTestId('regenerate-token-cancel').click();
  await expect(modal.getByTestId('regenerate-confirm')).toHaveCount(0);
  expect(await robotToken(request)).toBe(old);

  await modal.getByTestId('regenerate-token').click();
  await modal.getByTestId('regenerate-token-confirm').click();
  const tokenInput = modal.getByTestId('robot-token-input');
  await expect(tokenInput).not.toHaveValue(old);
  await expect(tokenInput).toHaveAttribute('type', 'text');
  const now = await robotToken(request);
  expect(now).not.toBe(old);
  await expect(tokenInput).toHaveValue(now);
  await expect(page.getByTestId('toast')).toContainText(`Token successfully regenerated for ${ROBOT}`);
  await showTab(page, 'podman-tab');
  await expect(modal.getByTestId('podman-login-input')).toHaveValue(`podman login -u='${ROBOT}' -p='${now}' ${HOST}`);
});

// ---- Real clients against the embedded backend's registry login (/v2/auth) ----

const noProxy = () => {
  const env = { ...process.env };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
  return env;
};

/** Runs a shell command line; answers whether it succeeded, with its output. */
function sh(command: string): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    const child = execFile('sh', ['-c', command], { timeout: 30_000, env: noProxy() }, (err, stdout, stderr) =>
      resolve({ ok: !err, out: `${command}\n${stdout}${stderr}` }),
    );
    child.stdin?.end();
  });
}

/** `skopeo login` with only the credentials already in `authfile` (stdin closed: no prompt). */
const loginWithAuthfile = (authfile: string, registry: string) =>
  sh(`skopeo login --tls-verify=false --authfile '${authfile}' ${registry} < /dev/null`);

/** The shown `podman login` / `docker login` command, run as is with skopeo in place of the tool. */
const runLoginCommand = (command: string, authfile: string) =>
  sh(`${command.replace(/^(podman|docker) login /, 'skopeo login ')} --tls-verify=false --authfile '${authfile}' < /dev/null`);

async function shownTexts(page: Page) {
  const modal = page.getByTestId('credentials-modal');
  await showTab(page, 'docker-config-tab');
  const config = await download(page, 'docker-config-download');
  await showTab(page, 'podman-tab');
  const podman = await modal.getByTestId('podman-login-input').inputValue();
  await showTab(page, 'docker-login-tab');
  const docker = await modal.getByTestId('docker-login-input').inputValue();
  return { config: config.text, podman, docker };
}

test('the shown credentials log in with skopeo, and after regenerate the old ones fail', async ({ page, request }) => {
  test.setTimeout(180_000);
  await robotToken(request);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-creds-'));
  const file = (n: string) => path.join(dir, n);
  const modal = await openCredentials(page);
  const before = await shownTexts(page);
  fs.writeFileSync(file('old-auth.json'), before.config);

  // The generated config.json (Organization scope, key `{host}/acme`) logs in.
  let r = await loginWithAuthfile(file('old-auth.json'), `${HOST}/acme`);
  expect(r.ok, r.out).toBe(true);
  expect(r.out).toContain('Existing credentials are valid');
  // The podman and docker commands' user and password log in.
  r = await runLoginCommand(before.podman, file('podman.json'));
  expect(r.ok, r.out).toBe(true);
  r = await runLoginCommand(before.docker, file('docker.json'));
  expect(r.ok, r.out).toBe(true);

  await showTab(page, 'robot-account-tab');
  const oldToken = await modal.getByTestId('robot-token-input').inputValue();
  await modal.getByTestId('regenerate-token').click();
  await modal.getByTestId('regenerate-token-confirm').click();
  await expect(modal.getByTestId('robot-token-input')).not.toHaveValue(oldToken);
  const after = await shownTexts(page);
  expect(after.config).not.toBe(before.config);
  fs.writeFileSync(file('new-auth.json'), after.config);

  r = await loginWithAuthfile(file('old-auth.json'), `${HOST}/acme`);
  expect(r.ok, `old config.json must fail: ${r.out}`).toBe(false);
  r = await runLoginCommand(before.podman, file('podman-old.json'));
  expect(r.ok, `old podman login must fail: ${r.out}`).toBe(false);
  r = await runLoginCommand(before.docker, file('docker-old.json'));
  expect(r.ok, `old docker login must fail: ${r.out}`).toBe(false);

  r = await loginWithAuthfile(file('new-auth.json'), `${HOST}/acme`);
  expect(r.ok, r.out).toBe(true);
  r = await runLoginCommand(after.podman, file('podman-new.json'));
  expect(r.ok, r.out).toBe(true);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the signed-in user’s Quay token never reaches the page', async ({ page, request }) => {
  await robotToken(request);
  const bodies: string[] = [];
  page.on('response', async (resp) => {
    try {
      bodies.push(await resp.text());
    } catch {
      /* redirects and aborted responses have no body */
    }
  });
  const modal = await openCredentials(page);
  await showTab(page, 'docker-config-tab');
  await expect(modal.getByTestId('docker-config-content')).toBeVisible();
  expect(await page.content()).not.toContain(E2E.adminToken);
  for (const b of bodies) expect(b).not.toContain(E2E.adminToken);
});
