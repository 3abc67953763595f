// Reading comfort: a remembered colour theme (or the system's) and text size that reflows without breaking.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
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

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('dark theme: follows the system, can be chosen, is remembered before first paint', async () => {
  const page = await newPage(browser, { colorScheme: 'dark' });
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  assert.equal(await background(page), 'rgb(18, 20, 23)', 'system dark');
  await page.getByLabel('Colour theme').selectOption('light');
  assert.equal(await background(page), 'rgb(253, 252, 249)');
  await page.reload();
  // Applied by the blocking head script, before the app has even started.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await articleReady(page);
  assert.equal(await background(page), 'rgb(253, 252, 249)');
  assert.equal(await page.getByLabel('Colour theme').inputValue(), 'light');
  await page.getByLabel('Colour theme').selectOption('dark');
  assert.equal(await background(page), 'rgb(18, 20, 23)');
  assert.deepEqual(page.errors, []);
});

test('text size: four steps, remembered, and the phone layout still fits', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 } });
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByLabel('Text size').selectOption('largest');
  const big = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.equal(big / base, 1.375);
  for (const path of ['', 'article/', 'glossary/', 'timeline/', 'map/', 'study/']) {
    await page.goto(server.url(`/${SLUG}/${path}`));
    await articleReady(page);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${path || 'brief'}: no sideways scrolling at the largest size (${overflow}px)`);
  }
  assert.equal(await page.getByLabel('Text size').inputValue(), 'largest');
  assert.deepEqual(page.errors, []);
});

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]]) {
  test(`axe: every view in the dark theme (${name})`, async () => {
    const page = await newPage(browser, { viewport, colorScheme: 'dark' });
    const scan = async (label) => {
      await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished)));
      const r = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target}`), [], `${label} (dark)`);
    };
    await page.goto(server.url(`/${SLUG}/`));
    await articleReady(page);
    await page.locator('button.term').first().click();
    await page.locator('.term-card.placed').waitFor();
    await scan('brief with card');
    await page.goto(server.url(`/${SLUG}/glossary/nato/`));
    await page.locator('#term-nato.selected').waitFor();
    await page.getByLabel('Search terms').fill('def');
    await scan('glossary');
    await page.goto(server.url(`/${SLUG}/timeline/?sel=event:defence-talks`));
    await page.locator('#event-detail-title').waitFor();
    await scan('timeline');
    await page.goto(server.url(`/${SLUG}/map/?sel=entity:india`));
    await page.locator('.map-panel').waitFor();
    await scan('map');
    await page.goto(server.url(`/${SLUG}/study/`));
    await page.locator('.reveal').click();
    await scan('study');
  });
}
