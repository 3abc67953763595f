// Map: click, keyboard travel along edges, panel, filters, list view, pan/zoom, selection across views.
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

test('clicking a node opens its panel with quoted relations; the selection survives reload', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  assert.ok((await page.locator('g.node').count()) >= 15);
  await page.locator('#node-leonardo').click();
  await page.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
  await page.waitForURL(/\?sel=entity:leonardo$/);
  assert.ok((await page.locator('.map-panel .evidence').count()) >= 2, 'relations with their quotes');
  await page.reload();
  await page.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
  // The selection follows to the reader: Leonardo is highlighted there.
  await page.getByRole('link', { name: 'Full article', exact: true }).click();
  await page.waitForURL(new RegExp(`/${SLUG}/article/\\?sel=entity:leonardo$`));
  await page.locator('button.term.selected', { hasText: 'Leonardo' }).first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('keyboard: Tab into the map, arrows follow edges, Enter opens, Escape closes and returns focus', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  let onNode = false;
  for (let i = 0; i < 60 && !onNode; i++) {
    await page.keyboard.press('Tab');
    onNode = await page.evaluate(() => document.activeElement?.classList.contains('node'));
  }
  assert.ok(onNode, 'a node is reachable by Tab');
  assert.equal(await page.locator('g.node[tabindex="0"]').count(), 1, 'the map is one tab stop');
  const start = await page.evaluate(() => document.activeElement.id);
  const visited = new Set([start]);
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight']) {
    await page.keyboard.press(key);
    visited.add(await page.evaluate(() => document.activeElement.id));
  }
  assert.ok(visited.size >= 3, `arrow keys moved between nodes: ${[...visited]}`);
  const here = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.press('Enter');
  await page.locator('.map-panel').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.map-panel').waitFor({ state: 'detached' });
  await page.waitForFunction((id) => document.activeElement?.id === id, here);
  assert.deepEqual(page.errors, []);
});

test('edges open their relation; filters hide kinds; the list view shows the same graph', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.locator('g.edge[data-kind="asks-not-to-transfer-to"] .edge-hit').first().click({ force: true });
  await page.locator('#map-panel-title', { hasText: '→' }).waitFor();
  assert.match(await page.locator('.map-panel').textContent(), /India asked Italy to refrain/);
  await page.getByRole('button', { name: 'Person', exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('g.node[data-kind="person"]')].every((n) => getComputedStyle(n).display === 'none'));
  await page.getByRole('button', { name: 'List' }).click();
  const items = page.locator('.entity-list > li');
  await items.first().waitFor();
  assert.equal(await items.count(), await page.locator('g.node').count());
  assert.deepEqual(page.errors, []);
});

test('wheel zooms, drag pans, reset restores', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  const g = page.locator('#map-svg > g');
  const initial = await g.getAttribute('transform');
  const box = await page.locator('#map-svg').boundingBox();
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((t) => document.querySelector('#map-svg > g').getAttribute('transform') !== t, initial);
  assert.match(await g.getAttribute('transform'), /scale\((?!1\.0000)/);
  const zoomed = await g.getAttribute('transform');
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + 90, { steps: 4 });
  await page.mouse.up();
  assert.notEqual(await g.getAttribute('transform'), zoomed, 'dragging the background pans');
  await page.getByRole('button', { name: 'Reset view' }).click();
  assert.equal(await g.getAttribute('transform'), initial);
  assert.deepEqual(page.errors, []);
});

test('on a phone a tapped node opens a bottom sheet inside the screen', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.locator('#node-italy').tap();
  const sheet = page.locator('.map-panel');
  await sheet.waitFor();
  // Measure after its entrance animation has finished.
  await sheet.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  const b = await sheet.boundingBox();
  assert.ok(b.x >= 0 && b.x + b.width <= 360 && b.y + b.height <= 640 + 1, JSON.stringify(b));
  assert.deepEqual(page.errors, []);
});

// ---- Filters by relation family, wheel and pinch without moving the page, the panel's links ----

/** The map's pan/zoom as numbers, from the transform of the graph's viewport group. */
async function viewTransform(page) {
  const t = await page.locator('#map-svg > g').getAttribute('transform');
  const m = t.match(/translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.]+)\)/);
  assert.ok(m, `transform: ${t}`);
  return { tx: Number(m[1]), ty: Number(m[2]), scale: Number(m[3]) };
}

const waitScale = (page, pred) =>
  page.waitForFunction(
    (src) => {
      const t = document.querySelector('#map-svg > g')?.getAttribute('transform') || '';
      const s = Number((t.match(/scale\(([-\d.]+)\)/) || [])[1]);
      return new Function('s', `return ${src}`)(s);
    },
    pred,
  );

/** Brings the whole map into the viewport with no smooth scrolling, leaving room to scroll both ways. */
async function centreMap(page) {
  await page.locator('#map-svg').evaluate((e) => e.scrollIntoView({ block: 'center', behavior: 'instant' }));
  return page.locator('#map-svg').boundingBox();
}

/** A point of the map's background (not a node, edge or label) with background `gap` px to either side, at
 * least `margin` px inside the map. */
async function backgroundPoint(page, gap, margin = gap) {
  const box = await page.locator('#map-svg').boundingBox();
  const p = await page.evaluate(({ b, gap, margin }) => {
    const bg = (x, y) => document.elementFromPoint(x, y)?.id === 'map-svg';
    for (let y = b.y + 30; y < b.y + b.height - 30; y += 4) {
      for (let x = b.x + margin + 10; x < b.x + b.width - margin - 10; x += 4) {
        if (bg(x, y) && bg(x - gap, y) && bg(x + gap, y)) return { x, y };
      }
    }
    return null;
  }, { b: box, gap, margin });
  assert.ok(p, 'the map has some empty background to start a gesture on');
  return p;
}

const frames = (page, n = 2) =>
  page.evaluate((n) => new Promise((r) => {
    const step = (k) => (k === 0 ? r() : requestAnimationFrame(() => step(k - 1)));
    step(n);
  }), n);

test('the legend filters relation families: their edges hide and come back, the rest stay', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  const shownGroups = () =>
    page.$$eval('g.edge', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.dataset.group));
  const total = await page.locator('g.edge').count();
  const all = await shownGroups();
  assert.ok(total >= 20, `${total} edges`);
  assert.equal(all.length, total, 'every edge is shown at first');
  const groups = await page.$$eval('.map-filters .chip[data-group]', (els) => els.map((e) => e.dataset.group));
  assert.ok(groups.length >= 3, `relation families in the legend: ${groups}`);
  for (const g of groups) {
    const n = all.filter((x) => x === g).length;
    assert.ok(n > 0, `the legend lists only families the map has (${g})`);
    const chip = page.locator(`.map-filters .chip[data-group="${g}"]`);
    // The legend entry looks like its edges: same colour and dash pattern.
    const [swatch, line] = await Promise.all([
      chip.locator('line').evaluate((e) => [getComputedStyle(e).stroke, getComputedStyle(e).strokeDasharray]),
      page.locator(`g.edge[data-group="${g}"] .edge-line`).first().evaluate((e) => [getComputedStyle(e).stroke, getComputedStyle(e).strokeDasharray]),
    ]);
    assert.deepEqual(swatch, line, `legend swatch of ${g} matches its edges`);
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    await chip.click();
    await page.waitForFunction(
      (g) => [...document.querySelectorAll(`g.edge[data-group="${g}"]`)].every((e) => getComputedStyle(e).display === 'none'),
      g,
    );
    const after = await shownGroups();
    assert.equal(after.length, total - n, `hiding ${g} hides exactly its ${n} edges`);
    assert.ok(!after.includes(g));
    assert.equal(await chip.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('g.node:visible').count(), await page.locator('g.node').count(), 'nodes stay');
    await chip.click();
    await page.waitForFunction((n) => [...document.querySelectorAll('g.edge')].filter((e) => getComputedStyle(e).display !== 'none').length === n, total);
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
  }
  // Hiding a kind of actor hides the edges that touch it.
  const article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
  const kind = new Map(article.entities.map((e) => [e.id, e.kind]));
  const touching = article.relations.filter((r) => kind.get(r.from) === 'company' || kind.get(r.to) === 'company').length;
  assert.ok(touching > 0);
  await page.locator('.map-filters .chip[data-kind="company"]').click();
  await page.waitForFunction((n) => [...document.querySelectorAll('g.edge')].filter((e) => getComputedStyle(e).display !== 'none').length === n, total - touching);
  await page.locator('.map-filters .chip[data-kind="company"]').click();
  await page.waitForFunction((n) => [...document.querySelectorAll('g.edge')].filter((e) => getComputedStyle(e).display !== 'none').length === n, total);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the wheel over the map zooms the graph and does not scroll the page (elsewhere it does)', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  const box = await centreMap(page);
  const y0 = await page.evaluate(() => scrollY);
  assert.ok(y0 > 0, 'the page could scroll up from here');
  const before = await viewTransform(page);
  await page.evaluate(() => {
    window.__wheels = [];
    addEventListener('wheel', (e) => window.__wheels.push(e.defaultPrevented));
  });
  const p = await backgroundPoint(page, 0);
  await page.mouse.move(p.x, p.y);
  await page.mouse.wheel(0, -300);
  await waitScale(page, `s > ${before.scale}`);
  await frames(page, 3);
  const after = await viewTransform(page);
  assert.ok(after.scale > before.scale, `zoomed in: ${before.scale} → ${after.scale}`);
  assert.equal(await page.evaluate(() => scrollY), y0, 'the page did not scroll');
  assert.deepEqual(await page.evaluate(() => window.__wheels), [true], 'the map took the wheel event');
  // Zooming out goes the other way.
  await page.mouse.wheel(0, 200);
  await waitScale(page, `s < ${after.scale}`);
  assert.equal(await page.evaluate(() => scrollY), y0);
  // Control: the same wheel beside the map scrolls the page.
  await page.mouse.move(box.x / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((y0) => scrollY < y0, y0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Dispatches a two-finger touch pinch as PointerEvents on the map's svg: fingers `from` px apart move to `to`. */
function syntheticPinch(page, { x, y }, from, to, steps = 8) {
  return page.evaluate(({ x, y, from, to, steps }) => {
    const svg = document.getElementById('map-svg');
    const fire = (type, id, px) =>
      svg.dispatchEvent(new PointerEvent(type, {
        pointerId: id, pointerType: 'touch', isPrimary: id === 101, clientX: px, clientY: y,
        bubbles: true, cancelable: true, composed: true, buttons: type === 'pointerup' ? 0 : 1,
      }));
    fire('pointerdown', 101, x - from / 2);
    fire('pointerdown', 102, x + from / 2);
    for (let k = 1; k <= steps; k++) {
      const d = from + ((to - from) * k) / steps;
      fire('pointermove', 101, x - d / 2);
      fire('pointermove', 102, x + d / 2);
    }
    fire('pointerup', 101, x - to / 2);
    fire('pointerup', 102, x + to / 2);
  }, { x, y, from, to, steps });
}

/** A real two-finger touch gesture through the DevTools protocol (the browser decides what it zooms). */
async function touchPinch(page, { x, y }, from, to, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const points = (d) => [{ x: x - d / 2, y, id: 1 }, { x: x + d / 2, y, id: 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
  for (let k = 1; k <= steps; k++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(from + ((to - from) * k) / steps) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const pageZoom = (page) => page.evaluate(() => ({ scrollY, scale: visualViewport.scale, dpr: devicePixelRatio }));

test('a two-finger pinch (touch PointerEvents) zooms the map and not the page', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await centreMap(page);
  // What keeps the browser's own pinch-zoom off the map.
  assert.equal(await page.locator('#map-svg').evaluate((e) => getComputedStyle(e).touchAction), 'none');
  const p = await backgroundPoint(page, 20);
  const page0 = await pageZoom(page);
  assert.equal((await viewTransform(page)).scale, 1);
  // Fingers 40 px apart spread to 80 px: twice the size.
  await syntheticPinch(page, p, 40, 80);
  await waitScale(page, 's > 1');
  const { scale } = await viewTransform(page);
  assert.ok(Math.abs(scale - 2) < 0.02, `pinch from 40 to 80 px doubles the scale: ${scale}`);
  assert.deepEqual(await pageZoom(page), page0, 'page scroll and zoom unchanged');
  // Pinching in shrinks it again.
  await syntheticPinch(page, p, 80, 40);
  await waitScale(page, 's < 1.5');
  assert.ok(Math.abs((await viewTransform(page)).scale - 1) < 0.02);
  assert.deepEqual(await pageZoom(page), page0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a real touch pinch on the map zooms the map; the same pinch elsewhere zooms the page', async () => {
  const page = await newPage(browser, { viewport: { width: 390, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await centreMap(page);
  // Fingers 30 px apart spread to 150 px (a gesture big enough for the browser to zoom the page, see below).
  const p = await backgroundPoint(page, 15, 75);
  const page0 = await pageZoom(page);
  await touchPinch(page, p, 30, 150);
  await waitScale(page, 's > 1');
  await frames(page, 3);
  const { scale } = await viewTransform(page);
  assert.ok(Math.abs(scale - 5) < 0.1, `pinch from 30 to 150 px makes the graph 5 times bigger: ${scale}`);
  assert.deepEqual(await pageZoom(page), page0, 'the page neither zoomed nor scrolled');
  // Control: the same gesture on the text above the map zooms the page, so the check above could fail.
  await page.evaluate(() => scrollTo({ top: 0, behavior: 'instant' }));
  const h = await page.locator('#map-title').boundingBox();
  await touchPinch(page, { x: 195, y: h.y + h.height / 2 }, 30, 150);
  await page.waitForFunction(() => visualViewport.scale > 1.05);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the panel links to the actor\'s glossary entry and to its events on the timeline', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  const article = await (await fetch(server.url(`/content/${SLUG}.json`))).json();
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  await page.locator('#node-leonardo').click();
  const panel = page.locator('.map-panel');
  await page.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
  const entry = panel.getByRole('link', { name: 'Glossary entry' });
  assert.equal(await entry.getAttribute('href'), `/${SLUG}/glossary/leonardo/`);
  await entry.click();
  await page.waitForURL(server.url(`/${SLUG}/glossary/leonardo/`));
  const li = page.locator('#term-leonardo.selected');
  await li.waitFor();
  assert.equal(await li.locator('h3').textContent(), 'Leonardo');
  // Brought into view (scrolling may be smooth). Regression: the entries before it, off screen, counted at
  // their estimated height (content-visibility), so the scroll ended ~6,500 px past the entry; and this wait,
  // an unbounded loop in the page, hung the run instead of failing.
  await page.waitForFunction(() => {
    const r = document.getElementById('term-leonardo').getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  // Back to the map: the actor is still selected, its panel open; on to one of its events.
  await page.goBack();
  await page.locator('#map-panel-title', { hasText: 'Leonardo' }).waitFor();
  const expected = article.timeline.filter((e) => e.entities.includes('leonardo'));
  const links = panel.locator('.timeline-links a');
  assert.equal(await links.count(), expected.length, 'one link per event involving the actor');
  const target = expected.find((e) => e.id === 'aw101-cancelled') ?? expected[expected.length - 1];
  const link = panel.locator(`.timeline-links a[href="/${SLUG}/timeline/?sel=event:${target.id}"]`);
  assert.match(await link.textContent(), new RegExp(target.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await link.click();
  await page.waitForURL(server.url(`/${SLUG}/timeline/?sel=event:${target.id}`));
  await page.locator(`#ev-${target.id}[aria-selected="true"]`).waitFor();
  assert.equal(await page.locator('#event-detail-title').textContent(), target.title);
  assert.equal(await page.locator('li.event[aria-selected="true"]').count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Regression: the <svg> was looked up as an HtmlElement (always None), so zoom was about the view-box origin
// and a drag moved the graph at the wrong speed.
test('zoom keeps the point under the pointer (wheel, pinch) and a drag moves the graph with the pointer', async () => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(server.url(`/${SLUG}/map/`));
  await articleReady(page);
  const box = await centreMap(page);
  // The node farthest from the middle of the map, where zooming about the wrong point shows most.
  const id = await page.evaluate((b) => {
    let best = null;
    let far = -1;
    for (const n of document.querySelectorAll('g.node')) {
      const r = n.firstElementChild.getBoundingClientRect();
      const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
      const d = Math.hypot(x - (b.x + b.width / 2), y - (b.y + b.height / 2));
      if (x > b.x + 60 && x < b.x + b.width - 60 && y > b.y + 60 && y < b.y + b.height - 60 && d > far) [best, far] = [n.id, d];
    }
    return best;
  }, box);
  const centre = async () => {
    const r = await page.locator(`#${id} > :first-child`).boundingBox();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  };
  const near = (a, b, what) => assert.ok(Math.hypot(a.x - b.x, a.y - b.y) < 1.5, `${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  const c0 = await centre();
  await page.mouse.move(c0.x, c0.y);
  await page.mouse.wheel(0, -300);
  await waitScale(page, 's > 1');
  near(await centre(), c0, `wheel over ${id} keeps it under the pointer`);
  // A drag from the background moves the graph exactly as far as the pointer.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitScale(page, 's === 1');
  const p = await backgroundPoint(page, 0);
  const c1 = await centre();
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x + 80, p.y + 50, { steps: 5 });
  await page.mouse.up();
  near(await centre(), { x: c1.x + 80, y: c1.y + 50 }, 'the graph follows the drag');
  // A pinch centred on the node keeps it where it is.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitScale(page, 's === 1');
  const c2 = await centre();
  await syntheticPinch(page, c2, 40, 80);
  await waitScale(page, 's > 1');
  near(await centre(), c2, 'pinch about the node keeps it in place');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
