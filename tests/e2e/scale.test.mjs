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
  assert.equal(await page.locator('li.entry').count(), 5000);
  await page.getByLabel('Search terms').pressSequentially('karit', { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll('li.entry').length < 5000, null, { timeout: 20000 });
  assert.ok((await page.locator('li.entry mark').count()) > 0);
  await page.goto(server.url('/scale/article/'));
  await page.locator('.doc p').nth(2000).waitFor({ timeout: 60000 });
  const term = page.locator('button.term').nth(4000);
  await term.scrollIntoViewIfNeeded();
  await term.click();
  await page.locator('.term-card.placed').waitFor();
  assert.deepEqual(page.errors, []);
});
