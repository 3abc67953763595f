// An article's later parts (actors, relations, timeline, questions) are decoded by the code of the views that
// show them (src/state.rs, LoadedArticle::complete): a first page decodes only the texts and the glossary.
// Content whose later parts are bad still opens on its texts, and the views that need those parts say what
// is wrong, also on a prerendered page of such a view (built afresh rather than hydrated).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launch, newPage, SLUG } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist((dir) => {
    // The prerendered pages stay as built (from good data); the data they carry now has a relation to an
    // actor the article does not have.
    const f = join(dir, 'content', `${SLUG}.json`);
    const a = JSON.parse(readFileSync(f, 'utf8'));
    a.relations[0].to = 'nobody';
    writeFileSync(f, JSON.stringify(a));
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const problem = /has an error and cannot be shown.*unknown actor `nobody`/s;

test('bad later parts: the brief opens and works; the map says what is wrong, and Try again asks again', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  let asked = 0;
  page.on('request', (r) => { if (r.url().endsWith(`/content/${SLUG}.json`)) asked++; });
  await page.goto(server.url(`/${SLUG}/`));
  assert.equal(await page.getByRole('alert').count(), 0, 'the texts need no later part');
  await page.locator('button.term').first().click();
  await page.locator('.term-card.placed').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const alert = page.locator('.view').getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), problem);
  const before = asked;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.view').getByRole('alert').filter({ hasText: 'unknown actor' }).waitFor();
  assert.ok(asked > before, 'the article was asked for again');
  // The glossary needs no later part either.
  await page.getByRole('link', { name: 'Glossary', exact: true }).click();
  await page.getByLabel('Search terms').fill('wassenaar');
  await page.locator('#term-wassenaar-arrangement mark').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('bad later parts: a prerendered page of the timeline is built afresh with the message, not hydrated against data it was not drawn from', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  await page.goto(server.url(`/${SLUG}/timeline/`));
  const alert = page.locator('.view').getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), problem);
  assert.equal(await page.locator('.timeline li').count(), 0, 'no timeline drawn from the prerender is left');
  await page.getByRole('link', { name: 'Brief', exact: true }).click();
  await page.locator('button.term').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('a shared link selecting an actor highlights its term in the brief once live (the actors are a later part)', async () => {
  const good = await serveDist();
  try {
    const page = await newPage(browser, { serviceWorkers: 'block' });
    await page.goto(good.url(`/${SLUG}/?sel=entity:italy`));
    // Italy's term is linked as "Italy" in the brief; the selection reaches it through the actor's term.
    const italy = page.locator('button.term').filter({ hasText: /^Italy$/ });
    assert.ok((await italy.count()) > 1);
    await page.waitForFunction(() => [...document.querySelectorAll('button.term')].some((b) => b.classList.contains('selected')));
    const flags = await italy.evaluateAll((bs) => bs.map((b) => b.classList.contains('selected')));
    assert.ok(flags.every(Boolean), `every Italy link highlighted: ${flags}`);
    const others = await page.locator('button.term.selected').evaluateAll((bs) => bs.map((b) => b.textContent).filter((t) => t !== 'Italy'));
    assert.deepEqual(others, [], 'nothing else is highlighted');
    assert.deepEqual(page.errors, []);
  } finally {
    good.close();
  }
});
