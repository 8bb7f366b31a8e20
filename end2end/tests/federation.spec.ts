import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { E2E } from '../playwright.config';
import { openHydrated } from './helpers';

// A real OIDC issuer (discovery + JWKS, keys generated at start) on 127.0.0.1, started here.
const root = path.resolve(__dirname, '..', '..');
const issuerBin = path.join(root, 'target', process.env.E2E_PROFILE || 'release', 'oidc-test-issuer');
const ROBOT = 'acme+fedtest';
const FED_API = `${E2E.sandbox}/api/v1/organization/acme/robots/fedtest/federation`;
const SA_SUBJECT = 'system:serviceaccount:apps:puller';
const admin = { Authorization: `Bearer ${E2E.adminToken}` };

let issuerProc: ChildProcess | undefined;
let ISSUER = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  issuerProc = spawn(issuerBin, ['--addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  ISSUER = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`oidc-test-issuer did not start: ${out}`)), 20_000);
    issuerProc!.stdout!.on('data', (d) => {
      out += d.toString();
      const m = out.match(/oidc-test-issuer listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    issuerProc!.on('exit', (code) => reject(new Error(`oidc-test-issuer exited (${code}): ${out}`)));
  });
  const created = await request.put(`${E2E.sandbox}/api/v1/organization/acme/robots/fedtest`, {
    headers: admin,
    data: { description: 'federation e2e' },
  });
  expect([201, 400]).toContain(created.status());
});

test.afterAll(async () => {
  issuerProc?.kill('SIGTERM');
});

test.beforeEach(async ({ request }) => {
  await setFederation(request, []);
});

async function setFederation(request: APIRequestContext, list: { issuer: string; subject: string }[]) {
  const r = await request.post(FED_API, { headers: admin, data: list });
  expect(r.status()).toBe(200);
}

async function savedFederation(request: APIRequestContext) {
  const r = await request.get(FED_API, { headers: admin });
  expect(r.status()).toBe(200);
  return r.json();
}

async function mint(request: APIRequestContext, sub: string, ttl_secs = 3600): Promise<string> {
  const r = await request.post(`${ISSUER}/mint`, { data: { sub, ttl_secs } });
  expect(r.status()).toBe(200);
  return (await r.json()).token;
}

async function openFederation(page: Page) {
  await openHydrated(page, '/organization/acme?tab=Robotaccounts');
  await page.locator(`[data-testid="${ROBOT}-toggle-kebab"]`).click();
  await page.locator(`[data-testid="${ROBOT}-set-robot-federation-btn"]`).click();
  const dialog = page.locator('#robot-federation-modal');
  await expect(dialog.locator('.pf-v6-c-modal-box__title-text')).toHaveText(
    `Robot identity federation configuration for ${ROBOT}`,
  );
  await expect(dialog.locator('#federation-form')).toBeVisible();
  return dialog;
}

async function addEntry(page: Page, issuer: string, subject: string) {
  await page.getByRole('button', { name: 'Add federation entry' }).click();
  const entry = page.getByTestId('federation-entry').last();
  await entry.getByLabel('Issuer URL').fill(issuer);
  await entry.getByLabel('Subject').fill(subject);
}

test('adding two entries and saving stores the whole list and shows them collapsed as "issuer : subject"', async ({ page, request }) => {
  const dialog = await openFederation(page);
  await expect(dialog.locator('#federation-empty')).toHaveText('No federation configured, add using the plus button');
  await addEntry(page, 'https://token.actions.githubusercontent.com', 'repo:acme/app:ref:refs/heads/main');
  await addEntry(page, 'https://sso.example.com/realms/acme', '1f3a9c2e');
  await dialog.locator('#federation-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Robot federation config saved' })).toBeVisible();
  await expect(dialog.getByTestId('federation-entry-title')).toHaveText([
    'https://token.actions.githubusercontent.com : repo:acme/app:ref:refs/heads/main',
    'https://sso.example.com/realms/acme : 1f3a9c2e',
  ]);
  // Saved entries come back collapsed.
  await expect(dialog.getByLabel('Issuer URL')).toHaveCount(0);
  expect(await savedFederation(request)).toEqual([
    { issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:acme/app:ref:refs/heads/main' },
    { issuer: 'https://sso.example.com/realms/acme', subject: '1f3a9c2e' },
  ]);
});

test('a duplicate pair and a non-URL issuer are refused at the field with Quay’s messages, and nothing is saved', async ({ page, request }) => {
  const saved = [{ issuer: 'https://sso.example.com/realms/acme', subject: 'u1' }];
  await setFederation(request, saved);
  const dialog = await openFederation(page);
  await addEntry(page, 'https://sso.example.com/realms/acme', 'u1');
  await addEntry(page, 'sso.example.com/realms/acme', 'u2');
  await dialog.locator('#federation-save').click();
  const entries = dialog.getByTestId('federation-entry');
  await expect(entries.nth(1).getByTestId('subject-error')).toHaveText('Duplicate federation config entry');
  await expect(entries.nth(2).getByTestId('issuer-error')).toHaveText('Issuer must be a URL (http:// or https://)');
  await expect(entries.nth(0).getByTestId('subject-error')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveCount(0);
  expect(await savedFederation(request)).toEqual(saved);
});

test('removing an entry and saving stores the shorter list', async ({ page, request }) => {
  await setFederation(request, [
    { issuer: 'https://a.example.com', subject: 's1' },
    { issuer: 'https://b.example.com', subject: 's2' },
  ]);
  const dialog = await openFederation(page);
  await expect(dialog.getByTestId('federation-entry-title')).toHaveText(['https://a.example.com : s1', 'https://b.example.com : s2']);
  await dialog.getByTestId('federation-entry').first().getByRole('button', { name: 'Remove federation entry' }).click();
  await expect(dialog.getByTestId('federation-entry-title')).toHaveText(['https://b.example.com : s2']);
  await dialog.locator('#federation-save').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Robot federation config saved' })).toBeVisible();
  expect(await savedFederation(request)).toEqual([{ issuer: 'https://b.example.com', subject: 's2' }]);
});

test('a pasted signed token is decoded in the browser: claims shown, one click fills issuer and subject, nothing sent', async ({ page, request }) => {
  const jwt = await mint(request, SA_SUBJECT);
  const dialog = await openFederation(page);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') sent.push(r.url());
  });
  await dialog.locator('#federation-jwt').fill(jwt);
  await expect(dialog.getByTestId('claim-iss')).toHaveText(ISSUER);
  await expect(dialog.getByTestId('claim-sub')).toHaveText(SA_SUBJECT);
  await expect(dialog.getByTestId('claim-aud')).toHaveText('quay');
  await expect(dialog.getByTestId('claim-exp')).toHaveText(/ UTC \(in (59 minutes|1 hour)\)$/);
  await expect(dialog.getByTestId('claim-iat')).toHaveText(/ UTC \((\d+ seconds? ago|in \d+ seconds?)\)$/);
  await expect(dialog.getByTestId('jwt-expired')).toHaveCount(0);
  await dialog.locator('#federation-fill').click();
  const entry = dialog.getByTestId('federation-entry').last();
  await expect(entry.getByLabel('Issuer URL')).toHaveValue(ISSUER);
  await expect(entry.getByLabel('Subject')).toHaveValue(SA_SUBJECT);
  await expect(entry.getByTestId('federation-entry-title')).toHaveText(`${ISSUER} : ${SA_SUBJECT}`);
  // An http:// issuer: Quay saves it but never exchanges tokens from it.
  await expect(entry.getByTestId('issuer-warning')).toContainText('never exchanges tokens from it');
  expect(sent).toEqual([]);
});

test('Test exchange succeeds for a matching token and shows the robot token’s expiry, the token only on request', async ({ page, request }) => {
  await setFederation(request, [{ issuer: ISSUER, subject: SA_SUBJECT }]);
  const jwt = await mint(request, SA_SUBJECT);
  const dialog = await openFederation(page);
  await dialog.locator('#federation-jwt').fill(jwt);
  await dialog.locator('#federation-test-exchange').click();
  const result = dialog.getByTestId('exchange-result');
  await expect(result.locator('.pf-v6-c-alert__title')).toHaveText('Exchange succeeded');
  await expect(result.getByTestId('exchange-expiry')).toHaveText(
    /^Quay issued a robot token for acme\+fedtest, valid until .+ UTC \(in (59 minutes|1 hour)\)\.$/,
  );
  await expect(result.getByTestId('exchange-token')).toHaveCount(0);
  await result.locator('#exchange-show-token').click();
  await expect(result.getByTestId('exchange-token')).toHaveText(/^[\w-]+\.[\w-]+\.[\w-]+$/);
});

test('Test exchange with a wrong subject fails with Quay’s message and a subject-mismatch hint', async ({ page, request }) => {
  await setFederation(request, [{ issuer: ISSUER, subject: SA_SUBJECT }]);
  const jwt = await mint(request, 'system:serviceaccount:apps:someone-else');
  const dialog = await openFederation(page);
  await dialog.locator('#federation-jwt').fill(jwt);
  await dialog.locator('#federation-test-exchange').click();
  const result = dialog.getByTestId('exchange-result');
  await expect(result.locator('.pf-v6-c-alert__title')).toHaveText('Exchange failed');
  await expect(result.getByTestId('exchange-error')).toHaveText('Token does not match robot');
  await expect(result.getByTestId('exchange-hint')).toContainText('Subject mismatch: the token\'s sub claim is not a configured subject');
});

test('an expired token is flagged when pasted, and Test exchange fails with Quay’s message and an expiry hint', async ({ page, request }) => {
  await setFederation(request, [{ issuer: ISSUER, subject: SA_SUBJECT }]);
  const jwt = await mint(request, SA_SUBJECT, -3600);
  const dialog = await openFederation(page);
  await dialog.locator('#federation-jwt').fill(jwt);
  await expect(dialog.getByTestId('jwt-expired')).toHaveText('This token has expired: Quay will refuse it. Get a fresh one to test the exchange.');
  await expect(dialog.getByTestId('claim-exp')).toHaveText(/ UTC \((59 minutes|1 hour) ago\)$/);
  await dialog.locator('#federation-test-exchange').click();
  const result = dialog.getByTestId('exchange-result');
  await expect(result.getByTestId('exchange-error')).toHaveText('Invalid token: Signature has expired');
  await expect(result.getByTestId('exchange-hint')).toContainText('The token has expired');
});

test('the generated ExternalSecret YAML parses and names the robot and the registry', async ({ page, request }) => {
  await setFederation(request, [{ issuer: ISSUER, subject: SA_SUBJECT }]);
  const config = await (await request.get(`${E2E.sandbox}/config`)).json();
  const host: string = config.config.SERVER_HOSTNAME;
  expect(host).toBeTruthy();
  const dialog = await openFederation(page);
  await dialog.locator('#federation-snippets-toggle').click();
  const text = await dialog.getByTestId('snippet-external-secret').textContent();
  const docs = parseAllDocuments(text!).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS();
  });
  expect(docs).toHaveLength(2);
  const [generator, es] = docs;
  expect(generator.kind).toBe('QuayAccessToken');
  expect(generator.spec.robotAccount).toBe(ROBOT);
  expect(generator.spec.url).toBe(host);
  // The service account comes from the saved Kubernetes subject.
  expect(generator.spec.serviceAccountRef.name).toBe('puller');
  expect(es.kind).toBe('ExternalSecret');
  expect(es.spec.refreshInterval).toBe('55m');
  expect(es.spec.target.template.type).toBe('kubernetes.io/dockerconfigjson');
  expect(es.spec.target.template.data['.dockerconfigjson']).toBe('{"auths":{"{{ .registry }}":{"auth":"{{ .auth }}"}}}\n');
  expect(es.spec.dataFrom[0].sourceRef.generatorRef).toEqual({
    apiVersion: 'generators.external-secrets.io/v1alpha1',
    kind: 'QuayAccessToken',
    name: generator.metadata.name,
  });
  await expect(dialog.getByTestId('snippet-podman')).toHaveText(
    `echo "$QUAY_TOKEN" | podman login --username '${ROBOT}' --password-stdin '${host}'`,
  );
});
