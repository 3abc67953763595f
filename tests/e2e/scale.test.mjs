// Scale: a generated article of about 1 MB with 5,000 glossary terms opens and stays usable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, newPage, ROOT } from './harness.mjs';

let server, browser, work;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'explainer-scale-'));
  execFileSync('cargo', ['run', '-q', '-p', 'explainer-compiler', '--example', 'scale_article', '--', '5000', work], { cwd: ROOT, stdio: 'ignore' });
  server = await serveDist((dir) => {
    cpSync(join(work, 'out', 'scale.json'), join(dir, 'content', 'scale.json'));
    for (const route of ['scale', 'scale/article', 'scale/glossary']) {
      mkdirSync(join(dir, route), { recursive: true });
      cpSync(join(dir, 'index.html'), join(dir, route, 'index.html'));
    }
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a 5,000-term article opens, its glossary filters as you type, its long text renders', async () => {
  const page = await newPage(browser);
  await page.goto(server.url('/scale/glossary/'));
  await page.locator('li.entry').first().waitFor({ timeout: 60000 });
  // Drawn a step at a time (a keystroke must not rebuild 5,000 entries); the count names them all.
  await page.locator('#glossary-count', { hasText: '5000 terms' }).waitFor();
  assert.equal(await page.locator('li.entry').count(), 100);
  await page.getByRole('button', { name: 'Show more (4900 not shown)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('li.entry').length === 1100);
  // A first character replaces the list: its first rows come at once, the rest of the step a frame later.
  await page.getByLabel('Search terms').fill('k');
  const count = page.locator('#glossary-count', { hasText: /^\d+ of 5000 terms$/ });
  await count.waitFor({ timeout: 20000 });
  const n = Number((await count.textContent()).split(' ')[0]);
  assert.ok(n > 100, `"k" matches more than a step (${n})`);
  await page.waitForFunction(() => document.querySelectorAll('li.entry').length === 100, null, { timeout: 20000 });
  assert.equal(await page.getByRole('button', { name: `Show more (${n - 100} not shown)` }).count(), 1);
  // Before the next frame, only the first rows of a new list are built, and the list it replaces is hidden, not
  // yet dropped: the keystroke is painted without the rest of either.
  await page.getByLabel('Search terms').fill('');
  await page.locator('#glossary-count', { hasText: '5000 terms' }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.entry').length === 100);
  const atOnce = await page.evaluate(async () => {
    const input = document.getElementById('glossary-search');
    input.value = 'ka';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Leptos updates the page in microtasks: after these, what this keystroke draws before a frame is there.
    for (let k = 0; k < 100; k++) await null;
    const shown = document.querySelectorAll('ul.entries:not([hidden])');
    return {
      lists: document.querySelectorAll('ul.entries').length,
      shown: shown.length,
      drawn: shown[0]?.querySelectorAll('li.entry').length,
      first: shown[0] === document.querySelector('ul.entries'),
      // The hidden list is left as it was (no query, no highlight): updating rows about to go is wasted work.
      stale: document.querySelectorAll('ul.entries[hidden] mark').length,
      // Kept laid out but out of sight (style/glossary.css): no height, and nothing in it visible or focusable.
      hiddenHeight: document.querySelector('ul.entries[hidden]')?.getBoundingClientRect().height,
      hiddenSeen: [...document.querySelectorAll('ul.entries[hidden] li.entry a')].some((a) => a.checkVisibility({ visibilityProperty: true })),
      // An entry in both lists has one id: the shown one's (a second element with it broke `#term-…` lookups).
      twice: (() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id); return ids.length - new Set(ids).size; })(),
    };
  });
  assert.equal(atOnce.twice, 0, 'no id is on two elements');
  assert.deepEqual([atOnce.hiddenHeight, atOnce.hiddenSeen], [0, false], 'the replaced list takes no room and shows nothing');
  assert.equal(atOnce.stale, 0, 'the replaced rows were not re-highlighted');
  assert.ok(atOnce.drawn > 0 && atOnce.drawn < 100, `a first character drew ${atOnce.drawn} entries before the frame`);
  assert.deepEqual([atOnce.lists, atOnce.shown, atOnce.first], [2, 1, true], 'the old list hidden, after the new one');
  await page.waitForFunction(() => document.querySelectorAll('li.entry').length === 100 && document.querySelectorAll('ul.entries').length === 1, null, { timeout: 20000 });
  // A query that matches nothing hides the list at once too, and drops it after the frame.
  const none = await page.evaluate(async () => {
    const input = document.getElementById('glossary-search');
    input.value = 'kaqqzx';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (let k = 0; k < 100; k++) await null;
    return {
      lists: document.querySelectorAll('ul.entries').length,
      hiddenRows: document.querySelectorAll('ul.entries[hidden] li.entry').length,
      message: !!document.querySelector('.no-results'),
    };
  });
  assert.deepEqual(none, { lists: 2, hiddenRows: 100, message: true }, 'no match: the old rows hidden, not removed before the frame');
  await page.waitForFunction(() => document.querySelectorAll('ul.entries').length === 1 && !document.querySelector('li.entry'), null, { timeout: 20000 });
  await page.getByLabel('Search terms').fill('');
  await page.getByLabel('Search terms').pressSequentially('karit', { delay: 30 });
  await page.locator('#glossary-count', { hasText: /^\d+ of 5000 terms$/ }).waitFor({ timeout: 20000 });
  assert.ok((await page.locator('li.entry').count()) <= 100);
  assert.ok((await page.locator('li.entry mark').count()) > 0);
  await page.goto(server.url('/scale/article/'));
  await page.locator('.doc p').nth(2000).waitFor({ timeout: 60000 });
  const term = page.locator('button.term').nth(4000);
  await term.scrollIntoViewIfNeeded();
  await term.click();
  await page.locator('.term-card.placed').waitFor();
  // Its glossary entry is far beyond the first step of the list, and is drawn anyway.
  const href = await page.locator('.term-card a.card-link').getAttribute('href');
  const id = href.match(/\/glossary\/([^/]+)\//)[1];
  await page.locator('.term-card a.card-link').click();
  await page.locator(`#term-${id}.selected`).waitFor({ timeout: 20000 });
  assert.ok((await page.locator('li.entry').count()) <= 101);
  assert.deepEqual(page.errors, []);
});
