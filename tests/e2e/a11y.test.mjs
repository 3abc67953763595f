// Automated accessibility scan (axe-core, all rules including best practices) of every view and open state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launch, newPage, articleReady, unprerender, axeScan, SLUG } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const scan = (page, label) => axeScan(page, label);

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]]) {
  test(`axe: reader views and an open card (${name})`, async () => {
    const page = await newPage(browser, { viewport });
    await page.goto(server.url(`/${SLUG}/`));
    await articleReady(page);
    await scan(page, 'brief');
    await page.locator('button.term').first().click();
    await page.locator('.term-card.placed').waitFor();
    await scan(page, 'brief with card open');
    await page.goto(server.url(`/${SLUG}/article/#occ-full-5`));
    await page.locator('#occ-full-5.flash').waitFor();
    await scan(page, 'full article with highlight');
  });

  test(`axe: glossary, searching, filtered, occurrences open, selected term (${name})`, async () => {
    const page = await newPage(browser, { viewport });
    await page.goto(server.url(`/${SLUG}/glossary/`));
    await articleReady(page);
    await scan(page, 'glossary');
    await page.getByLabel('Search terms').fill('tech');
    await page.locator('li.entry mark').first().waitFor();
    await page.getByRole('button', { name: 'GS 3' }).click();
    await page.locator('li.entry details summary').first().click();
    await scan(page, 'glossary searched and filtered');
    await page.goto(server.url(`/${SLUG}/glossary/nato/`));
    await page.locator('#term-nato.selected').waitFor();
    await scan(page, 'selected term');
  });
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]]) {
  test(`axe: timeline, with an event open (${name})`, async () => {
    const page = await newPage(browser, { viewport });
    await page.goto(server.url(`/${SLUG}/timeline/`));
    await articleReady(page);
    await scan(page, 'timeline');
    await page.locator('li.event').nth(3).click();
    await page.locator('#event-detail-title').waitFor();
    await scan(page, 'timeline with details');
  });

  test(`axe: map, panel open, filtered, list view (${name})`, async () => {
    const page = await newPage(browser, { viewport });
    await page.goto(server.url(`/${SLUG}/map/`));
    await articleReady(page);
    await scan(page, 'map');
    await page.locator('#node-india').click();
    await page.locator('.map-panel').waitFor();
    await scan(page, 'map with panel');
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByRole('button', { name: 'Place', exact: true }).click();
    await page.getByRole('button', { name: 'List', exact: true }).click();
    await page.locator('.entity-list').waitFor();
    await scan(page, 'map list view, filtered');
  });
}

test('axe: library, error state and not-found', async () => {
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  await page.locator('.library-item').first().waitFor();
  await scan(page, 'library');
  const broken = await serveDist((dir) => {
    rmSync(join(dir, 'content', `${SLUG}.json`));
    unprerender(dir);
  });
  try {
    await page.goto(broken.url(`/${SLUG}/`));
    await page.getByRole('alert').waitFor();
    await scan(page, 'load error');
  } finally {
    broken.close();
  }
});
