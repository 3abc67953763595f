// Map: click, keyboard travel along edges, panel, filters, list view, pan/zoom, selection across views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

test('clicking a node opens its panel with quoted relations; the selection survives reload', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  assert.ok((await page.locator('g.node').count()) >= 15);
  await page.locator('#node-leonardo').click();
  await page.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
  await page.waitForURL(/\?sel=entity:leonardo$/);
  assert.ok((await page.locator('.map-panel .evidence').count()) >= 2, 'relations with their quotes');
  await page.reload();
  await page.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
  // The selection follows to the reader: Leonardo is highlighted there.
  await page.getByRole('link', { name: 'Full article', exact: true }).click();
  await page.waitForURL(new RegExp(`/${SLUG}/article/\\?sel=entity:leonardo$`));
  await page.locator('button.term.selected', { hasText: 'Leonardo' }).first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('keyboard: Tab into the map, arrows follow edges, Enter opens, Escape closes and returns focus', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  let onNode = false;
  for (let i = 0; i < 60 && !onNode; i++) {
    await page.keyboard.press('Tab');
    onNode = await page.evaluate(() => document.activeElement?.classList.contains('node'));
  }
  assert.ok(onNode, 'a node is reachable by Tab');
  assert.equal(await page.locator('g.node[tabindex="0"]').count(), 1, 'the map is one tab stop');
  const start = await page.evaluate(() => document.activeElement.id);
  const visited = new Set([start]);
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight']) {
    await page.keyboard.press(key);
    visited.add(await page.evaluate(() => document.activeElement.id));
  }
  assert.ok(visited.size >= 3, `arrow keys moved between nodes: ${[...visited]}`);
  const here = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('Enter');
  await page.locator('.map-panel').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.map-panel').waitFor({ state: 'detached' });
  await page.waitForFunction((id) => document.activeElement?.id === id, here);
  assert.deepEqual(page.errors, []);
});

test('edges open their relation; filters hide kinds; the list view shows the same graph', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.locator('g.edge[data-kind="asks-not-to-transfer-to"] .edge-hit').first().click({ force: true });
  await page.locator('#map-panel-title', { hasText: '→' }).waitFor();
  assert.match(await page.locator('.map-panel').textContent(), /India asked Italy to refrain/);
  await page.getByRole('button', { name: 'Person', exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('g.node[data-kind="person"]')].every((n) => getComputedStyle(n).display === 'none'));
  await page.getByRole('button', { name: 'List' }).click();
  const items = page.locator('.entity-list > li');
  await items.first().waitFor();
  assert.equal(await items.count(), await page.locator('g.node').count());
  assert.deepEqual(page.errors, []);
});

test('wheel zooms, drag pans, reset restores', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  const g = page.locator('#map-svg > g');
  const initial = await g.getAttribute('transform');
  const box = await page.locator('#map-svg').boundingBox();
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((t) => document.querySelector('#map-svg > g').getAttribute('transform') !== t, initial);
  assert.match(await g.getAttribute('transform'), /scale\((?!1\.0000)/);
  const zoomed = await g.getAttribute('transform');
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 90, { steps: 4 });
  await page.mouse.up();
  assert.notEqual(await g.getAttribute('transform'), zoomed, 'dragging the background pans');
  await page.getByRole('button', { name: 'Reset view' }).click();
  assert.equal(await g.getAttribute('transform'), initial);
  assert.deepEqual(page.errors, []);
});

test('on a phone a tapped node opens a bottom sheet inside the screen', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.locator('#node-italy').tap();
  const sheet = page.locator('.map-panel');
  await sheet.waitFor();
  // Measure after its entrance animation has finished.
  await sheet.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  const b = await sheet.boundingBox();
  assert.ok(b.x >= 0 && b.x + b.width <= 360 && b.y + b.height <= 640 + 1, JSON.stringify(b));
  assert.deepEqual(page.errors, []);
});
