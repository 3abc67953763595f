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
  await page.locator('.score', { hasText: `You scored ${5 - wrong} out of 5.` }).waitFor();
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

// Grades every due card Easy by keyboard, so nothing is due today.
async function clearDeck(page) {
  const { due } = await stats(page);
  for (let i = 0; i < due; i++) {
    await page.keyboard.press('Space');
    await page.locator('.card-answer').waitFor();
    await page.keyboard.press('4');
  }
  await page.locator('#deck-done').waitFor();
}

test('generated quizzes (terms, chronology): sources linked, score announced, wrong answers make their terms due again', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/study/`));
  await articleReady(page);
  await page.locator('.card-front').waitFor();
  await clearDeck(page);
  assert.equal((await stats(page)).due, 0);

  await page.getByRole('button', { name: 'Quiz', exact: true }).click();
  await page.getByRole('radio', { name: 'Match the term' }).check();
  await page.locator('#quiz-length').selectOption('10');
  await page.getByRole('button', { name: 'Start quiz' }).click();
  let wrong = 0;
  for (let i = 0; i < 10; i++) {
    await page.getByText(`Question ${i + 1} of 10`).waitFor();
    await page.locator('label[for="opt-0"]').click();
    await page.getByRole('button', { name: 'Check answer' }).click();
    assert.equal(await page.locator('.option.right').count(), 1);
    if ((await page.locator('.verdict').textContent()) !== 'Correct.') wrong++;
    // A generated term question has no quoted sentence: it links to the term's glossary entry.
    const link = page.locator('.feedback .sources a[href*="/glossary/"]');
    assert.equal(await link.count(), 1, 'links to its glossary entry');
    await page.getByRole('button', { name: i < 9 ? 'Next question' : 'See your score' }).click();
  }
  const score = `You scored ${10 - wrong} out of 10.`;
  await page.locator('.score', { hasText: score }).waitFor();
  // Announced through the page's live region, which existed before the score arrived.
  await page.locator('[role="status"][aria-live="polite"]', { hasText: score }).first().waitFor();
  assert.equal(await page.locator('.review > li .sources a').count(), wrong, 'each mistake links to where to read');
  assert.ok(wrong > 0, 'option (a) every time: at least one of 10 answers is wrong');
  await page.getByRole('button', { name: 'Flashcards' }).click();
  const after = await stats(page);
  assert.ok(after.due >= 2 && after.due <= 2 * wrong, `both sides of each missed term are due again (${after.due} for ${wrong} mistakes)`);

  // Chronology: the answer links to the timeline.
  await page.getByRole('button', { name: 'Quiz', exact: true }).click();
  await page.getByRole('radio', { name: 'Put events in order' }).check();
  await page.getByRole('button', { name: 'Start quiz' }).click();
  await page.getByText('Question 1 of 5').waitFor();
  assert.match(await page.locator('.statements').textContent(), /\S/);
  await page.locator('label[for="opt-1"]').click();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('.feedback a', { hasText: 'See these events on the timeline' }).click();
  await page.locator('li.event').first().waitFor();
  assert.match(page.url(), /\/timeline\/$/);
  assert.deepEqual(page.errors, []);
});

test('flashcards: focus follows the card, keys typed in a field do not grade, suspended cards can be restored', async () => {
  const page = await newPage(browser);
  await page.goto(server.url(`/${SLUG}/study/`));
  await articleReady(page);
  await page.locator('.card-front').waitFor();
  const start = await stats(page);
  // Tab + Enter on "Show answer": focus goes to the answer, not to <body>.
  await page.locator('#reveal-answer').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'card-answer');
  // A grade button pressed by keyboard: focus moves to the next card's "Show answer".
  await page.getByRole('button', { name: /^Good/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'reveal-answer');
  assert.equal((await stats(page)).due, start.due - 1);
  // Digits typed while a form field has focus belong to the field.
  await page.keyboard.press('Space');
  await page.locator('.card-answer').waitFor();
  await page.locator('summary', { hasText: 'Export or import progress' }).click();
  await page.locator('#import-progress').focus();
  await page.keyboard.press('3');
  assert.equal((await stats(page)).due, start.due - 1, 'a key in the file field graded nothing');
  // Suspend, then restore from the list.
  await page.locator('.card-answer').focus();
  await page.keyboard.press('s');
  await page.waitForFunction(() => / 1 suspended$/.test(document.querySelector('#deck-stats').textContent));
  await page.locator('summary', { hasText: 'Suspended cards (1)' }).click();
  await page.getByRole('button', { name: /^Restore this card/ }).click();
  await page.waitForFunction(() => / 0 suspended$/.test(document.querySelector('#deck-stats').textContent));
  assert.equal((await stats(page)).due, start.due - 1);
  assert.equal(await page.locator('summary', { hasText: 'Suspended cards' }).count(), 0);
  assert.deepEqual(page.errors, []);
});

test('storage full: the deck keeps working for the session and says progress is not saved', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url(`/${SLUG}/study/`));
  await page.locator('.card-front').waitFor();
  const before = await stats(page);
  assert.equal(await page.getByText('Progress is not being saved in this browser').count(), 0, 'readable storage: no warning yet');
  await page.keyboard.press('Space');
  await page.keyboard.press('4');
  await page.getByText('Progress is not being saved in this browser').waitFor();
  assert.equal((await stats(page)).due, before.due - 1);
  assert.deepEqual(errors, []);
  await context.close();
});
