// Glossary: search as you type, filter by paper, jump from an occurrence into the reader.
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

const entries = (page) => page.locator('li.entry');

test('search as you type: case- and accent-insensitive, substring, highlighted, counted', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const total = await entries(page).count();
  assert.ok(total >= 30, `${total} terms`);
  const box = page.getByLabel('Search terms');
  await box.pressSequentially('CROSÉ', { delay: 20 });
  await page.waitForFunction(() => document.querySelector('li.entry')?.id === 'term-guido-crosetto');
  assert.equal(await page.locator('#term-guido-crosetto h3 mark').textContent(), 'Crose');
  const shown = await entries(page).count();
  assert.equal(await page.locator('#glossary-count').textContent(), `${shown} of ${total} terms`);
  // A substring inside a word matches too.
  await box.fill('enaar');
  await page.waitForFunction(() => document.querySelector('li.entry')?.id === 'term-wassenaar-arrangement');
  await box.fill('zzzz');
  await page.getByText('No terms match').waitFor();
  await box.fill('');
  await page.waitForFunction((n) => document.querySelectorAll('li.entry').length === n, total);
  assert.deepEqual(page.errors, []);
});

test('a keystroke that keeps an entry in the results keeps its element: open occurrences stay open, the highlight follows', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const box = page.getByLabel('Search terms');
  await box.fill('cros');
  await page.waitForFunction(() => document.querySelector('#term-guido-crosetto h3 mark')?.textContent === 'Cros');
  // Mark the element and open its occurrences; a redrawn list would lose both.
  await page.evaluate(() => {
    const e = document.getElementById('term-guido-crosetto');
    e.dataset.kept = 'yes';
    e.querySelector('details.occurrences').open = true;
  });
  await box.pressSequentially('et', { delay: 20 });
  await page.waitForFunction(() => document.querySelector('#term-guido-crosetto h3 mark')?.textContent === 'Croset');
  assert.equal(await page.locator('#term-guido-crosetto').getAttribute('data-kept'), 'yes');
  assert.equal(await page.locator('#term-guido-crosetto details.occurrences').evaluate((d) => d.open), true);
  // A query that drops the entry removes it; clearing brings back a fresh, closed one.
  await box.fill('zzzz');
  await page.getByText('No terms match').waitFor();
  await box.fill('');
  await page.locator('#term-guido-crosetto').waitFor();
  assert.equal(await page.locator('#term-guido-crosetto').getAttribute('data-kept'), null);
  assert.equal(await page.locator('#term-guido-crosetto h3 mark').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a search whose results were in the A–Z list leaves each id on one element, the shown one, before the paint', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const atOnce = await page.evaluate(async () => {
    const input = document.getElementById('glossary-search');
    input.value = 'line of control';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Leptos updates the page in microtasks: after these, what this keystroke draws before a frame is there.
    for (let k = 0; k < 100; k++) await null;
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const entry = document.getElementById('term-line-of-control');
    return {
      lists: document.querySelectorAll('ul.entries').length,
      twice: ids.filter((id, i) => ids.indexOf(id) !== i),
      shown: !!entry?.closest('ul.entries:not([hidden])'),
    };
  });
  // The A–Z list is replaced, not changed in place, and stays (hidden) until the paint: two lists at this point.
  assert.deepEqual(atOnce, { lists: 2, twice: [], shown: true });
  // Once the old list is gone, the entry is still there by its id.
  await page.waitForFunction(() => document.querySelectorAll('ul.entries').length === 1);
  await page.locator('#term-line-of-control').waitFor();
  assert.deepEqual(page.errors, []);
});

test('filter by syllabus paper', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const total = await entries(page).count();
  await page.getByRole('button', { name: 'GS 4' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('li.entry').length < n, total);
  const ok = await page.$$eval('li.entry', (els) => els.every((e) => e.querySelector('.tag[data-paper="GS4"]')));
  assert.ok(ok, 'every entry shown is tagged GS4');
  assert.equal(await page.getByRole('button', { name: 'GS 4' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('li.entry').length === n, total);
  assert.deepEqual(page.errors, []);
});

test('an occurrence link scrolls the reader to the term and highlights it', async () => {
  const page = await newPage(browser, { viewport: { width: 1000, height: 700 } });
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  await page.getByLabel('Search terms').fill('Line of Control');
  const entry = page.locator('#term-line-of-control');
  await entry.locator('summary').click();
  const link = entry.locator('a.occ-link').first();
  const href = await link.getAttribute('href');
  assert.match(href, new RegExp(`^/${SLUG}/article/#occ-full-\\d+$`));
  await link.click();
  const anchor = href.split('#')[1];
  await page.waitForURL(server.url(href));
  const target = page.locator(`#${anchor}`);
  await page.waitForFunction((id) => document.activeElement?.id === id, anchor);
  assert.match(await target.getAttribute('class'), /flash/);
  assert.equal(await target.textContent(), 'Line of Control');
  // Scrolling may be smooth: wait until the occurrence is inside the viewport.
  await target.evaluate((el) => new Promise((resolve) => {
    const check = () => {
      const r = el.getBoundingClientRect();
      if (r.top >= 0 && r.bottom <= window.innerHeight) resolve();
      else requestAnimationFrame(check);
    };
    check();
  }));
  assert.deepEqual(page.errors, []);
});

test('paper filters look like filters, not struck out; see-also links show term names', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/rajnath-singh/`));
  await page.locator('#term-rajnath-singh.selected').waitFor();
  // Unpressed paper chips mean "no filter": they must not look struck out like a hidden map category.
  const chip = page.getByRole('button', { name: 'GS 2', exact: true });
  assert.equal(await chip.getAttribute('aria-pressed'), 'false');
  assert.equal(await chip.evaluate((e) => getComputedStyle(e).textDecorationLine), 'none');
  const links = await page.locator('#term-rajnath-singh .see-also a').allTextContents();
  assert.ok(links.includes('Defence Minister'), `see-also names: ${links}`);
  assert.ok(!links.some((l) => /^[a-z]+( [a-z]+)+$/.test(l)), `no ids as labels: ${links}`);
  assert.deepEqual(page.errors, []);
});

test('each term\'s count of occurrences matches the links it lists, and they are every term in the texts', async () => {
  const page = await newPage(browser, { viewport: { width: 1000, height: 800 } });
  const article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const rows = await page.$$eval('li.entry', (els) => els.map((e) => ({
    id: e.id.replace(/^term-/, ''),
    summary: e.querySelector('.occurrences summary')?.textContent ?? null,
    none: !!e.querySelector('.occ-none'),
    links: [...e.querySelectorAll('a.occ-link')].map((a) => a.getAttribute('href')),
  })));
  assert.equal(rows.length, article.glossary.length);
  const counted = (r) => {
    if (r.summary === null) return r.none ? 0 : NaN;
    if (r.summary === 'Appears once in the text') return 1;
    const m = r.summary.match(/^Appears (\d+) times in the text$/);
    return m ? Number(m[1]) : NaN;
  };
  for (const r of rows) {
    const n = counted(r);
    assert.equal(n, r.links.length, `${r.id}: "${r.summary}" but ${r.links.length} occurrence links`);
    assert.equal(n, article.glossary.find((e) => e.id === r.id).occurrences.length, `${r.id}: count from the content`);
  }
  // Opening the disclosure of the most frequent term shows that many links.
  const most = rows.reduce((a, b) => (b.links.length > a.links.length ? b : a));
  assert.ok(most.links.length > 10, `${most.id} appears ${most.links.length} times`);
  const entry = page.locator(`#term-${most.id}`);
  await entry.locator('summary').click();
  await entry.locator('a.occ-link').last().waitFor({ state: 'visible' });
  assert.equal(await entry.locator('a.occ-link:visible').count(), most.links.length);
  // Every occurrence link points at a term in the reader, and every term in the reader is listed once.
  const all = rows.flatMap((r) => r.links);
  assert.equal(new Set(all).size, all.length, 'no occurrence is listed twice');
  for (const [path, doc] of [[`/${SLUG}/`, 'brief'], [`/${SLUG}/article/`, 'full']]) {
    await page.goto(server.url(path));
    await articleReady(page);
    const inText = (await page.$$eval('button.term', (els) => els.map((e) => e.id))).sort();
    const listed = all.filter((h) => h.startsWith(`${path}#`)).map((h) => h.split('#')[1]).sort();
    assert.ok(listed.every((a) => a.startsWith(`occ-${doc}-`)));
    assert.deepEqual(listed, inText, `${doc}: the glossary lists exactly the terms linked in the text`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
