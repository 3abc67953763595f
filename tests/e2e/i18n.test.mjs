// Hindi beside English: the switch, what it changes (every UI string, lang attributes, translated content with
// English fallback) and what it must not (URLs, the article body), remembered across reloads; axe in Hindi.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, articleReady, axeScan, SLUG, appLive, firstPaintProbe, firstPaint, langMirrored } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function hindiPage(options = {}) {
  const page = await newPage(browser, options);
  await page.addInitScript(() => localStorage.setItem('explainer:lang', 'hi'));
  return page;
}

// English words outside the parts marked lang="en": any is an untranslated interface string. Acronyms (GS, NATO),
// numbers and key names are allowed; so is the search example, which shows that Latin names also work, and
// English glosses in parentheses within translated content.
const ALLOWED = new Set(['JavaScript', 'Ctrl', 'Space', 'Tab', 'Enter', 'Escape', 'Home', 'End', 'Wassenaar']);
async function untranslated(page) {
  return page.evaluate((allowed) => {
    const found = new Set();
    const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[lang]')?.getAttribute('lang') !== 'hi' || !el.getClientRects().length) continue;
      if (el.closest('.visually-hidden') === null && getComputedStyle(el).visibility === 'hidden') continue;
      // Translations may gloss a term in parentheses: "डिमार्श (Demarche)".
      for (const w of n.textContent.replace(/\([^)]*\)/g, '').match(/[A-Za-z]{3,}/g) || []) if (/[a-z]/.test(w) && !allowed.includes(w)) found.add(w);
    }
    for (const el of document.querySelectorAll('main [aria-label], main [placeholder], main [title]')) {
      if (el.closest('[lang]')?.getAttribute('lang') !== 'hi') continue;
      for (const a of ['aria-label', 'placeholder', 'title']) {
        for (const w of el.getAttribute(a)?.match(/[A-Za-z]{3,}/g) || []) if (/[a-z]/.test(w) && !allowed.includes(w)) found.add(`${a}:${w}`);
      }
    }
    return [...found];
  }, [...ALLOWED]);
}

test('the language switch: Hindi everywhere but the article body, same URL, remembered, and back to English', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/nato/`));
  await page.locator('#term-nato.selected').waitFor();
  // The prerendered select is there before the app: a change made before it is live would be lost.
  await appLive(page);
  const url = page.url();
  await page.getByLabel('Language').selectOption('hi');
  await page.getByRole('link', { name: 'शब्दावली', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'hi');
  assert.equal(page.url(), url, 'deep links are the same in both languages');
  assert.equal(await page.locator('#term-nato h3').getAttribute('lang'), 'hi');
  assert.match(await page.locator('#term-nato h3').textContent(), /नाटो/);
  assert.equal(await page.locator('#term-nato .entry-english').textContent(), 'NATO');
  assert.equal(await page.locator('#term-nato .entry-def').getAttribute('lang'), 'hi');
  assert.match(await page.title(), /नाटो.*शब्दावली/);

  await page.reload();
  // The prerendered page is Hindi when the service worker already controls the page, English before: then the
  // live app switches to the remembered language.
  await appLive(page);
  await page.locator('#term-nato.selected').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'hi', 'remembered');
  assert.equal(await page.getByLabel('भाषा', { exact: true }).inputValue(), 'hi');

  // The reader: the texts stay English (lang="en"), the definition card is Hindi.
  await page.getByRole('link', { name: 'सार', exact: true }).click();
  await page.locator('article.doc[lang="en"]').waitFor();
  await page.locator('button.term').first().click();
  const card = page.locator('.term-card.placed');
  await card.waitFor();
  assert.equal(await card.getAttribute('lang'), 'hi');
  assert.equal(await card.locator('.card-def').getAttribute('lang'), 'hi');
  assert.equal(await card.getByRole('link').textContent(), 'शब्दावली में खोलें');

  await page.getByLabel('भाषा', { exact: true }).selectOption('en');
  await page.getByRole('link', { name: 'Glossary', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(page.errors, []);
});

// A reader who chose Hindi got the English prerender, rebuilt in Hindi once the app was live: on a slow phone,
// seconds of English, then the page replaced under their eyes. The service worker now serves each route's Hindi
// page to them, and the app hydrates it.
test('a reader who chose Hindi gets Hindi from the first paint, and the app hydrates it instead of rebuilding', async () => {
  const page = await newPage(browser);
  await firstPaintProbe(page);
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = await firstPaint(page);
  assert.equal(before.prerenderedIn, 'en');
  assert.ok(before.tabs.includes('Glossary'), `tabs ${before.tabs}`);
  assert.equal(before.hydrated, true);

  await page.getByLabel('Language').selectOption('hi');
  await page.getByRole('link', { name: 'शब्दावली', exact: true }).waitFor();
  // The worker learns the choice from the page (it cannot read localStorage).
  await langMirrored(page, 'hi');
  for (const path of [`/${SLUG}/glossary/`, `/${SLUG}/`, `/${SLUG}/glossary/nato/`, `/${SLUG}/map/`]) {
    await page.goto(server.url(path));
    await appLive(page);
    const seen = await firstPaint(page);
    assert.equal(seen.prerenderedIn, 'hi', `${path}: the Hindi page`);
    assert.equal(seen.lang, 'hi', path);
    assert.ok(seen.tabs.includes('शब्दावली') && seen.tabs.includes('सार'), `${path}: tabs ${seen.tabs}`);
    assert.ok(!seen.tabs.includes('Glossary'), `${path}: tabs ${seen.tabs}`);
    assert.match(seen.title, /[\u0900-\u097f]/, `${path}: title ${seen.title}`);
    assert.equal(seen.title, await page.title(), `${path}: the app keeps the prerendered title`);
    assert.equal(seen.hydrated, true, `${path}: the app hydrated the Hindi page instead of building another`);
  }
  // The worker asks for a Hindi page only where there is one: not for the library, which is not prerendered.
  const asked = [];
  page.context().on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await appLive(page);
  assert.ok(asked.includes(`/${SLUG}/timeline/index.hi.html`), `asked: ${asked}`);
  await page.goto(server.url('/'));
  await page.getByRole('link', { name: /India asks Italy|भारत/ }).first().waitFor();
  assert.ok(!asked.includes('/index.hi.html'), `asked: ${asked}`);
  await page.goto(server.url(`/${SLUG}/`));
  await appLive(page);
  // Live, in Hindi: a term's card opens, in Hindi.
  await page.getByRole('link', { name: 'सार', exact: true }).click();
  await page.locator('button.term').first().click();
  const card = page.locator('.term-card.placed');
  await card.waitFor();
  assert.equal(await card.getAttribute('lang'), 'hi');

  // Back to English: the next page is English again, from the first paint.
  await page.getByLabel('भाषा', { exact: true }).selectOption('en');
  await page.getByRole('link', { name: 'Glossary', exact: true }).waitFor();
  await langMirrored(page, 'en');
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await appLive(page);
  const english = await firstPaint(page);
  assert.equal(english.prerenderedIn, 'en');
  assert.ok(english.tabs.includes('Glossary'), `tabs ${english.tabs}`);
  assert.equal(english.hydrated, true);
  assert.deepEqual(page.errors, []);
});

test('in Hindi no interface string is left in English, in any view or open state', async () => {
  const page = await hindiPage();
  const views = [
    ['', async () => { await page.locator('button.term').first().click(); await page.locator('.term-card.placed').waitFor(); }],
    ['glossary/', async () => { await page.locator('li.entry details summary').first().click(); }],
    ['timeline/', async () => { await page.locator('li.event').nth(2).click(); await page.locator('#event-detail-title').waitFor(); }],
    ['map/', async () => { await page.locator('#node-italy').click(); await page.locator('.map-panel').waitFor(); }],
    ['study/', async () => { await page.getByRole('button', { name: 'उत्तर दिखाएँ' }).click(); await page.locator('#card-answer').waitFor(); }],
    ['sheet/', async () => {}],
  ];
  for (const [path, open] of views) {
    await page.goto(server.url(`/${SLUG}/${path}`));
    await articleReady(page);
    assert.deepEqual(await untranslated(page), [], `/${path}`);
    await open();
    assert.deepEqual(await untranslated(page), [], `/${path} with its detail open`);
  }
  // The quiz and the share dialog.
  await page.goto(server.url(`/${SLUG}/study/`));
  await page.getByRole('button', { name: 'प्रश्नोत्तरी', exact: true }).click();
  await page.getByRole('button', { name: 'प्रश्नोत्तरी शुरू करें' }).click();
  await page.locator('input[name="quiz-answer"]').first().check();
  await page.getByRole('button', { name: 'उत्तर जाँचें' }).click();
  await page.locator('.feedback').waitFor();
  assert.deepEqual(await untranslated(page), [], 'quiz');
  await page.getByRole('button', { name: 'साझा करें / एम्बेड करें' }).click();
  await page.locator('dialog[open]').waitFor();
  assert.deepEqual(await untranslated(page), [], 'share dialog');
  assert.deepEqual(page.errors, []);
});

test('Hindi glossary search finds Devanagari and English names; every term has a Hindi name and definition', async () => {
  const page = await hindiPage();
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  const total = await page.locator('li.entry').count();
  assert.equal(await page.locator('li.entry .entry-def[lang="hi"]').count(), total, 'every definition translated');
  await page.getByLabel('शब्द खोजें').fill('वासेनार');
  await page.locator('li.entry').first().locator('mark').waitFor();
  assert.equal(await page.locator('li.entry').first().getAttribute('id'), 'term-wassenaar-arrangement');
  await page.getByLabel('शब्द खोजें').fill('Wassenaar');
  await page.locator('li.entry .entry-english mark').first().waitFor();
  assert.equal(await page.locator('li.entry').first().getAttribute('id'), 'term-wassenaar-arrangement');
  assert.match(await page.locator('#glossary-count').textContent(), /में से \d+ शब्द/);
  assert.deepEqual(page.errors, []);
});

test('an embed can ask for Hindi (?lang=hi) without changing the reader’s own choice', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/glossary/nato/?embed=1&lang=hi`));
  await page.locator('.embed-bar').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'hi');
  assert.equal(await page.locator('.open-full').textContent(), 'पूरी व्याख्या खोलें');
  assert.equal(await page.evaluate(() => localStorage.getItem('explainer:lang')), null);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.deepEqual(page.errors, []);
});

async function scan(page, label) {
  // From the top: content scrolled under the sticky view tabs reads as "obscured" to axe's target-size rule,
  // though the reader can scroll it back (focus is kept clear by scroll-padding; keyboard.test.mjs checks it).
  await page.evaluate(() => window.scrollTo(0, 0));
  await axeScan(page, label, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
}

for (const [name, options] of [
  ['light, desktop', { viewport: { width: 1280, height: 800 } }],
  ['dark, phone', { viewport: { width: 360, height: 640 }, colorScheme: 'dark' }],
]) {
  test(`axe in Hindi: every view and open state (${name})`, async () => {
    const page = await hindiPage(options);
    for (const [path, open] of [
      ['', async () => { await page.locator('button.term').first().click(); await page.locator('.term-card.placed').waitFor(); }],
      ['glossary/', async () => { await page.getByLabel('शब्द खोजें').fill('रक्षा'); await page.locator('li.entry mark').first().waitFor(); }],
      ['timeline/', async () => { await page.locator('li.event').nth(3).click(); await page.locator('#event-detail-title').waitFor(); }],
      ['map/', async () => { await page.locator('#node-india').click(); await page.locator('.map-panel').waitFor(); }],
      ['study/', async () => { await page.getByRole('button', { name: 'उत्तर दिखाएँ' }).click(); await page.locator('#card-answer').waitFor(); }],
      ['sheet/', async () => {}],
    ]) {
      await page.goto(server.url(`/${SLUG}/${path}`));
      await articleReady(page);
      await scan(page, `hi /${path}`);
      await open();
      await scan(page, `hi /${path} open`);
    }
    for (const path of [`/${SLUG}/glossary/nato/?embed=1`, `/${SLUG}/map/?sel=entity:leonardo&embed=1`, `/${SLUG}/timeline/?embed=1`]) {
      await page.goto(server.url(path));
      await page.locator('.embed-bar').waitFor();
      await page.locator('main h2, main h3').first().waitFor();
      await scan(page, `hi embed ${path}`);
    }
  });
}
