// The CSS as built has PatternFly's custom properties that are set once and never changed
// replaced by their values (scripts/assets/inline-vars.mjs). That must not change how anything
// looks: for each page and dialog, in both themes, every element (and its ::before and ::after)
// has the same computed style, property by property (custom properties aside), with the built
// CSS as with the plain purged CSS, which beforeAll builds with styles.mjs (RC_INLINE_VARS=0, into
// target/assets-plain) and the second page gets instead of the built files.
import { test, expect, Browser } from '@playwright/test';
import { spawnSync } from 'child_process';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import browserslist from 'browserslist';
import { browserslistToTargets, transform } from 'lightningcss';

const root = path.resolve(__dirname, '..', '..');
const PLAIN = path.join(root, 'target', 'assets-plain');
let plainMain = '';
let plainLazy = '';

test.beforeAll(() => {
  const made = spawnSync('node', ['scripts/assets/styles.mjs'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, RC_ASSETS_OUT: 'target/assets-plain', RC_INLINE_VARS: '0' },
  });
  expect(made.status, made.stderr).toBe(0);
  // Minified as cargo-leptos minifies the built one (lightningcss, browserquery "defaults").
  const targets = browserslistToTargets(browserslist('defaults'));
  const css = readFileSync(path.join(PLAIN, 'style.css'));
  plainMain = Buffer.from(transform({ filename: 'style.css', code: css, minify: true, targets }).code).toString();
  const lazyDir = path.join(PLAIN, 'public', 'css');
  plainLazy = readFileSync(path.join(lazyDir, readdirSync(lazyDir).find((f) => f.startsWith('lazy.'))!), 'utf8');
});

const ROBOT = 'acme+deployer';
const KEBAB = `[data-testid="${ROBOT}-toggle-kebab"]`;
const TAB = '/organization/acme?tab=Robotaccounts';
// A page, the clicks that open what is compared, and what must be visible before it is read.
const SCENES: { name: string; url: string; clicks?: string[]; wait: string }[] = [
  { name: 'organizations page', url: '/organization', wait: 'main .pf-v6-c-page__main-section' },
  { name: 'robots tab', url: TAB, wait: '#robot-accounts-table' },
  { name: 'kebab menu', url: TAB, clicks: [KEBAB], wait: `[data-testid="${ROBOT}-del-btn"]` },
  { name: 'credentials', url: TAB, clicks: [`[data-testid="row-${ROBOT}"] .rc-robot-name`], wait: '#credentials-modal' },
  { name: 'permissions', url: TAB, clicks: [KEBAB, `[data-testid="${ROBOT}-set-repo-perms-btn"]`], wait: '#set-repo-permissions-modal' },
  { name: 'federation', url: TAB, clicks: [KEBAB, `[data-testid="${ROBOT}-set-robot-federation-btn"]`], wait: '#robot-federation-modal' },
  { name: 'activity', url: TAB, clicks: [KEBAB, `[data-testid="${ROBOT}-activity-btn"]`], wait: '[role="dialog"]' },
  { name: 'teams', url: TAB, clicks: [`[data-testid="row-${ROBOT}"] button:has-text("1 team")`], wait: '#robot-teams-modal' },
  { name: 'delete', url: TAB, clicks: [KEBAB, `[data-testid="${ROBOT}-del-btn"]`], wait: '#bulk-delete-modal' },
  { name: 'create wizard', url: TAB, clicks: ['#create-robot-account-btn'], wait: '#create-robot-account-modal' },
  { name: 'robot access tab', url: '/organization/acme?tab=Robotaccess', wait: 'main .pf-v6-c-toolbar' },
  { name: 'robots as code tab', url: '/organization/acme?tab=RobotsAsCode', wait: 'main textarea' },
  { name: 'sign-in page', url: '/signin', wait: 'main .pf-v6-c-page__main-section' },
];

const VIEWPORT = { width: 1400, height: 1000 };

type Styles = Record<string, Record<string, string>>;

// In the page: each element's computed style (custom properties aside), keyed by its place.
function dump(): Styles {
  const out: Styles = {};
  const keyOf = (el: Element) => {
    const parts: string[] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const i = e.parentElement ? Array.from(e.parentElement.children).indexOf(e) : 0;
      parts.unshift(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}[${i}]`);
    }
    return parts.join('>');
  };
  const read = (cs: CSSStyleDeclaration) => {
    const o: Record<string, string> = {};
    for (let i = 0; i < cs.length; i++) if (!cs[i].startsWith('--')) o[cs[i]] = cs.getPropertyValue(cs[i]);
    return o;
  };
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const k = keyOf(el);
    out[k] = read(getComputedStyle(el));
    for (const pseudo of ['::before', '::after']) {
      const cs = getComputedStyle(el, pseudo);
      if (cs.content && cs.content !== 'none' && cs.content !== 'normal') out[k + pseudo] = read(cs);
    }
  }
  return out;
}

async function capture(browser: Browser, baseURL: string, scene: (typeof SCENES)[number], theme: 'light' | 'dark', plain: boolean) {
  const context = await browser.newContext({ baseURL, colorScheme: theme, reducedMotion: 'reduce', viewport: VIEWPORT });
  const page = await context.newPage();
  let served = 0;
  if (plain) {
    await page.route(/\/pkg\/[^/?]+\.css$/, (r) => { served++; return r.fulfill({ body: plainMain, contentType: 'text/css' }); });
    await page.route(/\/css\/lazy\.[^/?]+\.css$/, (r) => { served++; return r.fulfill({ body: plainLazy, contentType: 'text/css' }); });
  }
  await page.goto(scene.url);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  for (const sel of scene.clicks || []) await page.click(sel);
  await expect(page.locator(scene.wait).first()).toBeVisible();
  // The pointer leaves what it clicked for a corner where nothing reacts to it: a menu that opens
  // under it would otherwise be hovered in one capture and not in the other, as the browser
  // updates hover on its own timer after a layout change.
  await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(400);
  const styles = await page.evaluate(dump);
  await context.close();
  return { styles, served };
}

for (const theme of ['light', 'dark'] as const) {
  test(`inlined custom properties change no computed style (${theme} theme)`, async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    for (const scene of SCENES) {
      const built = await capture(browser, baseURL!, scene, theme, false);
      const plain = await capture(browser, baseURL!, scene, theme, true);
      // The plain CSS was served (the first load's, and the lazy one with a dialog or a page that
      // needs it).
      expect(plain.served, scene.name).toBeGreaterThanOrEqual(1);
      const differences: string[] = [];
      for (const k of new Set([...Object.keys(built.styles), ...Object.keys(plain.styles)])) {
        const [b, p] = [built.styles[k], plain.styles[k]];
        if (!b || !p) differences.push(`${k}: only with the ${b ? 'built' : 'plain'} CSS`);
        else for (const prop of Object.keys(p)) if (b[prop] !== p[prop]) differences.push(`${k} ${prop}: "${b[prop]}", plain "${p[prop]}"`);
      }
      expect(Object.keys(built.styles).length, scene.name).toBeGreaterThan(30);
      expect(differences.slice(0, 20), `${scene.name}: ${differences.length} differences`).toEqual([]);
    }
  });
}
