// The app under broken data: mutated JSON, a missing article, a missing index, a failing and a slow network.
// Always a clear message (with a retry where a retry can help), never a panic or a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launch, newPage, articleReady, unprerender, SLUG } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist((dir) => {
    const f = join(dir, 'content', `${SLUG}.json`);
    const good = readFileSync(f, 'utf8');
    // Valid JSON of the wrong shape, and a well-formed file with an impossible date.
    writeFileSync(join(dir, 'content', 'shape.json'), good.replace('"glossary":[', '"glossary":{"x":').replace('"slug":"' + SLUG + '"', '"slug":"shape"'));
    writeFileSync(join(dir, 'content', 'dated.json'), good.replace('"date":"2026-04-30"', '"date":"2026-02-30"').replace('"slug":"' + SLUG + '"', '"slug":"dated"'));
    // Valid JSON of the right shape that breaks a rule the app relies on: an answer that is not an option.
    writeFileSync(join(dir, 'content', 'quiz.json'), good.replace('"answer":2', '"answer":7').replace('"slug":"' + SLUG + '"', '"slug":"quiz"'));
    // Content compiled for another version of the app.
    writeFileSync(join(dir, 'content', 'old.json'), good.replace(/"format_version":\d+/, '"format_version":1').replace('"slug":"' + SLUG + '"', '"slug":"old"'));
    for (const slug of ['shape', 'dated', 'gone', 'quiz', 'old']) {
      writeFileSync(join(dir, 'content', `${slug}.html`), 'x');
    }
    rmSync(join(dir, 'content', 'index.json'));
    unprerender(dir);
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function open(page, path) {
  // These articles have no pages of their own on the server: start from a real page and navigate in the app.
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

test('mutated content and impossible values are explained, not crashed on', async () => {
  const page = await newPage(browser);
  for (const slug of ['shape', 'dated']) {
    await open(page, `/${slug}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /damaged or incomplete/);
    assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 1);
  }
  await open(page, '/gone/');
  await page.getByRole('alert').filter({ hasText: 'not found' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a missing index explains itself on the library page', async () => {
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  await page.getByRole('alert').filter({ hasText: 'not found' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('a failing network shows the error and the retry recovers; a slow one shows loading first', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`**/content/${SLUG}.json`, (route) => route.abort('internetdisconnected'));
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await page.getByRole('alert').filter({ hasText: 'network request failed' }).waitFor();
  await page.unroute(`**/content/${SLUG}.json`);
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(`**/content/${SLUG}.json`, async (route) => {
    await gate; // a slow network: hold the answer until the loading state has been seen
    await route.continue();
  });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('status').filter({ hasText: 'Loading article' }).waitFor();
  release();
  await page.locator('li.entry').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('content that breaks a rule the app relies on (a quiz answer that is not an option) is refused with a message', async () => {
  const page = await newPage(browser);
  await open(page, '/quiz/study/');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /has an error and cannot be shown.*crosetto-office.*answer 7/s);
  assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 1);
  assert.deepEqual(page.errors, []);
});

test('Try again recovers from a missing article and from content of another version once the server has it right', async () => {
  const page = await newPage(browser);
  const good = readFileSync(join(server.dir, 'content', `${SLUG}.json`), 'utf8');
  for (const [slug, message] of [['gone', /not found/], ['old', /version/]]) {
    await open(page, `/${slug}/glossary/`);
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: message }).waitFor();
    // The host fixes the file; the reader retries.
    writeFileSync(join(server.dir, 'content', `${slug}.json`), good.replace('"slug":"' + SLUG + '"', `"slug":"${slug}"`));
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('li.entry').first().waitFor();
    assert.equal(await alert.count(), 0);
  }
  assert.deepEqual(page.errors, []);
});

test('a server that never answers gives a timeout message with a retry, not "Loading…" for ever', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const held = [];
  await page.route(`**/content/${SLUG}.json`, (route) => held.push(route)); // never answered
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await page.getByRole('status').filter({ hasText: 'Loading article' }).waitFor();
  // The app gives up after 15 s (browser.rs ANSWER_TIMEOUT_MS).
  await page.getByRole('alert').filter({ hasText: 'no answer from the server in 15 s' }).waitFor({ timeout: 25000 });
  await page.unroute(`**/content/${SLUG}.json`);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('li.event').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
