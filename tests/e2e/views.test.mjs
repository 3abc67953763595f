// Across views: one selection highlights the same term, actor and events in the reader, glossary, map and
// timeline (what counts as related is explainer_core::selection::highlighted, recomputed here from the content);
// with reduced motion no view moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, articleReady, SLUG } from './harness.mjs';

let server, browser, article;
before(async () => {
  server = await serveDist();
  browser = await launch();
  article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** What a selection should highlight, as in crates/core/src/selection.rs. */
function expected(kind, id) {
  if (kind === 'term') {
    return {
      terms: [id],
      entities: article.entities.filter((e) => e.term === id).map((e) => e.id),
      events: article.timeline.filter((e) => e.terms.includes(id)).map((e) => e.id),
    };
  }
  if (kind === 'entity') {
    const e = article.entities.find((x) => x.id === id);
    return {
      terms: e.term ? [e.term] : [],
      entities: [id],
      events: article.timeline.filter((ev) => ev.entities.includes(id)).map((ev) => ev.id),
    };
  }
  const ev = article.timeline.find((x) => x.id === id);
  return { terms: [...ev.terms], entities: [...ev.entities], events: [id] };
}

const ids = (page, selector, prefix) =>
  page.$$eval(selector, (els, prefix) => els.map((e) => e.id.slice(prefix.length)).sort(), prefix);
const sorted = (a) => [...new Set(a)].sort();

/** Goes to another view with the tab strip, as a reader would; the selection travels in the URL. */
async function tab(page, name, kind, id) {
  await page.locator('.view-tabs a', { hasText: new RegExp(`^${name}$`) }).click();
  await page.waitForURL((u) => u.searchParams.get('sel') === `${kind}:${id}` && u.pathname.endsWith(`/${name.toLowerCase()}/`));
}

async function checkMap(page, want) {
  const first = want.entities[0];
  if (first) await page.locator(`#node-${first}.selected`).waitFor();
  else await page.locator('g.node').first().waitFor();
  assert.deepEqual(await ids(page, 'g.node.selected', 'node-'), sorted(want.entities), 'actors highlighted on the map');
  // An edge is highlighted when both its ends are.
  const sel = new Set(want.entities);
  const edges = article.relations.filter((r) => sel.has(r.from) && sel.has(r.to)).length;
  assert.equal(await page.locator('g.edge.selected').count(), edges, 'relations between highlighted actors');
}

async function checkTimeline(page, want) {
  if (want.events.length) await page.locator(`#ev-${want.events[0]}.selected`).waitFor();
  else await page.locator('li.event').first().waitFor();
  assert.deepEqual(await ids(page, 'li.event.selected', 'ev-'), sorted(want.events), 'events highlighted on the timeline');
}

async function checkGlossary(page, want) {
  if (want.terms.length) await page.locator(`#term-${want.terms[0]}.selected`).waitFor();
  else await page.locator('li.entry').first().waitFor();
  assert.deepEqual(await ids(page, 'li.entry.selected', 'term-'), sorted(want.terms), 'terms highlighted in the glossary');
}

test('a term opened in the reader is highlighted everywhere: its actor on the map, its events on the timeline', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  const term = 'leonardo';
  const want = expected('term', term);
  assert.ok(want.entities.length === 1 && want.events.length >= 3, 'the term has an actor and events');
  const occ = article.glossary.find((g) => g.id === term).occurrences.filter((o) => o.id.doc === 'full');
  await page.goto(server.url(`/${SLUG}/article/`));
  await articleReady(page);
  const button = page.locator(`#occ-full-${occ[0].id.index}`);
  await button.scrollIntoViewIfNeeded();
  await button.click();
  await page.locator('.term-card.placed').waitFor();
  await page.waitForURL((u) => u.searchParams.get('sel') === `term:${term}`);
  // Every mention of the term in the text is highlighted, and nothing else.
  await page.locator('button.term.selected').first().waitFor();
  assert.deepEqual(await ids(page, 'button.term.selected', ''), sorted(occ.map((o) => `occ-full-${o.id.index}`)));
  await page.keyboard.press('Escape');
  await tab(page, 'Map', 'term', term);
  await checkMap(page, want);
  await tab(page, 'Timeline', 'term', term);
  await checkTimeline(page, want);
  await tab(page, 'Glossary', 'term', term);
  await checkGlossary(page, want);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a glossary entry selects its term: the map highlights its actor, the timeline its events', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  const term = 'pakistan';
  const want = expected('term', term);
  assert.ok(want.entities.length === 1 && want.events.length >= 2);
  await page.goto(server.url(`/${SLUG}/glossary/`));
  await articleReady(page);
  await page.getByLabel('Search terms').fill('Pakistan');
  await page.locator(`#term-${term} h3 a`).click();
  await page.waitForURL(server.url(`/${SLUG}/glossary/${term}/`));
  await checkGlossary(page, want);
  await page.locator('.view-tabs a', { hasText: /^Map$/ }).click();
  await page.waitForURL(server.url(`/${SLUG}/map/?sel=term:${term}`));
  await checkMap(page, want);
  await tab(page, 'Timeline', 'term', term);
  await checkTimeline(page, want);
  // The selection survives a reload of the timeline.
  await page.reload();
  await checkTimeline(page, want);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an actor selected on the map highlights its term in the glossary and its events; an event highlights its actors', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  const entity = 'atmanirbhar-bharat';
  const want = expected('entity', entity);
  assert.ok(want.terms.length === 1 && want.events.length >= 2);
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.locator(`#node-${entity}`).click();
  await page.waitForURL((u) => u.searchParams.get('sel') === `entity:${entity}`);
  await checkMap(page, want);
  await tab(page, 'Glossary', 'entity', entity);
  await checkGlossary(page, want);
  await tab(page, 'Timeline', 'entity', entity);
  await checkTimeline(page, want);
  // Selecting an event on the timeline: the map highlights the actors it involves and the relations among them.
  const event = 'defence-talks';
  const wantEv = expected('event', event);
  await page.locator(`#ev-${event}`).click();
  await page.waitForURL((u) => u.searchParams.get('sel') === `event:${event}`);
  await checkTimeline(page, wantEv);
  await tab(page, 'Map', 'event', event);
  assert.ok(wantEv.entities.length >= 3);
  await checkMap(page, wantEv);
  await tab(page, 'Glossary', 'event', event);
  await checkGlossary(page, wantEv);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// ---- Reduced motion ----

/** Every element that animates or transitions right now (by computed style), and the document's animations. */
const motion = (page) =>
  page.evaluate(() => {
    const some = (v) => v.split(',').some((d) => parseFloat(d) > 0);
    const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
      [...el.classList].map((c) => `.${c}`).join('');
    const moving = [...document.querySelectorAll('*')]
      .filter((el) => {
        const s = getComputedStyle(el);
        return (s.animationName !== 'none' && some(s.animationDuration)) || some(s.transitionDuration);
      })
      .map(name);
    return {
      moving,
      animations: document.getAnimations().map((a) => (a.effect?.target ? name(a.effect.target) : String(a))),
      scroll: getComputedStyle(document.documentElement).scrollBehavior,
    };
  });

/** Opens the moving parts of each view: the map's panel after a zoom, a flashed term and its card, an event. */
async function tour(page, check) {
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.locator('#node-italy').click();
  await page.locator('.map-panel').waitFor();
  await check('map', { transform: await page.locator('#map-svg > g').evaluate((g) => getComputedStyle(g).transitionDuration) });
  const occ = article.glossary.find((g) => g.id === 'italy').occurrences.find((o) => o.id.doc === 'full');
  const anchor = `occ-full-${occ.id.index}`;
  await page.goto(server.url(`/${SLUG}/article/#${anchor}`));
  await articleReady(page);
  await page.locator(`#${anchor}.flash`).waitFor();
  await check('reader', {});
  // Opening the card selects the term, which ends the flash.
  await page.locator(`#${anchor}`).click();
  await page.locator('.term-card.placed').waitFor();
  await check('card', {});
  await page.goto(server.url(`/${SLUG}/timeline/`));
  await articleReady(page);
  await page.locator('#ev-mcp-agreed').click();
  await page.locator('#event-detail-title').waitFor();
  await check('timeline', {});
}

test('with reduced motion the map, reader and timeline neither animate nor transition', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await tour(page, async (view, extra) => {
    const m = await motion(page);
    assert.deepEqual(m.moving, [], `${view}: elements with a transition or animation`);
    assert.deepEqual(m.animations, [], `${view}: running animations`);
    assert.equal(m.scroll, 'auto', `${view}: no smooth scrolling`);
    if (extra.transform !== undefined) assert.equal(extra.transform, '0s', 'the map viewport does not glide');
  });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without that preference the same tour does animate (so the check above can fail)', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, reducedMotion: 'no-preference' });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const seen = {};
  await tour(page, async (view) => {
    seen[view] = await motion(page);
  });
  assert.ok(seen.map.moving.some((n) => n.startsWith('aside.map-panel')), `map: ${seen.map.moving}`);
  assert.ok(seen.reader.moving.some((n) => n.startsWith('button') && n.includes('.flash')), `reader: ${seen.reader.moving}`);
  assert.equal(seen.timeline.scroll, 'smooth');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
