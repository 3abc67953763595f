// Nothing in hostile content runs: an article made of the attack payloads the compiler accepts, opened in the
// app (every view) and as the plain page, with alert/confirm/prompt/eval/fetch trapped. Zero calls, zero CSP
// violations, no active elements in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, newPage, ROOT } from './harness.mjs';

let server, browser, work;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'explainer-hostile-'));
  const out = execFileSync('cargo', ['run', '-q', '-p', 'explainer-compiler', '--example', 'hostile_article', '--', join(ROOT, 'tests/corpora'), work], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  server = await serveDist((dir) => {
    cpSync(join(out, 'hostile.json'), join(dir, 'content', 'hostile.json'));
    cpSync(join(out, 'hostile.html'), join(dir, 'content', 'hostile.html'));
    for (const route of ['hostile', 'hostile/article', 'hostile/glossary', 'hostile/timeline', 'hostile/map', 'hostile/study', 'hostile/sheet']) {
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

async function trapped(options = {}) {
  const page = await newPage(browser, options);
  await page.context().addInitScript(() => {
    window.__calls = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      window[name] = (...args) => window.__calls.push(`${name}(${args.join(',')})`);
    }
    const realEval = window.eval;
    window.eval = (...args) => {
      // Playwright's own evaluate() goes through eval; only calls from the page count.
      if (!/UtilityScript|__playwright/.test(new Error().stack)) window.__calls.push('eval');
      return realEval(...args);
    };
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = String(input && input.url ? input.url : input);
      // The app may fetch its content and its own hashed assets (the wasm, its chunks), nothing else.
      const path = new URL(url, location.href).pathname;
      if (!/^\/content\/[a-z0-9-]+\.json$|^\/[a-z0-9_]+-[0-9a-f]{8,16}(_bg)?\.(wasm|js)$/.test(path)) window.__calls.push(`fetch(${url})`);
      return realFetch(input, init);
    };
  });
  return page;
}

async function assertInert(page, label) {
  await page.waitForTimeout(300); // let any onload/onerror/animation handlers that could exist fire
  assert.deepEqual(await page.evaluate(() => window.__calls), [], `${label}: trapped calls`);
  const scope = (await page.locator('.view').count()) ? '.view' : 'main';
  const active = await page.locator(['script', 'iframe', 'img', 'object', 'embed', 'video', 'audio', 'form', 'input[type=image]', 'base', 'meta', 'link'].map((t) => `${scope} ${t}`).join(', ')).count();
  assert.equal(active, 0, `${label}: no active elements from content`);
  assert.deepEqual(page.errors, [], `${label}: no errors or CSP violations`);
}

test('the app renders hostile content inertly in every view', async () => {
  const page = await trapped();
  await page.goto(server.url('/hostile/'));
  await page.locator('.doc-title').waitFor();
  const terms = page.locator('button.term');
  assert.ok((await terms.count()) >= 100);
  for (const i of [0, 3, 50, 99]) {
    await terms.nth(i).click();
    await page.locator('.term-card.placed').waitFor();
  }
  await assertInert(page, 'brief with cards');
  for (const [path, probe] of [
    ['/hostile/article/', '.doc p'],
    ['/hostile/glossary/', 'li.entry'],
    ['/hostile/timeline/', 'li.event'],
    ['/hostile/map/', 'g.node'],
  ]) {
    await page.goto(server.url(path));
    await page.locator(probe).first().waitFor();
    if (path.endsWith('timeline/')) await page.locator('li.event').nth(5).click();
    if (path.endsWith('map/')) await page.getByRole('button', { name: 'List', exact: true }).click();
    await assertInert(page, path);
  }
  assert.ok((await page.locator('.entity-list > li').count()) >= 100);
});

test('the plain page of hostile content runs nothing', async () => {
  const page = await trapped();
  await page.goto(server.url('/content/hostile.html'));
  await page.locator('h1').waitFor();
  assert.ok((await page.locator('main p').count()) > 1000);
  await assertInert(page, 'plain page');
  assert.equal(await page.locator('script').count(), 0);
});

test('hostile questions (stems, statements, options, explanations, mains outlines) and the revision sheet run nothing', async () => {
  const page = await trapped();
  await page.goto(server.url('/hostile/study/'));
  await page.getByRole('button', { name: 'Quiz', exact: true }).click();
  await page.getByRole('radio', { name: 'Prelims questions' }).check();
  await page.locator('#quiz-length').selectOption('10');
  await page.getByRole('button', { name: 'Start quiz' }).click();
  for (let i = 0; i < 10; i++) {
    await page.getByText(`Question ${i + 1} of 10`).waitFor();
    await page.locator(`label[for="opt-${i % 4}"]`).click();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('.feedback').waitFor();
    await page.getByRole('button', { name: i < 9 ? 'Next question' : 'See your score' }).click();
  }
  await page.locator('.score').waitFor();
  await assertInert(page, 'quiz and its review');
  await page.getByRole('button', { name: 'Mains questions' }).click();
  const outlines = page.locator('.mains-item summary');
  assert.equal(await outlines.count(), 12);
  for (let i = 0; i < 12; i++) await outlines.nth(i).click();
  await assertInert(page, 'mains outlines');
  await page.goto(server.url('/hostile/sheet/'));
  await page.locator('.sheet-table').first().waitFor();
  await assertInert(page, 'revision sheet');
});
