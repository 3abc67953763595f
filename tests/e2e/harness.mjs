// Shared e2e harness: serve a copy of the release build (dist/) with Python's plain static server, launch
// Debian's Chromium through playwright-core, and always clean up both, even when a test fails.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SLUG = 'india-italy-defence-2026';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Copies dist/ to a temp dir (so a test may break files) and serves it on a free loopback port. */
export async function serveDist(mutate) {
  const dir = mkdtempSync(join(tmpdir(), 'explainer-e2e-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  if (mutate) mutate(dir);
  const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = out.match(/port (\d+)/);
      if (m) resolve(Number(m[1]));
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', () => {});
    proc.on('exit', (c) => reject(new Error(`http.server exited ${c}: ${out}`)));
    setTimeout(() => reject(new Error('http.server did not start')), 10000);
  });
  return {
    dir,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    close() {
      proc.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: FLAGS });
}

/** A page that fails the test on any uncaught error or console error (a panic shows up as one). */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  // Any Content-Security-Policy violation is reported as a console error, so every test that checks
  // page.errors also checks that nothing was blocked.
  await context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`),
    );
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(m.text());
  });
  return page;
}

/** Waits until the app has rendered an article view. */
export async function articleReady(page) {
  await page.waitForSelector('.view-tabs a[aria-current="page"]');
}
