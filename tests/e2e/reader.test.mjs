// Reader: definition cards by mouse, by touch and by keyboard alone; the Brief / Full article switch.
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

async function cardBox(page) {
  const card = page.locator('.term-card.placed');
  await card.waitFor();
  return card.boundingBox();
}

test('hovering a term opens its card, the card can be hovered, Escape closes it', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  const term = page.locator('button.term', { hasText: 'Wassenaar Arrangement' });
  await term.scrollIntoViewIfNeeded();
  await term.hover();
  const box = await cardBox(page);
  await assert.doesNotReject(page.locator('.term-card .card-term', { hasText: 'Wassenaar Arrangement' }).waitFor());
  assert.equal(await term.getAttribute('aria-expanded'), 'true');
  // Move the pointer onto the card (WCAG 1.4.13: hoverable): it stays open.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.waitForTimeout(500); // longer than the close delay: the card must still be there
  assert.equal(await page.locator('.term-card').count(), 1);
  await page.keyboard.press('Escape');
  await page.locator('.term-card').waitFor({ state: 'detached' });
  assert.equal(await term.getAttribute('aria-expanded'), 'false');
  // Leaving without entering the card closes it.
  await term.hover();
  await cardBox(page);
  await page.mouse.move(5, 5);
  await page.locator('.term-card').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('tapping a term on a 360 px phone opens a card that stays on screen; tapping elsewhere closes it', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/article/`));
  await articleReady(page);
  const terms = page.locator('button.term');
  assert.ok((await terms.count()) > 100, 'the long-form article is auto-linked');
  // Try terms at different horizontal positions, including ones near the right edge.
  for (const i of [0, 5, 17, 42]) {
    const t = terms.nth(i);
    await t.scrollIntoViewIfNeeded();
    await t.tap();
    const box = await cardBox(page);
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `card ${i} inside horizontally: ${JSON.stringify(box)}`);
    assert.ok(box.y >= 0 && box.y + box.height <= 640, `card ${i} inside vertically: ${JSON.stringify(box)}`);
    assert.equal(await page.locator('.term-card').count(), 1, 'one card at a time');
  }
  await page.locator('h1').tap();
  await page.locator('.term-card').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('keyboard only: Tab to a term, Enter and Space open, Tab into the card, Escape closes and returns focus', async () => {
  const page = await newPage(browser, { viewport: { width: 1024, height: 768 } });
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  let onTerm = false;
  for (let i = 0; i < 40 && !onTerm; i++) {
    await page.keyboard.press('Tab');
    onTerm = await page.evaluate(() => document.activeElement?.classList.contains('term'));
  }
  assert.ok(onTerm, 'a term is reachable by Tab');
  const id = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('Enter');
  await page.locator('.term-card.placed').waitFor();
  assert.equal(await page.locator(`#${id}`).getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('.term-card')), 'focus moves into the card');
  await page.keyboard.press('Escape');
  await page.locator('.term-card').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), id, 'focus returns to the term');
  await page.keyboard.press('Space');
  await page.locator('.term-card.placed').waitFor();
  await page.keyboard.press('Space');
  await page.locator('.term-card').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('the card links to the glossary entry', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await page.locator('button.term', { hasText: 'Manekshaw Centre' }).click();
  await page.locator('.term-card a.card-link').click();
  await page.waitForURL(server.url(`/${SLUG}/glossary/manekshaw-centre/`));
  await page.locator('#term-manekshaw-centre.selected').waitFor();
  assert.deepEqual(page.errors, []);
});

test('Brief and Full article switch, with the browser back button', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  assert.equal(await page.locator('.doc-title').textContent(), 'UPSC brief');
  await page.getByRole('link', { name: 'Full article' }).click();
  await page.waitForURL(server.url(`/${SLUG}/article/`));
  await page.locator('.doc-title', { hasText: 'India tells Italy' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Full article' }).getAttribute('aria-current'), 'page');
  await page.goBack();
  await page.locator('.doc-title', { hasText: 'UPSC brief' }).waitFor();
  await page.goForward();
  await page.locator('.doc-title', { hasText: 'India tells Italy' }).waitFor();
  assert.deepEqual(page.errors, []);
});
