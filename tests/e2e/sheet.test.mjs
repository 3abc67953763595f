// The revision sheet and printing: what the sheet holds, and the printed pages (PDF from headless Chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serveDist, launch, newPage, articleReady, appLive, SLUG } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

// Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
// Kept for a person to look at (the closing note lists them).
const OUT = join(tmpdir(), 'explainer-print');

test('the revision sheet holds every term once by paper, the timeline, the relations and the mains questions', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await page.getByRole('link', { name: 'Revision sheet', exact: true }).click();
  await page.getByRole('heading', { name: 'Revision sheet', level: 2 }).waitFor();
  assert.match(page.url(), /\/sheet\/$/);
  const terms = await page.locator('.sheet-term dt').allTextContents();
  assert.equal(terms.length, 57);
  assert.equal(new Set(terms).size, 57, 'each term once');
  const papers = await page.locator('.sheet-paper').evaluateAll((s) => s.map((x) => x.dataset.paper));
  assert.deepEqual(papers, [...papers].sort(), 'papers in order');
  // Definitions are cut to one sentence.
  for (const dd of await page.locator('.sheet-term dd').allTextContents()) {
    assert.ok(!/[.?!] [A-Z]/.test(dd.slice(0, -1)), `one sentence: ${dd}`);
  }
  assert.equal(await page.locator('.sheet-table').first().locator('tbody tr').count(), 18);
  assert.equal(await page.locator('.sheet-split .sheet-table tbody tr').count(), 40, 'relations in two half-tables');
  assert.equal(await page.locator('.sheet-mains li').count(), 4);
  assert.deepEqual(page.errors, []);
});

test('printing: the sheet fits two A4 pages with nothing interactive; the article prints without chrome', async () => {
  mkdirSync(OUT, { recursive: true });
  const page = await newPage(browser);
  for (const lang of ['en', 'hi']) {
    await page.goto(server.url(`/${SLUG}/sheet/?lang=${lang}`));
    // With a query the app renders afresh over the prerendered page: check the live nodes, not ones about to go.
    await appLive(page);
    await page.locator('.sheet-term').first().waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.masthead', '.view-tabs', '.share-open', '.article-footer', '.sheet-head button']) {
      assert.equal(await page.locator(sel).first().evaluate((e) => getComputedStyle(e).display), 'none', `${sel} hidden in print`);
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    writeFileSync(join(OUT, `sheet-${lang}.pdf`), pdf);
    const n = pageCount(pdf);
    assert.ok(n >= 1 && n <= 2, `the ${lang} sheet prints on ${n} A4 pages`);
    await page.emulateMedia({ media: 'screen' });
  }
  await page.goto(server.url(`/${SLUG}/article/`));
  await articleReady(page);
  await page.locator('button.term').first().click();
  await page.locator('.term-card.placed').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.term-card').evaluate((e) => getComputedStyle(e).display), 'none');
  // Terms print as the text around them, not as buttons.
  const term = await page.locator('button.term').first().evaluate((e) => {
    const [s, p] = [getComputedStyle(e), getComputedStyle(e.closest('p, li, h3, h4'))];
    return { same: s.color === p.color, decoration: s.textDecorationLine };
  });
  assert.deepEqual(term, { same: true, decoration: 'none' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(join(OUT, 'article.pdf'), pdf);
  assert.ok(pageCount(pdf) >= 2, 'the full article runs over pages');
  assert.deepEqual(page.errors, []);
});
