// Offline PWA: once the service worker controls the page, the app, every view and a deep link opened in a new
// tab work with the HTTP server stopped. A changed build then shows the update prompt and switches on Reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, newPage, articleReady, SLUG } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null);

test('manifest and icons are served and complete', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(server.url(href))).json();
  for (const key of ['name', 'short_name', 'description', 'start_url', 'scope', 'display', 'theme_color', 'background_color']) {
    assert.ok(manifest[key], `manifest has ${key}`);
  }
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  assert.deepEqual(sizes.sort(), ['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of manifest.icons) {
    const res = await page.request.get(server.url(`/${icon.src}`));
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'image/png');
  }
});

test('offline: reload, every view, and a deep link in a new tab work with the server stopped', async () => {
  const context = await browser.newContext();
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await controlled(page);
  await server.stop();
  try {
    await page.reload();
    await articleReady(page);
    for (const [tab, probe] of [
      ['Full article', '.doc-title'],
      ['Glossary', 'li.entry'],
      ['Timeline', 'li.event'],
      ['Map', 'g.node'],
      ['Brief', '.doc-title'],
    ]) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.locator(probe).first().waitFor();
    }
    // A deep link never visited, opened in a new tab of the same browser profile.
    const tab = await page.context().newPage();
    await tab.goto(server.url(`/${SLUG}/glossary/wassenaar-arrangement/`));
    await tab.locator('#term-wassenaar-arrangement.selected').waitFor();
    const map = await page.context().newPage();
    await map.goto(server.url(`/${SLUG}/map/?sel=entity:leonardo`));
    await map.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await server.start();
    await context.close();
  }
});

test('a new build shows "A new version is available" and Reload switches to it', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await controlled(page);
  const oldTitle = await page.locator('h1').textContent();
  // The "deployment": a copy of the build whose content changed, with its regenerated worker version.
  const next = mkdtempSync(join(tmpdir(), 'explainer-e2e-next-'));
  cpSync(server.dir, next, { recursive: true });
  const json = join(next, 'content', `${SLUG}.json`);
  writeFileSync(json, readFileSync(json, 'utf8').replace(oldTitle, `${oldTitle} (updated)`));
  // Prerendered pages carry the article too: the new build's pages have the new title.
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'index.html') writeFileSync(p, readFileSync(p, 'utf8').replaceAll(oldTitle, `${oldTitle} (updated)`));
    }
  };
  walk(join(next, SLUG));
  const sw = join(next, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1next'"));
  await server.stop();
  await server.start(next);
  await page.reload();
  const banner = page.getByRole('status').filter({ hasText: 'A new version is available' });
  await banner.waitFor();
  // Until the switch the old worker stays in charge (the new one waits), and the page keeps working.
  const before = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null);
  assert.ok(before, 'the new worker waits for the reader to choose');
  await page.getByRole('link', { name: 'Glossary', exact: true }).click();
  await page.locator('li.entry').first().waitFor();
  // Content is network-first, so the new title may show before the switch: wait for the reload itself
  // (it happens only once the new worker controls the page), not for the title.
  const reloaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await page.locator('h1', { hasText: '(updated)' }).waitFor();
  await page.locator('li.entry').first().waitFor();
  const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting);
  assert.equal(waiting, null, 'the new worker took over');
  const caches = await page.evaluate(() => caches.keys());
  assert.equal(caches.length, 1, `old caches deleted: ${caches}`);
  assert.match(caches[0], /next$/);
  assert.deepEqual(page.errors, []);
});
