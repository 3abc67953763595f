// Offline PWA: once the service worker controls the page, the app, every view and a deep link opened in a new
// tab work with the HTTP server stopped. A changed build then shows the update prompt and switches on Reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { serveDist, launch, newPage, articleReady, appLive, SLUG, firstPaintProbe, firstPaint, langMirrored } from './harness.mjs';

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
  // The icon is in the page (a data URL: no request competes with the first paint); the manifest link is added
  // after the paint.
  const favicon = await page.locator('link[rel="icon"]').getAttribute('href');
  const [, b64] = favicon.match(/^data:image\/svg\+xml;base64,(.+)$/);
  assert.match(Buffer.from(b64, 'base64').toString(), /^<svg[\s\S]*<\/svg>\s*$/);
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
      ['Study', '#deck-stats'],
      ['Brief', '.doc-title'],
    ]) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.locator(probe).first().waitFor();
    }
    // Study progress made offline is kept across an offline reload.
    await page.getByRole('link', { name: 'Study', exact: true }).click();
    await page.locator('.card-front').waitFor();
    const due = async () => Number((await page.locator('#deck-stats').textContent()).match(/^(\d+) due/)[1]);
    const before = await due();
    await page.keyboard.press('Space');
    await page.locator('.card-answer').waitFor();
    await page.keyboard.press('4');
    await page.locator('#deck-stats', { hasText: new RegExp(`^${before - 1} due`) }).waitFor();
    await page.reload();
    await page.locator('#deck-stats', { hasText: new RegExp(`^${before - 1} due`) }).waitFor();
    // The revision sheet and the library, opened by URL with the server down.
    await page.goto(server.url(`/${SLUG}/sheet/`));
    await page.locator('.sheet-table').first().waitFor();
    await page.goto(server.url('/'));
    await page.getByRole('link', { name: /India asks Italy/ }).waitFor();
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

test('offline, a reader who chose Hindi gets the Hindi page of a route visited before, and any other route in Hindi', async () => {
  const page = await newPage(browser);
  await firstPaintProbe(page);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await controlled(page);
  await page.getByLabel('Language').selectOption('hi');
  await langMirrored(page, 'hi');
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await appLive(page);
  assert.equal((await firstPaint(page)).prerenderedIn, 'hi');
  await server.stop();
  try {
    await page.reload();
    await appLive(page);
    const seen = await firstPaint(page);
    assert.equal(seen.prerenderedIn, 'hi', 'the cached Hindi page');
    assert.equal(seen.hydrated, true);
    await page.locator('li.event').first().waitFor();
    // Never visited: no page of it is cached in either language; the app builds it, in Hindi.
    await page.goto(server.url(`/${SLUG}/glossary/nato/`));
    await page.locator('#term-nato.selected').waitFor();
    assert.match(await page.locator('#term-nato h3').textContent(), /नाटो/);
    assert.deepEqual(page.errors, []);
  } finally {
    await server.start();
    await page.context().close();
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
  // A real deployment also changes the code: give the JS, the wasm and its chunks new hashed names (old ones
  // gone from the server), as the build does when the code changes. Old HTML must keep running the old wasm
  // from the cache until the switch, and the new HTML must get the new wasm.
  const js = readdirSync(next).find((f) => /^explainer-[0-9a-f]+\.js$/.test(f));
  const hash = js.match(/^explainer-([0-9a-f]+)\.js$/)[1];
  const nextHash = hash.replace(/^./, (c) => (c === 'f' ? '0' : 'f'));
  const code = readdirSync(next).filter((f) => f.includes(`-${hash}`));
  assert.ok(code.some((f) => f.startsWith('split_')), `the build has chunks: ${code}`);
  const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  // The page pins the glue and the split loader by hash; renaming what they import changes both.
  const pinnedJs = code.filter((f) => f.endsWith('.js'));
  const oldSri = pinnedJs.map((f) => sri(readFileSync(join(next, f))));
  for (const f of code) {
    const to = join(next, f.replace(`-${hash}`, `-${nextHash}`));
    renameSync(join(next, f), to);
    // The glue imports the split loader, which imports the glue and fetches the chunks, all by name.
    if (f.endsWith('.js')) writeFileSync(to, readFileSync(to, 'utf8').replaceAll(`-${hash}`, `-${nextHash}`));
  }
  const newSri = pinnedJs.map((f) => sri(readFileSync(join(next, f.replace(`-${hash}`, `-${nextHash}`)))));
  // The inline loader and import map name the files and pin their integrity, and the CSP carries their
  // hashes: recompute them as the build would.
  const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const renameInline = (text) => oldSri.reduce((t, old, i) => t.replaceAll(old, newSri[i]), text.replaceAll(`-${hash}`, `-${nextHash}`));
  const renameCode = (text) => {
    let out = renameInline(text);
    for (const [, body] of text.matchAll(/<script type="(?:module|importmap)">([\s\S]*?)<\/script>/g)) {
      out = out.replace(sha(body), sha(renameInline(body)));
    }
    return out;
  };
  const rewrite = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) rewrite(p);
      else if (e.name.endsWith('.html') || e.name === 'sw.js') writeFileSync(p, renameCode(readFileSync(p, 'utf8')));
    }
  };
  rewrite(next);
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
  // A tab opened now finds the new worker already waiting when it loads: it must announce it too (the
  // announcement can come before the wasm listens for it).
  const second = await page.context().newPage();
  await second.goto(server.url(`/${SLUG}/timeline/`));
  await second.getByRole('status').filter({ hasText: 'A new version is available' }).waitFor();
  // Its HTML (network-first, so possibly already the new one) runs exactly the wasm it names, and the app is live.
  await appLive(second);
  assert.ok(
    await second.evaluate(() => {
      const named = [...document.scripts].map((s) => s.textContent.match(/fetch\('([^']+_bg\.wasm)'/)?.[1]).find(Boolean);
      const wasm = new URL(named, location.href).href;
      return performance.getEntriesByType('resource').some((r) => r.name === wasm);
    }),
    'the page runs the wasm its HTML names',
  );
  await second.close();
  // Content is network-first, so the new title may show before the switch: wait for the reload itself
  // (it happens only once the new worker controls the page), not for the title.
  const reloaded = page.waitForEvent('load');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await page.locator('h1', { hasText: '(updated)' }).waitFor();
  await page.locator('li.entry').first().waitFor();
  const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting);
  assert.equal(waiting, null, 'the new worker took over');
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).join(' '));
  assert.match(scripts, new RegExp(`explainer-${nextHash}`), 'the new HTML loads the new code');
  assert.doesNotMatch(scripts, new RegExp(`explainer-${hash}`));
  // The reader's language (explainer:prefs, mirrored for the worker) is not versioned and stays.
  const caches = (await page.evaluate(() => caches.keys())).filter((k) => k !== 'explainer:prefs');
  assert.equal(caches.length, 1, `old caches deleted: ${caches}`);
  assert.match(caches[0], /next$/);
  assert.deepEqual(page.errors, []);
});

test('development opt-out: ?sw=off unregisters the worker and keeps it off until ?sw=on', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await controlled(page);
  const registrations = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
  await page.goto(server.url(`/${SLUG}/glossary/?sw=off`));
  await articleReady(page);
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0);
  // Remembered: a plain reload registers nothing, and the page is not controlled.
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  assert.equal(await registrations(), 0);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null);
  await page.goto(server.url(`/${SLUG}/?sw=on`));
  await articleReady(page);
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 1);
  assert.deepEqual(page.errors, []);
});
