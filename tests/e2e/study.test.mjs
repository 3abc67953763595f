// Study mode: a flashcard session that survives reload, a full quiz, storage missing or corrupt, export/import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
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

const stats = async (page) => {
  const t = await page.locator('#deck-stats').textContent();
  const [, due, cards, suspended] = t.match(/(\d+) due today · (\d+) cards · (\d+) suspended/).map(Number);
  return { due, cards, suspended };
};

async function axe(page, label) {
  const r = await new AxeBuilder({ page }).analyze();
  assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`), [], label);
}

test('flashcards by keyboard: Space reveals, 3 grades Good, S suspends; progress survives reload', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/study/`));
  await articleReady(page);
  await page.locator('.card-front').waitFor();
  const start = await stats(page);
  assert.ok(start.cards >= 60 && start.due === start.cards, JSON.stringify(start));
  const first = await page.locator('.card-front').textContent();
  await page.keyboard.press('Space');
  await page.locator('.card-answer').waitFor();
  await axe(page, 'card revealed');
  await page.keyboard.press('3');
  await page.waitForFunction((d) => document.querySelector('#deck-stats').textContent.startsWith(`${d} due`), start.due - 1);
  assert.notEqual(await page.locator('.card-front').textContent(), first);
  await page.keyboard.press('s');
  await page.waitForFunction(() => / 1 suspended$/.test(document.querySelector('#deck-stats').textContent));
  await page.reload();
  await page.locator('.card-front').waitFor();
  assert.deepEqual(await stats(page), { due: start.due - 2, cards: start.cards, suspended: 1 });
  // Filtering by paper narrows the deck.
  await page.getByRole('button', { name: 'GS 4' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('#deck-stats').textContent.match(/(\d+) cards/)[1]) < n, start.cards);
  assert.deepEqual(page.errors, []);
});

test('a full quiz: radio group answers, explanations with a link into the reader, score and review; mistakes return to the deck', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/study/`));
  await articleReady(page);
  await page.getByRole('button', { name: 'Quiz', exact: true }).click();
  await page.getByRole('radio', { name: 'Prelims questions' }).check();
  await page.getByRole('button', { name: 'Start quiz' }).click();
  let wrong = 0;
  for (let i = 0; i < 5; i++) {
    await page.getByText(`Question ${i + 1} of 5`).waitFor();
    if (i === 0) {
      // Keyboard only for the first question: Tab to the radio group, arrows move, Space/Enter answer.
      await page.locator('#opt-0').focus();
      await page.keyboard.press('ArrowDown');
      assert.ok(await page.locator('#opt-1').isChecked());
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    } else {
      await page.locator('label[for="opt-0"]').click();
      await page.getByRole('button', { name: 'Check answer' }).click();
    }
    const verdict = await page.locator('.verdict').textContent();
    assert.match(verdict, /^(Correct\.|Not quite — the answer is \([abcd]\) .+)$/);
    if (verdict !== 'Correct.') wrong++;
    assert.equal(await page.locator('.option.right').count(), 1, 'exactly one right option shown');
    assert.equal(await page.locator('.feedback a.quote-link').count(), 1, 'explanation links to its sentence');
    if (i === 1) await axe(page, 'quiz running, answer checked');
    await page.getByRole('button', { name: i < 4 ? 'Next question' : 'See your score' }).click();
  }
  await page.getByText(`You scored ${5 - wrong} out of 5.`).waitFor();
  assert.equal(await page.locator('.review > li').count(), wrong);
  if (wrong > 0) {
    const stored = await page.evaluate((slug) => JSON.parse(localStorage.getItem(`explainer:study:${slug}`)), SLUG);
    assert.ok(Object.keys(stored.cards).length > 0, 'wrong answers put their terms back into the deck');
    assert.equal(stored.quizzes.length, 1);
  }
  assert.deepEqual(page.errors, []);
});

test('with storage unavailable the deck still works and says progress is not saved', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url(`/${SLUG}/study/`));
  await page.getByText('Progress is not being saved in this browser').waitFor();
  const before = await stats(page);
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await page.waitForFunction((d) => document.querySelector('#deck-stats').textContent.startsWith(`${d} due`), before.due - 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('corrupt stored progress is reset with a notice; export and import a progress file', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/`));
  await articleReady(page);
  await page.evaluate((slug) => localStorage.setItem(`explainer:study:${slug}`, '{"schema":2,"cards":'), SLUG);
  await page.goto(server.url(`/${SLUG}/study/`));
  await page.getByText('could not be read, so it has been reset').waitFor();
  await page.keyboard.press('Space');
  await page.keyboard.press('3');
  await page.locator('summary', { hasText: 'Export or import progress' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export progress (JSON)' }).click()]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(exported.schema, 2);
  assert.equal(Object.keys(exported.cards).length, 1);
  // Wipe, then import the file back.
  await page.evaluate((slug) => localStorage.removeItem(`explainer:study:${slug}`), SLUG);
  await page.reload();
  await page.locator('summary', { hasText: 'Export or import progress' }).click();
  await page.locator('#import-progress').setInputFiles(file);
  await page.getByText('Imported progress for 1 cards.').waitFor();
  const stored = await page.evaluate((slug) => JSON.parse(localStorage.getItem(`explainer:study:${slug}`)), SLUG);
  assert.deepEqual(Object.keys(stored.cards), Object.keys(exported.cards));
  assert.deepEqual(page.errors, []);
});

test('mains questions show their outlines; axe finds nothing', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/study/`));
  await articleReady(page);
  await page.getByRole('button', { name: 'Mains questions' }).click();
  assert.ok((await page.locator('.mains-item').count()) >= 3);
  await page.locator('.mains-item summary').first().click();
  assert.ok((await page.locator('.mains-item details[open] ol > li').count()) >= 3);
  await axe(page, 'mains');
  assert.deepEqual(page.errors, []);
});
