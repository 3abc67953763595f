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

// ---- Layout: a vertical list on phones, year columns on wide screens, undated events in the "earlier" lane ----

const boxes = (page) =>
  page.$$eval('li.event', (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { id: e.id.replace(/^ev-/, ''), x: r.x, y: r.y, w: r.width, h: r.height, undated: e.classList.contains('undated'), date: e.querySelector('.ev-date').textContent };
  }));

const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

test('on a 360 px phone the events form one vertical list, undated ones first', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  const b = await boxes(page);
  assert.ok(b.length >= 12);
  for (let i = 1; i < b.length; i++) {
    assert.ok(b[i].y >= b[i - 1].y + b[i - 1].h - 0.5, `${b[i].id} is below ${b[i - 1].id}: ${b[i].y} vs ${b[i - 1].y}+${b[i - 1].h}`);
    assert.ok(Math.abs(b[i].x - b[0].x) <= 1 && Math.abs(b[i].w - b[0].w) <= 1, `${b[i].id} in the same column`);
  }
  assert.ok(b.every((e) => e.x >= 0 && e.x + e.w <= 360), 'inside the screen');
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 360), 'no sideways scrolling');
  assert.equal(await page.locator('.timeline .axis').evaluate((e) => getComputedStyle(e).display), 'none', 'no year axis');
  // The earlier lane comes before every dated event.
  const firstDated = b.findIndex((e) => !e.undated);
  assert.ok(firstDated > 0 && b.slice(firstDated).every((e) => !e.undated), `undated events first: ${b.map((e) => e.id)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('on a 1280 px screen the events sit in year columns along a horizontal axis; a span is a bar over its years', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  const heads = await page.$$eval('.timeline .axis li', (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { label: e.textContent, x: r.x, y: r.y, w: r.width };
  }));
  assert.ok(heads.length >= 5, `axis: ${heads.map((h) => h.label)}`);
  for (let i = 1; i < heads.length; i++) {
    assert.ok(heads[i].x > heads[i - 1].x + heads[i - 1].w - 0.5, `${heads[i].label} right of ${heads[i - 1].label}`);
    assert.ok(Math.abs(heads[i].y - heads[0].y) <= 1, 'the axis is one row');
  }
  const head = (label) => heads.find((h) => h.label === label);
  const b = await boxes(page);
  const byId = new Map(article.timeline.map((e) => [e.id, e]));
  const startYear = (d) => (d.on ? d.on.year : d.span ? d.span[0].year : null);
  for (const e of b) {
    const d = byId.get(e.id).date;
    const col = head(d.undated ? 'Earlier (undated)' : String(startYear(d)));
    assert.ok(col, `a column for ${e.id}`);
    assert.ok(Math.abs(e.x - col.x) <= 1, `${e.id} starts in the ${col.label} column: ${e.x} vs ${col.x}`);
    if (d.span) {
      const end = head(String(d.span[1].year));
      assert.ok(e.w > col.w * 1.5 && Math.abs(e.x + e.w - (end.x + end.w)) <= 1, `${e.id} is a bar to the end of ${end.label}`);
    } else {
      assert.ok(Math.abs(e.w - col.w) <= 1, `${e.id} is one column wide`);
    }
  }
  // Later years are further right.
  const dated = b.filter((e) => !e.undated).map((e) => ({ ...e, year: startYear(byId.get(e.id).date) }));
  for (const a of dated) {
    for (const c of dated) if (a.year < c.year) assert.ok(a.x < c.x, `${a.id} (${a.year}) left of ${c.id} (${c.year})`);
  }
  assert.ok(new Set(dated.map((e) => e.year)).size >= 4, 'several year columns');
  for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) assert.ok(!overlap(b[i], b[j]), `${b[i].id} and ${b[j].id} overlap`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an undated event sits in the "Earlier (undated)" lane, with no invented date', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  const undated = article.timeline.filter((e) => e.date.undated);
  assert.ok(undated.length >= 1);
  const lane = page.locator('.timeline .axis li', { hasText: 'Earlier (undated)' });
  assert.equal(await lane.count(), 1);
  const laneBox = await lane.boundingBox();
  const firstYear = await page.locator('.timeline .axis li').nth(1).boundingBox();
  assert.ok(laneBox.x < firstYear.x, 'the earlier lane is before the first year');
  assert.deepEqual(
    (await page.$$eval('li.event.undated', (els) => els.map((e) => e.id))).sort(),
    undated.map((e) => `ev-${e.id}`).sort(),
    'exactly the undated events are marked undated',
  );
  for (const e of undated) {
    const li = page.locator(`#ev-${e.id}`);
    const box = await li.boundingBox();
    assert.ok(Math.abs(box.x - laneBox.x) <= 1, `${e.id} in the earlier lane`);
    const date = await li.locator('.ev-date').textContent();
    assert.equal(date, 'Undated');
    assert.doesNotMatch(date, /\d/);
  }
  // Its details say what it is known to precede instead of a date.
  const e = undated[0];
  const next = article.timeline[e.date.undated.before];
  await page.locator(`#ev-${e.id}`).click();
  await page.locator('#event-detail-title', { hasText: e.title }).waitFor();
  const kicker = await page.locator('.event-detail .kicker').textContent();
  assert.ok(kicker.startsWith(`Undated · Undated: before “${next.title}”`), kicker);
  assert.doesNotMatch(kicker, /\d{4}/, 'no year in the details of an undated event');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
