// End-to-end: a whole assessment with each shipped rule set (rules/index.toml). For each: record
// the case facts, visit every section, answer every applicable single-choice question, and check
// that applicability, summaries' tallies and the task list's statuses follow; axe-core on a section.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from './server.mjs';
import { launch, openPage, axe, shot } from './helpers.mjs';

const index = readFileSync('rules/index.toml', 'utf8');
const shipped = [...index.matchAll(/^id\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ prefix: '/' }); });
after(async () => { await browser?.close(); await srv?.close(); });

/** Gives every applicable fact an answer: the first option, 12, a date, or "yes". */
async function answerFacts(page) {
  const questions = page.locator('.app-question');
  for (let i = 0; i < await questions.count(); i++) {
    const q = questions.nth(i);
    const radio = q.locator('input.govuk-radios__input:not([disabled])').first();
    if (await radio.count()) { await radio.check(); continue; }
    const box = q.locator('input.govuk-checkboxes__input:not([disabled])').first();
    if (await box.count()) { await box.check(); continue; }
    const num = q.locator('input[inputmode="decimal"]:not([disabled])');
    if (await num.count()) { await num.fill('12'); await num.blur(); continue; }
    const date = q.locator('input[type="date"]:not([disabled])');
    if (await date.count()) { await date.fill('2024-01-31'); await date.blur(); }
  }
}

for (const id of shipped) {
  test(`a whole assessment with the rule set ${id}`, async () => {
    const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
    await page.goto(srv.url);
    await page.locator('#start-new').click();
    await page.locator(`input[name="rule-set"][value="${id}"]`).check();
    await page.locator('#case-ref').fill(`WHOLE-${id}`);
    await page.locator('#create').click();
    await page.locator('h1#main-heading', { hasText: 'Case facts' }).waitFor({ timeout: 10000 });
    await answerFacts(page);
    await shot(page, `${id}-facts`);
    await page.locator('#facts-done').click();
    await page.locator('#task-list').waitFor();
    const sections = page.locator('#task-list a.govuk-task-list__link');
    const n = await sections.count();
    let answered = 0;
    let summaries = 0;
    for (let s = 1; s < n; s++) {
      await page.locator('#task-list a.govuk-task-list__link').nth(s).click();
      await page.locator('h1#main-heading').waitFor();
      // Answer each applicable single-choice question with its first option.
      const radios = page.locator('.app-question:not(.app-question--na) .govuk-radios__item:first-child input.govuk-radios__input:not([disabled])');
      for (let i = 0; i < await radios.count(); i++) { await radios.nth(i).check(); answered++; }
      summaries += await page.locator('.app-tally').count();
      if (s === 1) {
        assert.deepEqual(await axe(page), [], `axe on the first section of ${id}`);
        await shot(page, `${id}-section-1`);
      }
      await page.locator('.govuk-back-link').first().click();
      await page.locator('#task-list').waitFor();
    }
    assert.ok(answered > 0, 'some questions were answered');
    assert.match(await page.locator('#progress').innerText(), /You have answered \d+ of \d+ applicable questions/);
    assert.ok(await page.locator('#task-list .govuk-task-list__status').count() >= n, 'every task has a status');
    const statuses = await page.locator('#task-list .govuk-task-list__status').allInnerTexts();
    assert.ok(statuses.some((t) => /Completed|In progress/.test(t)), `answers show in the task list: ${statuses.join(', ')}`);
    await shot(page, `${id}-task-list`);
    assert.deepEqual(problems, [], `no errors with ${id}`);
    await context.close();
  });
}

test('the app ships at least one rule set', () => {
  assert.ok(shipped.length >= 1, 'rules/index.toml lists no rule set');
});
