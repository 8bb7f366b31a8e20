// Shared by the browser benchmarks: start the release (else debug) binaries on loopback, wait for
// them, launch Debian's Chromium, and the statistics the tables print.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const profile =
  process.env.BENCH_PROFILE || (existsSync(path.join(root, 'target/release/robot-console')) ? 'release' : 'debug');
export const TOKEN = 'bench-token';
const bin = (n) => path.join(root, 'target', profile, n);
const procs = [];

function start(cmd, args, env = {}) {
  const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  procs.push(p);
}

async function waitFor(url) {
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(url)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Starts a quay-sandbox with `seedArgs` and a console pointed at it; returns their URLs. */
export async function startServers(sandboxPort, consolePort, seedArgs) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'rc-bench-'));
  const sandbox = `http://127.0.0.1:${sandboxPort}`, console_ = `http://127.0.0.1:${consolePort}`;
  start(bin('quay-sandbox'), ['--addr', `127.0.0.1:${sandboxPort}`, '--data-dir', `${tmp}/sb`, '--admin-token', TOKEN, ...seedArgs]);
  await waitFor(`${sandbox}/config`);
  start(bin('robot-console'), ['--addr', `127.0.0.1:${consolePort}`, '--quay-url', sandbox, '--quay-token', TOKEN, '--data-dir', `${tmp}/console`],
    { LEPTOS_SITE_ROOT: path.join(root, 'target/site'), RUST_LOG: 'warn' });
  await waitFor(`${console_}/healthz`);
  return { sandbox, console: console_ };
}

export function stopServers() {
  for (const p of procs) p.kill('SIGTERM');
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** In the page: sets `inputSel` to `q` and resolves with the ms until `targetSel`'s text changed
 *  and the next frame was drawn. */
export function keystroke(page, inputSel, targetSel, q) {
  return page.evaluate(([inputSel, targetSel, q]) => new Promise((resolve) => {
    const input = document.querySelector(inputSel);
    const target = document.querySelector(targetSel);
    const before = target.textContent;
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (target.textContent !== before) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    obs.observe(target, { subtree: true, characterData: true, childList: true });
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(() => { obs.disconnect(); resolve(performance.now() - t0); }, 5000);
  }), [inputSel, targetSel, q]);
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
