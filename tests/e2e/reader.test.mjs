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
  // It must be there in every frame for longer than the close delay (300 ms); a frame without it fails at once.
  const stayed = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    const check = () => {
      if (!document.querySelector('.term-card')) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 450) resolve(true);
      else requestAnimationFrame(check);
    };
    check();
  }));
  assert.equal(stayed, true, `the card closed after ${stayed} ms while hovered`);
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

test('the card shows the term\'s syllabus tags and links to its glossary entry, also for an alias in the text', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  const article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
  const entryOf = (id) => article.glossary.find((e) => e.id === id);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  // The term as written, and an occurrence through another wording ("technology control regimes").
  const alias = entryOf('export-control-regime').occurrences.find((o) => o.id.doc === 'brief' && o.matched !== 'export-control regime');
  assert.ok(alias, 'the brief mentions the export-control regime in other words');
  const cases = [
    { entry: entryOf('wassenaar-arrangement'), open: page.locator('button.term', { hasText: 'Wassenaar Arrangement' }) },
    { entry: entryOf('export-control-regime'), open: page.locator(`#occ-brief-${alias.id.index}`) },
  ];
  for (const { entry, open } of cases) {
    await open.scrollIntoViewIfNeeded();
    await open.click();
    const card = page.locator('.term-card.placed');
    await card.waitFor();
    assert.equal(await card.locator('.card-term').textContent(), entry.term);
    assert.equal(await card.locator('.card-def').textContent(), entry.definition);
    const tags = card.locator('.card-tags .tag');
    assert.deepEqual(
      await tags.allTextContents(),
      entry.tags.map((t) => `${t.paper.replace('GS', 'GS ')} · ${t.area}`),
      `${entry.id}: one tag per syllabus paper and area`,
    );
    assert.deepEqual(await tags.evaluateAll((els) => els.map((e) => e.dataset.paper)), entry.tags.map((t) => t.paper));
    assert.ok((await tags.allTextContents()).some((t) => t.startsWith('GS 2 · ')), `${entry.id} is tagged GS2`);
    const link = card.locator('a.card-link');
    assert.equal(await link.textContent(), 'Open in glossary');
    assert.equal(await link.getAttribute('href'), `/${SLUG}/glossary/${entry.id}/`);
    await page.keyboard.press('Escape');
    await page.locator('.term-card').waitFor({ state: 'detached' });
  }
  // Following the link from the alias's card lands on the entry it names.
  await cases[1].open.click();
  await page.locator('.term-card.placed a.card-link').click();
  await page.waitForURL(server.url(`/${SLUG}/glossary/export-control-regime/`));
  await page.locator('#term-export-control-regime.selected').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
