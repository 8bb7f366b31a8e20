import { test, expect, Page } from '@playwright/test';
import * as http from 'http';
import { AddressInfo } from 'net';
import { E2E } from '../playwright.config';
import { Sandbox } from './sandbox';
import { openHydrated } from './helpers';

// Issue 12: a page on another origin (another loopback port: same site, other origin, so the
// browser even sends the console's cookies) must not be able to change anything through the
// console, nor frame it.

/** Serves `html` from 127.0.0.1 on a free port: the attacker's page. */
async function attacker(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const VICTIM = 'xorigin_victim';
/** Every server function that changes something, with arguments that would do damage. */
const JSON_CALLS: [string, unknown][] = [
  ['delete_robots', { namespace: 'acme', names: [`acme+${VICTIM}`] }],
  ['save_permissions', { namespace: 'acme', short: VICTIM, changes: [{ repo: 'billing', action: { Put: 'Admin' } }] }],
  ['wizard_create_robot', { namespace: 'acme', plan: { short: 'xorigin_new', description: '', repos: {}, teams: [], default_perm: 'None' } }],
  ['wizard_retry_steps', { namespace: 'acme', short: VICTIM, steps: [{ Team: { team: 'owners' } }] }],
  ['save_federation', { namespace: 'acme', robot: `acme+${VICTIM}`, entries: [{ issuer: 'https://evil.example', subject: 'x' }] }],
];
const FORM_CALLS: [string, Record<string, string>][] = [
  ['regenerate_robot_token', { namespace: 'acme', short: VICTIM }],
  ['wizard_create_team', { namespace: 'acme', name: 'xorigin-team', description: '' }],
  ['sign_out', {}],
  ['sign_in', { token: 'attacker-token' }],
  ['sign_in_demo', {}],
];

function attackPage(): string {
  const api = (name: string) => `${E2E.console}/api/${name}`;
  const forms = FORM_CALLS.map(([name, args], i) => {
    const inputs = Object.entries(args).map(([k, v]) => `<input name="${k}" value="${v}">`).join('');
    return `<iframe name="sink${i}"></iframe><form id="f${i}" method="POST" action="${api(name)}" target="sink${i}">${inputs}</form>`;
  });
  // A sandboxed frame sends `Origin: null` (what the console once let through).
  const nullOrigin = `<iframe sandbox="allow-scripts" srcdoc="${`<script>
      ${JSON.stringify(JSON_CALLS)}.forEach(([n, a]) => fetch('${E2E.console}/api/' + n, {method: 'POST', mode: 'no-cors',
        headers: {'Content-Type': 'text/plain'}, body: JSON.stringify(a)}));
    </script>`.replace(/"/g, '&quot;')}"></iframe>`;
  return `<!doctype html><html><body>
    <iframe id="embed" src="${E2E.console}/organization/acme?tab=Robotaccounts"></iframe>
    ${forms.join('\n')}
    ${nullOrigin}
    <script>
      window.results = [];
      const calls = ${JSON.stringify(JSON_CALLS)};
      (async () => {
        for (const [name, args] of calls) {
          // A "simple" request: no preflight, the answer is opaque, but it reaches the server.
          await fetch('${E2E.console}/api/' + name, { method: 'POST', mode: 'no-cors', credentials: 'include',
            headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(args) }).catch(() => {});
          // A JSON request needs a CORS preflight, which the console does not grant.
          try {
            const r = await fetch('${E2E.console}/api/' + name, { method: 'POST', credentials: 'include',
              headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
            window.results.push([name, 'read ' + r.status]);
          } catch (e) {
            window.results.push([name, 'blocked']);
          }
        }
        for (let i = 0; i < ${FORM_CALLS.length}; i++) document.getElementById('f' + i).submit();
        window.done = true;
      })();
    </script>
  </body></html>`;
}

async function robotToken(sb: Sandbox, short: string): Promise<string> {
  return (await sb.get(`/api/v1/organization/acme/robots/${short}`)).token;
}

test('another origin can neither change anything through the console nor frame it', async ({ page, request }) => {
  const sb = new Sandbox(request);
  await sb.createRobot('acme', VICTIM);
  const tokenBefore = await robotToken(sb, VICTIM);
  await openHydrated(page, '/organization/acme?tab=Robotaccounts');
  const site = await attacker(attackPage());
  try {
    const evil = await page.context().newPage();
    await evil.goto(site.url);
    await expect.poll(() => evil.evaluate(() => (window as any).done === true), { timeout: 20_000 }).toBe(true);
    // Give the form posts and the sandboxed frame's calls time to land.
    await evil.waitForTimeout(1500);
    const results: [string, string][] = await evil.evaluate(() => (window as any).results);
    for (const [name, r] of results) expect(r, name).toBe('blocked');
    // The framed console never rendered (frame-ancestors 'none', X-Frame-Options: DENY).
    for (const f of evil.frames()) {
      if (f === evil.mainFrame()) continue;
      expect(await f.locator('#robot-accounts-table').count()).toBe(0);
    }
    await evil.close();
  } finally {
    await site.close();
  }
  // Nothing changed, checked through the API.
  expect(await sb.robotNames('acme')).toContain(`acme+${VICTIM}`);
  expect(await sb.robotNames('acme')).not.toContain('acme+xorigin_new');
  expect(await robotToken(sb, VICTIM)).toBe(tokenBefore);
  expect((await sb.get(`/api/v1/organization/acme/robots/${VICTIM}/permissions`)).permissions).toEqual([]);
  expect(await sb.get(`/api/v1/organization/acme/robots/${VICTIM}/federation`)).toEqual([]);
  const owners = await sb.get('/api/v1/organization/acme/team/owners/members');
  expect(owners.members.map((m: { name: string }) => m.name)).not.toContain(`acme+${VICTIM}`);
  const org = await sb.get('/api/v1/organization/acme');
  expect(Object.keys(org.teams)).not.toContain('xorigin-team');
  // Still signed in: the cross-site sign-out did not happen.
  await openHydrated(page, '/organization/acme?tab=Robotaccounts');
  await expect(page.locator('#masthead-user')).toHaveText('demo');
  await sb.deleteRobot('acme', VICTIM);
});

test('every answer carries the hardening headers', async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E.console });
  // A first visit gets the CSRF nonce cookie.
  const first = await request.get('/signin');
  const cookie = first.headers()['set-cookie'] ?? '';
  expect(cookie).toContain('rc_csrf=');
  expect(cookie).toContain('HttpOnly');
  expect(cookie).toContain('SameSite=Strict');
  for (const path of ['/organization/acme?tab=Robotaccounts', '/signin', '/favicon.svg']) {
    const r = await request.get(path);
    const h = r.headers();
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['content-security-policy'], path).toContain("default-src 'none'");
    expect(h['x-frame-options'], path).toBe('DENY');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('no-referrer');
  }
  const page = await request.get('/signin');
  const csp = page.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+' 'wasm-unsafe-eval'/);
  // A foreign Host (DNS rebinding) is not answered.
  const rebound = await request.get('/organization', { headers: { Host: 'rebind.attacker.example:3100' } });
  expect(rebound.status()).toBe(421);
  await request.dispose();
});

test('a robot description with markup renders as text, hydrated', async ({ page, request }) => {
  const sb = new Sandbox(request);
  const evil = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">';
  await sb.createRobot('acme', 'xss_markup', evil);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  try {
    await openHydrated(page, '/organization/acme?tab=Robotaccounts');
    await page.getByPlaceholder('Search by Robot account name...').fill('xss_markup');
    await page.getByTestId('expand-tab').click();
    const row = page.getByTestId('row-acme+xss_markup');
    await expect(row).toContainText(evil);
    await expect(row.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  } finally {
    await sb.deleteRobot('acme', 'xss_markup');
  }
});
