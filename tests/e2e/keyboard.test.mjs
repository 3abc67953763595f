// Keyboard only, start to finish: every feature reached and used with Tab, arrows, Enter, Space and Escape,
// with visible focus at each stop and focus never dropped to <body> when something closes. Also checks touch
// target sizes (WCAG 2.5.8: at least 24×24 px unless inline in text).
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

const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    return {
      tag: e.tagName.toLowerCase(),
      id: e.id,
      text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60),
      // An outline, or for a map node the thick focus ring drawn on its shape.
      outline:
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
        (e.matches('g.node') && parseFloat(getComputedStyle(e.querySelector('circle, rect, polygon')).strokeWidth) >= 3),
      cls: e.className?.baseVal ?? e.className,
    };
  });

// Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. Every stop
// on the way must show a focus outline.
async function tabTo(page, selector, { back = false, max = 120 } = {}) {
  const path = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    path.push(`${f.tag}#${f.id}.${f.cls}`);
    assert.notEqual(f.tag, 'body', `focus fell to <body> on the way to ${selector}, after ${path.slice(-4).join(' → ')}`);
    assert.ok(f.outline, `visible focus on ${f.tag}#${f.id} "${f.text}" (on the way to ${selector})`);
    if (await page.evaluate((s) => document.activeElement.matches(s), selector)) return f;
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('keyboard-only walkthrough of every feature', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);

  // Skip link, then settings: language, theme and text size by arrow keys in their selects.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Skip to content');
  await tabTo(page, '#text-size');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('html').getAttribute('data-text-size'), 'large');
  await page.keyboard.press('ArrowUp');
  await tabTo(page, '.skip-link', { back: true });
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'main');

  // Reader: a term opens with Enter, Tab enters the card, Escape closes and returns to the term.
  await tabTo(page, 'button.term');
  const term = (await focused(page)).id;
  await page.keyboard.press('Enter');
  await page.locator('.term-card.placed').waitFor();
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.closest('.term-card') !== null), 'focus inside the card');
  await page.keyboard.press('Escape');
  await page.locator('.term-card').waitFor({ state: 'detached' });
  assert.equal((await focused(page)).id, term, 'focus back on the term');

  // Share dialog: opens with Enter, Escape closes it and focus returns to its button.
  await tabTo(page, '.share-open', { back: true });
  await page.keyboard.press('Enter');
  await page.locator('dialog[open]').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
  assert.match((await focused(page)).cls, /share-open/);

  // Glossary: the tab by Enter, type a search, filter with a chip, open an entry's occurrences, follow one.
  await tabTo(page, '.view-tabs a[href*="/glossary/"]');
  await page.keyboard.press('Enter');
  await page.locator('#glossary-search').waitFor();
  await tabTo(page, '#glossary-search');
  await page.keyboard.type('wassenaar');
  await page.locator('#term-wassenaar-arrangement mark').first().waitFor();
  await tabTo(page, '.chip[data-paper="GS2"]');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.chip[data-paper="GS2"]').getAttribute('aria-pressed'), 'true');
  await tabTo(page, '#term-wassenaar-arrangement details summary');
  await page.keyboard.press('Enter');
  await tabTo(page, '#term-wassenaar-arrangement .occ-link');
  await page.keyboard.press('Enter');
  await page.locator('button.term.flash').waitFor();
  assert.match((await focused(page)).cls, /term/, 'the occurrence is focused in the reader');

  // Timeline: one tab stop, arrows, End, Enter opens the event; its quote link leads to the sentence.
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  await tabTo(page, 'li.event');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  const last = (await focused(page)).id;
  assert.equal(last, await page.locator('li.event:not([hidden])').last().getAttribute('id'));
  await page.keyboard.press('Enter');
  await page.locator('#event-detail-title').waitFor();
  await tabTo(page, '.event-detail .quote-link');
  await page.keyboard.press('Enter');
  await page.locator('.sentence.flash').waitFor();

  // Map: Tab to the graph, arrows move between neighbours, Enter opens the panel, Escape closes it and focus
  // returns to the node.
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await tabTo(page, 'g.node');
  const start = (await focused(page)).id;
  await page.keyboard.press('ArrowRight');
  const moved = (await focused(page)).id;
  assert.notEqual(moved, start, 'an arrow key moves to a neighbour');
  await page.keyboard.press('Enter');
  await page.locator('.map-panel').waitFor();
  await tabTo(page, '.panel-close');
  await page.keyboard.press('Enter');
  await page.locator('.map-panel').waitFor({ state: 'detached' });
  assert.equal((await focused(page)).id, moved, 'focus back on the node');

  // Study: Space reveals, 3 grades, then the quiz by keyboard: arrows pick an option, Enter checks.
  await page.goto(server.url(`/${SLUG}/study/`));
  await articleReady(page);
  const before = await page.locator('#card-front').textContent();
  await page.keyboard.press('Space');
  await page.locator('#card-answer').waitFor();
  await page.keyboard.press('3');
  await page.waitForFunction((b) => document.querySelector('#card-front')?.textContent !== b, before);
  // Grading moved focus to the next card's "Show answer"; the mode switch is above it.
  await page.waitForFunction(() => document.activeElement?.id === 'reveal-answer');
  await tabTo(page, '.segmented button:nth-child(2)', { back: true });
  await page.keyboard.press('Enter');
  await tabTo(page, 'form.quiz-setup button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.locator('.question').waitFor();
  assert.equal((await focused(page)).id, 'quiz-heading', 'focus stays in the quiz when the form goes');
  await tabTo(page, 'input[name="quiz-answer"]');
  await page.keyboard.press('ArrowDown');
  await tabTo(page, '.question .button');
  await page.keyboard.press('Enter');
  await page.locator('.feedback').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'quiz-next');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).id, 'quiz-heading', 'the next question starts at the quiz heading');

  // Revision sheet: reached from the tabs; its print button is a real button.
  await tabTo(page, '.view-tabs a[href*="/sheet/"]', { back: true });
  await page.keyboard.press('Enter');
  await page.locator('.sheet-term').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('touch targets are at least 24×24 px in every view, on a phone', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  for (const path of ['', 'article/', 'glossary/', 'timeline/', 'map/', 'study/', 'sheet/']) {
    await page.goto(server.url(`/${SLUG}/${path}`));
    await articleReady(page);
    const small = await page.evaluate(() => {
      // Measure what disclosures hide, too.
      for (const d of document.querySelectorAll('details')) d.open = true;
      const out = [];
      for (const e of document.querySelectorAll('a, button, input, select, summary, textarea, [role="button"], [tabindex="0"]')) {
        const r = e.getBoundingClientRect();
        if (!r.width || !r.height || e.closest('.visually-hidden, [hidden], dialog:not([open])')) continue;
        // Inline targets in running text are exempt (WCAG 2.5.8 "inline").
        if (getComputedStyle(e).display === 'inline' && e.closest('p, li, dd, td, blockquote')) continue;
        // Graph nodes shrink with the map to fit a phone; the "List" view is the equivalent control (2.5.8
        // "equivalent" exception) and pinch-zoom enlarges them. The test below checks the list.
        if (e.matches('g.node')) continue;
        if (r.width < 24 || r.height < 24) out.push(`${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className} "${(e.textContent || '').trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
      }
      return out;
    });
    assert.deepEqual(small, [], `/${path}`);
  }
});

test('on a phone the map has a list equivalent with every actor, reachable by a large enough button', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  const nodes = await page.locator('g.node').count();
  const list = page.getByRole('button', { name: 'List', exact: true });
  const box = await list.boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `List button ${box.width}×${box.height}`);
  await list.tap();
  await page.locator('.entity-list').waitFor();
  assert.equal(await page.locator('.entity-item').count(), nodes);
  assert.deepEqual(page.errors, []);
});
