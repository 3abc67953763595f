// Deep links opened directly on a plain static server, JavaScript-off reading, and broken content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist, launch, newPage, articleReady, unprerender, SLUG, appLive } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('a glossary term URL opened directly shows and selects that entry', async () => {
  const page = await newPage(browser, { viewport: { width: 1000, height: 700 } });
  const res = await page.goto(server.url(`/${SLUG}/glossary/wassenaar-arrangement/`));
  assert.equal(res.status(), 200);
  await page.locator('#term-wassenaar-arrangement.selected').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'term-wassenaar-arrangement');
  assert.match(await page.title(), /^Wassenaar Arrangement — Glossary/);
  // Without the trailing slash the static server redirects, and it still works.
  await page.goto(server.url(`/${SLUG}/glossary/nato`));
  await page.locator('#term-nato.selected').waitFor();
  assert.deepEqual(page.errors, []);
});

// A page opened at a deep link jumps to its target: a smooth scroll of thousands of pixels took over a second
// after the app was live, and a tap made meanwhile landed wherever the page had scrolled to (a tab bar link
// missed in CI). Smooth scrolling is for moves within a page the reader is already looking at.
async function scrollsOnArrival(path, target) {
  const page = await newPage(browser, { viewport: { width: 1000, height: 700 } });
  await page.addInitScript(() => {
    window.scrolls = [];
    addEventListener('scroll', () => window.scrolls.push(Math.round(scrollY)));
  });
  await page.goto(server.url(path));
  await appLive(page);
  // Until the target is in the middle third of the window, however long a smooth scroll takes.
  await page.waitForFunction((id) => {
    const r = document.getElementById(id)?.getBoundingClientRect();
    return r && r.top < innerHeight * 0.67 && r.bottom > innerHeight * 0.33;
  }, target);
  const scrolls = await page.evaluate(() => new Set(window.scrolls).size);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  return scrolls;
}

test('a deep link to a term or an occurrence far down the page jumps there instead of gliding', async () => {
  // Each layout of the entries off screen may move it once more; a glide is dozens of positions.
  for (const [path, id] of [[`/${SLUG}/glossary/wassenaar-arrangement/`, 'term-wassenaar-arrangement'], [`/${SLUG}/article/#occ-full-40`, 'occ-full-40']]) {
    const n = await scrollsOnArrival(path, id);
    assert.ok(n <= 3, `${path}: ${n} scroll positions on the way`);
  }
});

test('an occurrence URL opened directly highlights the term in the text', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/article/#occ-full-3`));
  await page.locator('#occ-full-3.flash').waitFor();
  assert.deepEqual(page.errors, []);
});

test('the library lists the article and links into it', async () => {
  const page = await newPage(browser);
  await page.goto(server.url('/'));
  await page.getByRole('link', { name: /India asks Italy/ }).click();
  await page.waitForURL(server.url(`/${SLUG}/`));
  await articleReady(page);
  assert.deepEqual(page.errors, []);
});

test('with JavaScript off, the route points to a plain page that reads on its own', async () => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto(server.url(`/${SLUG}/glossary/nato/`));
  const link = page.getByRole('link', { name: 'Read the plain version of the article' });
  await link.click();
  await page.waitForURL(server.url(`/content/${SLUG}.html`));
  await page.getByRole('heading', { level: 1, name: /India asks Italy/ }).waitFor();
  assert.ok((await page.locator('dt').count()) >= 30, 'glossary in the plain page');
  assert.ok((await page.locator('a.term').count()) > 100, 'terms linked in the plain page');
  assert.equal(await page.locator('script').count(), 0);
});

test('a corrupt content file shows a clear message with a retry that recovers', async () => {
  const broken = await serveDist((dir) => {
    const f = join(dir, 'content', `${SLUG}.json`);
    const good = readFileSync(f, 'utf8');
    writeFileSync(f + '.good', good);
    writeFileSync(f, good.slice(0, 5000)); // truncated mid-way
    unprerender(dir);
  });
  try {
    const page = await newPage(browser);
    await page.goto(broken.url(`/${SLUG}/glossary/`));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /damaged or incomplete/);
    // Repair the file on the server; Retry loads it without reloading the page.
    const f = join(broken.dir, 'content', `${SLUG}.json`);
    renameSync(f + '.good', f);
    await page.getByRole('button', { name: 'Try again' }).click();
    await articleReady(page);
    await page.locator('li.entry').first().waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    broken.close();
  }
});

test('missing content (404) and content of another format version are explained', async () => {
  const broken = await serveDist((dir) => {
    const f = join(dir, 'content', `${SLUG}.json`);
    writeFileSync(f, readFileSync(f, 'utf8').replace(/"format_version":\d+/, '"format_version":99'));
    writeFileSync(join(dir, 'content', 'index.json'), 'not json');
    unprerender(dir);
  });
  try {
    const page = await newPage(browser);
    await page.goto(broken.url(`/${SLUG}/`));
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').textContent(), /another version of this app/);
    await page.goto(broken.url(`/no-such-article/`));
    assert.equal((await page.goto(broken.url('/'))).status(), 200);
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').textContent(), /damaged/);
    assert.deepEqual(page.errors, []);
  } finally {
    broken.close();
  }
});
