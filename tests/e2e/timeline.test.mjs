// Timeline: mouse and keyboard, the quote link into the reader, filters, selection in the URL.
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

const activeId = (page) => page.evaluate(() => document.activeElement?.id);

test('clicking an event opens its details; its quote link scrolls the reader to the sentence', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  const events = page.locator('li.event');
  assert.ok((await events.count()) >= 12);
  assert.ok((await page.locator('li.event.undated').count()) >= 1, 'an earlier lane for undated events');
  assert.ok((await page.locator('li.event.bar').count()) >= 1, 'spans and coarse dates are bars');
  await page.locator('#ev-mcp-agreed').click();
  await page.locator('#event-detail-title').waitFor();
  assert.equal(await page.locator('#ev-mcp-agreed').getAttribute('aria-selected'), 'true');
  await page.waitForURL(/\?sel=event:mcp-agreed$/);
  const link = page.locator('.event-detail a.quote-link');
  const href = await link.getAttribute('href');
  assert.match(href, new RegExp(`^/${SLUG}/article/#s-full-\\d+$`));
  await link.click();
  const anchor = href.split('#')[1];
  await page.locator(`#${anchor}.flash`).waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, anchor);
  assert.match(await page.locator(`#${anchor}`).textContent(), /Military Cooperation Plan/);
  assert.deepEqual(page.errors, []);
});

test('keyboard: one tab stop, arrows, Home/End, Enter opens', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  const first = await page.locator('li.event').first().getAttribute('id');
  const last = await page.locator('li.event').last().getAttribute('id');
  let inList = false;
  for (let i = 0; i < 30 && !inList; i++) {
    await page.keyboard.press('Tab');
    inList = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'option');
  }
  assert.ok(inList, 'the timeline is reachable by Tab');
  assert.equal(await activeId(page), first);
  await page.keyboard.press('ArrowRight');
  const second = await activeId(page);
  assert.notEqual(second, first);
  await page.keyboard.press('End');
  await page.waitForFunction((id) => document.activeElement?.id === id, last);
  await page.keyboard.press('Home');
  await page.waitForFunction((id) => document.activeElement?.id === id, first);
  // Only one event is in the tab order.
  assert.equal(await page.locator('li.event[tabindex="0"]').count(), 1);
  await page.keyboard.press('Enter');
  await page.locator(`#${first}[aria-selected="true"]`).waitFor();
  await page.locator('#event-detail-title').waitFor();
  // Tab leaves the timeline instead of walking through every event.
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'option');
  assert.deepEqual(page.errors, []);
});

test('category filter hides events; a selected event survives reload', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 800 } });
  await page.goto(server.url(`/${SLUG}/timeline/?sel=event:defence-talks`));
  await page.locator('#ev-defence-talks[aria-selected="true"]').waitFor();
  await page.reload();
  await page.locator('#ev-defence-talks[aria-selected="true"]').waitFor();
  assert.match(await page.locator('#event-detail-title').textContent(), /Crosetto/);
  const before = await page.locator('li.event:visible').count();
  await page.getByRole('button', { name: 'Controversy' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('li.event:not([hidden])').length < n, before);
  assert.equal(await page.locator('li.event[data-category="controversy"]:visible').count(), 0);
  assert.deepEqual(page.errors, []);
});
