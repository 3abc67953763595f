// The wasm in pieces (src/chunks.rs, crates/compiler/src/split.rs): the brief needs only the main module; the
// other views' code comes in chunks, fetched in the background once the app is live, or when a view is opened
// first; a chunk that cannot be fetched is said so, with a way to try again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, newPage, appLive, SLUG } from './harness.mjs';

let server, browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const VIEWS = ['glossary', 'timeline', 'map', 'study', 'sheet'];
const chunkOf = (url) => url.match(/\/split_([a-z]+)-[0-9a-f]+\.wasm$/)?.[1];

test('the brief runs on the main module: a first visit fetches no chunk; once the worker controls the page each chunk comes from its cache after the app is live, and a tab then opens without fetching', async () => {
  const page = await newPage(browser);
  // When the app turned live, on the page's clock (the resource timings' clock). The document is observed,
  // not its root element: an init script may run before the root exists.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.documentElement.dataset.explainerLive === 'true') {
        window.__liveAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-explainer-live'] });
  });
  const fetched = [];
  let allFetched;
  const all = new Promise((r) => (allFetched = r));
  page.on('response', (r) => {
    if (chunkOf(r.url())) fetched.push({ chunk: chunkOf(r.url()), cached: r.fromServiceWorker() });
    if (fetched.length === VIEWS.length) allFetched();
  });
  // First visit: the worker installs (and downloads the chunks itself); the page fetches none for the brief.
  await page.goto(server.url(`/${SLUG}/`));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.deepEqual(fetched, [], 'a first visit fetched no chunk from the page');
  // Next visit, controlled: the chunks are loaded in the background, from the worker's cache.
  await page.reload();
  await page.waitForFunction(
    (n) => performance.getEntriesByType('resource').filter((e) => /\/split_[a-z]+-[0-9a-f]+\.wasm$/.test(e.name)).length >= n,
    VIEWS.length,
  );
  const entries = await page.evaluate(() => ({
    liveAt: window.__liveAt,
    starts: performance
      .getEntriesByType('resource')
      .filter((e) => /\/split_[a-z]+-[0-9a-f]+\.wasm$/.test(e.name))
      .map((e) => e.startTime),
  }));
  // Every chunk was requested after the live mark: the first view did not wait for one.
  assert.ok(entries.liveAt > 0, 'the live mark was seen');
  for (const t of entries.starts) assert.ok(t > entries.liveAt, `a chunk requested at ${t} ms, before the app was live at ${entries.liveAt} ms`);
  await all;
  assert.deepEqual([...new Set(fetched.map((f) => f.chunk))].sort(), [...VIEWS].sort());
  assert.equal(fetched.length, VIEWS.length, 'each chunk fetched once');
  assert.ok(fetched.every((f) => f.cached), 'every chunk came from the service worker');
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await page.locator('#node-leonardo').waitFor();
  await page.getByRole('link', { name: 'Study', exact: true }).click();
  await page.locator('#card-front').waitFor();
  assert.equal(fetched.length, VIEWS.length, 'opening a tab fetched nothing more');
  assert.deepEqual(page.errors, []);
});

test('on a first visit a tab loads its chunk when opened, with a loading line until it is there', async () => {
  // No service worker: the state of a first visit before it controls the page (and routes see every fetch).
  const page = await newPage(browser, { serviceWorkers: 'block' });
  let release;
  const released = new Promise((r) => (release = r));
  await page.route(/\/split_timeline-[0-9a-f]+\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(server.url(`/${SLUG}/`));
  await page.getByRole('link', { name: 'Timeline', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Loading this view…' }).waitFor();
  release();
  await page.locator('.timeline li').first().waitFor();
  assert.equal(await page.getByText('Loading this view…').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a deep link to a view fetches its chunk alongside the article, before hydrating', async () => {
  const page = await newPage(browser);
  const order = [];
  page.on('request', (r) => {
    if (chunkOf(r.url())) order.push(chunkOf(r.url()));
  });
  await page.goto(server.url(`/${SLUG}/timeline/`));
  // The timeline's chunk came first: the page needed it; the others followed in the background.
  assert.equal(order[0], 'timeline', `chunks in the order ${order}`);
  await page.locator('.timeline li').first().waitFor();
  assert.deepEqual(page.errors, []);
});

test('a view whose chunk cannot be fetched says so, and opens on "Try again" once the network is back', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  let blocked = true;
  await page.route(/\/split_map-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(server.url(`/${SLUG}/`));
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
  await alert.waitFor();
  blocked = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#node-leonardo').waitFor();
  assert.equal(await alert.count(), 0, 'the message is gone');
  // The split loader logs each failed fetch; nothing else went wrong.
  assert.deepEqual(page.errors.filter((e) => !/Failed to fetch|TypeError/.test(e)), []);
});

test('a deep link whose chunk cannot be fetched still opens the page, with the message in place of the view', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  let blocked = true;
  await page.route(/\/split_glossary-[0-9a-f]+\.wasm$/, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(server.url(`/${SLUG}/glossary/`));
  const alert = page.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
  await alert.waitFor();
  // The rest of the app is live: the tabs work.
  await page.getByRole('link', { name: 'Brief', exact: true }).click();
  await page.locator('button.term').first().waitFor();
  blocked = false;
  await page.getByRole('link', { name: 'Glossary', exact: true }).click();
  await page.getByLabel('Search terms').fill('wassenaar');
  await page.locator('#term-wassenaar-arrangement mark').first().waitFor();
});

test('a page of a view in a chunk preloads that chunk and the shared pieces it needs with the main wasm, each fetched once', async () => {
  const page = await newPage(browser, { serviceWorkers: 'block' });
  const requested = [];
  page.on('request', (r) => {
    if (/\/(split|chunk)_[a-z0-9]+-[0-9a-f]+\.wasm$/.test(r.url())) requested.push(new URL(r.url()).pathname);
  });
  await page.goto(server.url(`/${SLUG}/map/`));
  await page.locator('#node-leonardo').waitFor();
  const meta = await page.locator('meta[name="explainer-chunks"]').getAttribute('content');
  const pairs = meta.split(' ');
  const files = pairs.filter((_, i) => i % 2 === 0);
  assert.match(files[0], /^\/split_map-[0-9a-f]+\.wasm$/, 'the view\'s own module first');
  assert.ok(files.length > 1 && files.slice(1).every((f) => /^\/chunk_\d+-[0-9a-f]+\.wasm$/.test(f)), `shared pieces: ${files}`);
  assert.ok(pairs.filter((_, i) => i % 2 === 1).every((s) => s.startsWith('sha384-')), 'each with its hash');
  // Every file the map needs was asked for once: the split loader's fetch took the preloaded response (same
  // URL, mode and integrity), and nothing else was fetched.
  assert.deepEqual([...requested].sort(), [...files].sort(), 'each chunk file requested once, and only those');
  const initiators = await page.evaluate((files) => files.map((f) => performance.getEntriesByName(new URL(f, location.href).href).map((e) => e.initiatorType).join()), files);
  assert.deepEqual(initiators, files.map(() => 'link'), 'fetched by the preload links');
  // A page of a view in the main module names no chunk.
  await page.goto(server.url(`/${SLUG}/`));
  assert.equal(await page.locator('meta[name="explainer-chunks"]').count(), 0);
  assert.deepEqual(page.errors, []);
});
