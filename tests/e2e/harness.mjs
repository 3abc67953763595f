// Shared e2e harness: serve a copy of the release build (dist/) with Python's plain static server, launch
// Debian's Chromium through playwright-core, and always clean up both, even when a test fails.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SLUG = 'india-italy-defence-2026';
// The release build under test; E2E_DIST points at another copy (e.g. a snapshot while dist/ is rebuilt).
export const DIST = process.env.E2E_DIST || join(ROOT, 'dist');

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function startServer(dir, port, cors) {
  const args = [join(ROOT, 'tests', 'e2e', 'static_server.py'), dir, String(port)];
  if (cors) args.push('--cors');
  const proc = spawn('python3', ['-u', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/port (\d+)/);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.stderr.on('data', (d) => (err += d));
    proc.on('exit', (c) => reject(new Error(`static server exited ${c}: ${err}`)));
    setTimeout(() => reject(new Error('static server did not start')), 10000);
  });
}

/**
 * Copies dist/ to a temp dir (so a test may break files) and serves it on a free loopback port with a plain
 * static server. `cors` adds Access-Control-Allow-Origin: * (as GitHub Pages does). The server can be
 * stopped and started again on the same port, with the same or another directory.
 */
export async function serveDist(mutate, { cors = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'explainer-e2e-'));
  cpSync(DIST, dir, { recursive: true });
  if (mutate) mutate(dir);
  let { proc, port } = await startServer(dir, 0, cors);
  const dirs = [dir];
  return {
    dir,
    port,
    origin: `http://127.0.0.1:${port}`,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill();
      await exited;
    },
    async start(otherDir) {
      if (otherDir) dirs.push(otherDir);
      ({ proc } = await startServer(otherDir || dir, port, cors));
    },
    close() {
      proc.kill();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Serves an arbitrary directory (e.g. a host page for embeds) on another free port. */
// Replaces the prerendered pages of an article with the plain app shell (the site's root index.html): pages that
// carry no article, so the app has to fetch it, as after an in-app navigation or from the offline shell. Tests
// of failing content use it.
export function unprerender(dir, slug = SLUG) {
  const shell = readFileSync(join(dir, 'index.html'), 'utf8');
  const walk = (d) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      // The Hindi pages too (index.hi.html), which the worker serves to a reader who chose Hindi.
      else if (/^index(\.[a-z]+)?\.html$/.test(name.name)) writeFileSync(p, shell);
    }
  };
  walk(join(dir, slug));
}

export async function serveDir(dir, { cors = false } = {}) {
  const { proc, port } = await startServer(dir, 0, cors);
  return { url: (path = '/') => `http://127.0.0.1:${port}${path}`, close: () => proc.kill() };
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
  // A prerendered page is on screen, and takes clicks, before the app is live; input before that is lost. So a
  // navigation to one waits for the live app, unless JavaScript is off or the test asks not to ({ live: false }).
  const goto = page.goto.bind(page);
  page.goto = async (url, { live = options.javaScriptEnabled !== false, ...rest } = {}) => {
    const res = await goto(url, rest);
    if (live && (await page.locator('meta[name="explainer-prerendered"]').count()) > 0) await appLive(page);
    return res;
  };
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
  await appLive(page);
}

// What the page shows before its wasm has run, and whether the app hydrated that page or built a new one.
export async function firstPaintProbe(page) {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      // A rebuild, as a language switch does, replaces these (the masthead stays).
      const nodes = [document.querySelector('main > *'), document.querySelector('.view-tabs a')];
      window.__firstPaint = {
        nodes,
        lang: document.documentElement.lang,
        title: document.title,
        tabs: [...document.querySelectorAll('.view-tabs a')].map((a) => a.textContent.trim()),
        prerenderedIn: document.querySelector('meta[name="explainer-prerendered-lang"]')?.content ?? 'en',
      };
    });
  });
}
export const firstPaint = (page) =>
  page.evaluate(() => {
    const { nodes, ...seen } = window.__firstPaint;
    return { ...seen, hydrated: nodes.every((n) => n !== null && n.isConnected) };
  });

// Until the service worker knows the reader's language (a page mirrors it into Cache Storage, see pwa.js).
export const langMirrored = (page, lang) =>
  page.waitForFunction(async (want) => {
    const held = await (await caches.open('explainer:prefs')).match('/__prefs/lang');
    return ((held && (await held.text())) || null) === want;
  }, lang);

// The prerendered HTML is on screen before the wasm runs: wait until the app has mounted or hydrated it.
export async function appLive(page) {
  await page.waitForFunction(() => document.documentElement.dataset.explainerLive === 'true');
}

/** The same for an app in a frame (a `page.frameLocator(…)`): its prerendered nodes ignore input until then. */
export async function frameLive(frame) {
  await frame.locator('html[data-explainer-live="true"]').waitFor({ state: 'attached' });
}

// An axe-core scan that must find nothing: all rules, or only `tags` when given. It judges the settled state,
// not a frame of an entrance animation (opacity fades would read as low contrast).
export async function axeScan(page, label, tags) {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished)),
  );
  const builder = new AxeBuilder({ page });
  const result = await (tags ? builder.withTags(tags) : builder).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target}`);
  assert.deepEqual(summary, [], `${label}: axe violations`);
  assert.ok(result.passes.length > 10, `${label}: axe ran its rules`);
}
