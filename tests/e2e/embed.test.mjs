// Embedding: a host page on another origin embeds each view (sandboxed and not), the frames render, report
// their height and get resized; malformed messages are ignored both ways; deep links work inside embeds.
// Also the Share / Embed dialog that gives the snippet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serveDist, serveDir, launch, newPage, articleReady, frameLive, SLUG } from './harness.mjs';

let app, host, hostDir, browser;
const FRAMES = {
  article: `/${SLUG}/?embed=1`,
  glossary: `/${SLUG}/glossary/?embed=1`,
  timeline: `/${SLUG}/timeline/?embed=1`,
  map: `/${SLUG}/map/?embed=1`,
  term: `/${SLUG}/glossary/nato/?embed=1`,
  entity: `/${SLUG}/map/?sel=entity:india&embed=1`,
};

before(async () => {
  // The explainer on one origin, sending the CORS header static hosts such as GitHub Pages send…
  app = await serveDist(null, { cors: true });
  const sri = readFileSync(join(app.dir, 'index.html'), 'utf8').match(/name="explainer-embed-sri" content="([^"]+)"/)[1];
  // …and a course page on another origin.
  hostDir = mkdtempSync(join(tmpdir(), 'explainer-host-'));
  const frames = Object.entries(FRAMES)
    .map(([id, path]) => `<iframe data-explainer id="f-${id}" src="${app.url(path)}" title="Explainer ${id}" style="border:0;width:100%"></iframe>`)
    .join('\n');
  writeFileSync(
    join(hostDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Course page</title></head><body>
<main><h1>Week 3: India–Italy defence ties</h1>
${frames}
<iframe data-explainer id="f-sandboxed" sandbox="allow-scripts" src="${app.url(FRAMES.glossary)}" title="Explainer sandboxed" style="border:0;width:100%"></iframe>
</main>
<script src="${app.url('/embed.js')}" integrity="${sri}" crossorigin="anonymous"></script>
</body></html>`,
  );
  host = await serveDir(hostDir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  app?.close();
  host?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

const height = (page, id) => page.evaluate((id) => parseFloat(document.getElementById(id).style.height) || 0, id);

// A click that makes Playwright scroll the host far (these frames are other-process, and offscreen ones do not
// draw) could be routed with the frame's old place and reach no frame at all (seen: the map frame got no pointer
// event). So the host scrolls the target into view itself, and the click waits until both have drawn.
const drawn = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
async function clickInFrame(page, frameId, locator) {
  const y = await locator.evaluate((el) => el.getBoundingClientRect().top);
  await page.locator(`#${frameId}`).evaluate((f, y) => scrollTo(0, f.getBoundingClientRect().top + scrollY + y - 200), y);
  await page.evaluate(drawn);
  await page.frameLocator(`#${frameId}`).locator('body').evaluate(drawn);
  await locator.click();
}

test('every view embeds cross-origin, renders, and its iframe is sized to its content', async () => {
  const page = await newPage(browser, { viewport: { width: 900, height: 800 } });
  await page.goto(host.url('/'));
  const probes = {
    article: '.doc-title',
    glossary: 'li.entry',
    timeline: 'li.event',
    map: 'g.node',
    term: '#term-nato',
    entity: '#map-panel-title',
    sandboxed: 'li.entry',
  };
  for (const [id, probe] of Object.entries(probes)) {
    const frame = page.frameLocator(`#f-${id}`);
    await frame.locator('.embed-bar').waitFor();
    await frame.locator(probe).first().waitFor();
    assert.equal(await frame.locator('.view-tabs').count(), 0, `${id}: minimal chrome`);
    const open = frame.getByRole('link', { name: 'Open full explainer' });
    assert.doesNotMatch(await open.getAttribute('href'), /embed/, `${id}: the way out is not an embed`);
    await page.waitForFunction((id) => parseFloat(document.getElementById(id).style.height) > 160, `f-${id}`);
  }
  // The reported height is the content's: the frame shows it all without a scrollbar.
  const frame = page.frame({ url: /glossary\/nato/ });
  const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  assert.ok(Math.abs((await height(page, 'f-term')) - content) <= 2, 'iframe height equals content height');
  assert.equal(await page.locator('#f-term').getAttribute('scrolling'), 'no');
  assert.deepEqual(page.errors, []);
});

test("an embedded view's height is its content's whatever the frame's height (no growth loop)", async () => {
  // A height in vh inside a frame that is sized to its content feeds back: a taller frame, a taller map, a
  // taller frame… (the map grew by a step per message, moving whatever was being clicked).
  const page = await newPage(browser, { viewport: { width: 900, height: 800 } });
  await page.goto(host.url('/'));
  const reported = async (id, forced) => {
    await page.evaluate(([id, forced]) => {
      const f = document.getElementById(id);
      f.style.height = `${forced}px`;
      f.contentWindow.postMessage({ type: 'explainer:request-height', version: 1 }, '*');
    }, [id, forced]);
    await page.waitForFunction(([id, forced]) => parseFloat(document.getElementById(id).style.height) !== forced, [id, forced]);
    return height(page, id);
  };
  for (const id of Object.keys(FRAMES)) {
    await frameLive(page.frameLocator(`#f-${id}`));
    const inTall = await reported(`f-${id}`, 3000);
    const inShort = await reported(`f-${id}`, 300);
    assert.equal(inTall, inShort, `${id}: the same content height in a 3000 px and a 300 px frame`);
  }
  // With a map actor's details open too.
  const map = page.frameLocator('#f-map');
  await clickInFrame(page, 'f-map', map.locator('g.node').first());
  await map.locator('#map-panel-title').waitFor();
  assert.equal(await reported('f-map', 3000), await reported('f-map', 300), 'map with details open');
  assert.deepEqual(page.errors, []);
});

test('malformed messages are ignored by the host script and by the embedded app', async () => {
  const page = await newPage(browser, { viewport: { width: 900, height: 800 } });
  await page.goto(host.url('/'));
  await page.waitForFunction(() => parseFloat(document.getElementById('f-term').style.height) > 160);
  await frameLive(page.frameLocator('#f-term'));
  const before = await height(page, 'f-term');
  // From the host window itself (not one of the frames), and frames sending the wrong shape.
  await page.evaluate(() => window.postMessage({ type: 'explainer:height', version: 1, height: 5 }, '*'));
  const frame = page.frame({ url: /glossary\/nato/ });
  await frame.evaluate(() => {
    parent.postMessage({ type: 'explainer:height', version: 2, height: 7 }, '*');
    parent.postMessage({ type: 'explainer:height', version: 1, height: 'tall' }, '*');
    parent.postMessage({ type: 'explainer:height', version: 1, height: 1e9 }, '*');
    parent.postMessage('explainer:height 9', '*');
  });
  // Junk sent to the app: it must ignore it and keep working; a valid request is answered.
  await page.evaluate(() => {
    const w = document.getElementById('f-term').contentWindow;
    w.postMessage({ type: 'explainer:navigate', version: 1, url: 'javascript:alert(1)' }, '*');
    w.postMessage('<img src=x onerror=alert(1)>', '*');
    w.postMessage({ type: 'explainer:request-height', version: 1, extra: true }, '*');
    document.getElementById('f-term').style.height = '20px';
    w.postMessage({ type: 'explainer:request-height', version: 1 }, '*');
  });
  await page.waitForFunction((h) => parseFloat(document.getElementById('f-term').style.height) === h, before);
  await page.frameLocator('#f-term').locator('#term-nato').waitFor();
  assert.deepEqual(page.errors, []);
});

test('deep links work inside an embed and keep it embedded; the sandboxed frame works without storage', async () => {
  const page = await newPage(browser, { viewport: { width: 900, height: 800 } });
  await page.goto(host.url('/'));
  const frame = page.frameLocator('#f-glossary');
  await frameLive(frame);
  await frame.getByLabel('Search terms').fill('Line of Control');
  await clickInFrame(page, 'f-glossary', frame.locator('#term-line-of-control summary'));
  await clickInFrame(page, 'f-glossary', frame.locator('#term-line-of-control a.occ-link').first());
  await frame.locator('.sentence, .term.flash').first().waitFor();
  const url = page.frame({ url: /article\// }).url();
  assert.match(url, /\/article\/\?embed=1#occ-full-\d+$/);
  await frame.locator('.embed-bar').waitFor();
  const sandboxed = page.frame({ url: (u) => u.href.includes('glossary/?embed=1') && u !== page.mainFrame().url() });
  const origin = await page.frameLocator('#f-sandboxed').locator('body').evaluate(() => self.origin);
  assert.equal(origin, 'null', 'the sandboxed frame has an opaque origin');
  assert.ok(sandboxed);
  assert.deepEqual(page.errors, []);
});

test('Share / Embed dialog gives the link and an iframe snippet with the SRI-pinned script', async () => {
  const page = await newPage(browser, { viewport: { width: 1000, height: 800 } });
  await page.goto(app.url(`/${SLUG}/map/?sel=entity:italy`));
  await articleReady(page);
  const button = page.getByRole('button', { name: 'Share / Embed' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Share or embed this view' });
  await dialog.waitFor();
  assert.equal(await page.locator('#share-link').inputValue(), app.url(`/${SLUG}/map/?sel=entity:italy`));
  let snippet = await page.locator('#share-embed').inputValue();
  assert.match(snippet, new RegExp(`src="${app.url(`/${SLUG}/map/`).replace(/[/.?]/g, '\\$&')}\\?sel=entity:italy&embed=1"`));
  assert.match(snippet, /<script src="[^"]+\/embed\.js" integrity="sha384-[A-Za-z0-9+/=]+" crossorigin="anonymous" defer><\/script>/);
  assert.doesNotMatch(snippet, /sandbox=/);
  await dialog.getByLabel(/Sandboxed frame/).check();
  snippet = await page.locator('#share-embed').inputValue();
  assert.match(snippet, /sandbox="allow-scripts allow-popups"/);
  const result = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(result.violations.map((v) => v.id), [], 'axe with the dialog open');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await button.evaluate((b) => b === document.activeElement), 'focus returns to the button');
  assert.deepEqual(page.errors, []);
});

test('axe: embed mode has no violations', async () => {
  const page = await newPage(browser, { viewport: { width: 700, height: 800 } });
  for (const path of Object.values(FRAMES)) {
    await page.goto(app.url(path));
    await page.locator('.embed-bar').waitFor();
    await page.locator('.view > *').first().waitFor();
    const result = await new AxeBuilder({ page }).analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`), [], path);
  }
});

test('each view works in a sandboxed frame without storage: renders, sizes, answers input, says progress is not saved', async () => {
  const sri = readFileSync(join(app.dir, 'index.html'), 'utf8').match(/name="explainer-embed-sri" content="([^"]+)"/)[1];
  const views = { ...FRAMES, study: `/${SLUG}/study/?embed=1` };
  writeFileSync(
    join(hostDir, 'sandboxed.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandboxed</title></head><body><main>
${Object.entries(views).map(([id, path]) => `<iframe data-explainer sandbox="allow-scripts" id="s-${id}" src="${app.url(path)}" title="Sandboxed ${id}" style="border:0;width:100%"></iframe>`).join('\n')}
</main><script src="${app.url('/embed.js')}" integrity="${sri}" crossorigin="anonymous"></script></body></html>`,
  );
  const page = await newPage(browser, { viewport: { width: 900, height: 800 } });
  await page.goto(host.url('/sandboxed.html'));
  const probes = { article: '.doc-title', glossary: 'li.entry', timeline: 'li.event', map: 'g.node', term: '#term-nato', entity: '#map-panel-title', study: '#deck-stats' };
  for (const [id, probe] of Object.entries(probes)) {
    await page.frameLocator(`#s-${id}`).locator(probe).first().waitFor();
    // The probe is in the prerendered HTML: a click before the wasm has hydrated it would do nothing.
    await frameLive(page.frameLocator(`#s-${id}`));
    await page.waitForFunction((id) => parseFloat(document.getElementById(id).style.height) > 160, `s-${id}`);
  }
  // Input works in each. Frames are resized as their content changes, which moves every frame below: work
  // from the bottom frame up, so a frame never moves under the pointer while it is being clicked.
  // Study without storage: it says so, and grading still works for the session.
  const study = page.frameLocator('#s-study');
  await study.getByText('Progress is not being saved in this browser').waitFor();
  const due = async () => Number((await study.locator('#deck-stats').textContent()).match(/^(\d+) due/)[1]);
  const before = await due();
  await clickInFrame(page, 's-study', study.getByRole('button', { name: 'Show answer' }));
  await clickInFrame(page, 's-study', study.getByRole('button', { name: /^Easy/ }));
  await study.locator('#deck-stats', { hasText: new RegExp(`^${before - 1} due`) }).waitFor();
  const map = page.frameLocator('#s-map');
  await clickInFrame(page, 's-map', map.locator('g.node').first());
  await map.locator('#map-panel-title').waitFor();
  const timeline = page.frameLocator('#s-timeline');
  await clickInFrame(page, 's-timeline', timeline.locator('li.event').first());
  await timeline.locator('.event-detail').waitFor();
  const glossary = page.frameLocator('#s-glossary');
  await glossary.getByLabel('Search terms').fill('Wassenaar');
  await glossary.locator('#glossary-count', { hasText: /^\d+ of \d+ terms$/ }).waitFor();
  assert.match(await glossary.locator('li.entry').first().textContent(), /Wassenaar Arrangement/);
  const article = page.frameLocator('#s-article');
  await clickInFrame(page, 's-article', article.locator('button.term').first());
  await article.locator('.term-card.placed').waitFor();
  assert.deepEqual(page.errors, []);
});

test('the host script ignores a height message from one of its frames once it shows another origin', async () => {
  // A frame whose src is the explainer, navigated (by anyone) to a page of another origin, which then
  // sends a well-formed message: the event.source matches, the origin does not, so it must be ignored.
  writeFileSync(
    join(hostDir, 'other.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other</title></head><body><script>
parent.postMessage({ type: 'explainer:height', version: 1, height: 33 }, '*');
parent.postMessage({ type: 'test:done' }, '*');
</script></body></html>`,
  );
  const page = await newPage(browser, { viewport: { width: 900, height: 800 } });
  await page.goto(host.url('/'));
  await page.waitForFunction(() => parseFloat(document.getElementById('f-term').style.height) > 160);
  const before = await height(page, 'f-term');
  const done = page.evaluate(() => new Promise((resolve) => addEventListener('message', (e) => e.data?.type === 'test:done' && resolve())));
  await page.evaluate((url) => { document.getElementById('f-term').contentWindow.location = url; }, host.url('/other.html'));
  await done;
  assert.equal(await height(page, 'f-term'), before, 'a message from another origin did not resize the frame');
  assert.equal(await page.locator('#f-term').getAttribute('src'), app.url(FRAMES.term));
});
