// End-to-end tests of the pages built on a whole assessment: check your answers, CSV export, the
// print view (rendered to an A4 PDF) and the search box. Uses the engine's fixture rule set, which
// the test server adds to the catalogue. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage, shot, startAssessment, axe, pdfText, SHOTS, mainHeading, question, notesToggle } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ root: process.env.E2E_DIST ?? 'dist', prefix: '/', fixture: true }); });
after(async () => { await browser?.close(); await srv?.close(); });

const LONG_NOTE = `${'The report was discussed with the individual at length, and their views were recorded. '.repeat(60)}These are the closing words of the long note about Quokka Zebra.`;

/**
 * Starts an assessment on the fixture: a PSR was prepared, custody of 6 months (so 2.2.02 does not
 * apply), 2.1.11 answered "Yes" with a long note; 2.1.12 left unanswered. Gives the draft id.
 */
async function preparedDraft(page, caseRef) {
  await page.goto(srv.url);
  await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
  await startAssessment(page, caseRef);
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  await question(page, 'pre-sentence report (of any type) prepared', { fact: true }).getByRole('radio', { name: 'Yes', exact: true }).check();
  const custody = page.getByRole('textbox', { name: /custodial part of the sentence/ });
  await custody.fill('6');
  await custody.blur();
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/section/court`);
  await question(page, '2.1.11').getByRole('radio', { name: 'Yes', exact: true }).check();
  await notesToggle(page, '2.1.11').click();
  await page.getByRole('textbox', { name: 'Notes and evidence for 2.1.11' }).fill(LONG_NOTE);
  await page.waitForFunction((id) => {
    const d = JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${id}`) ?? '{}');
    return d.notes?.['2.1.11']?.endsWith('Quokka Zebra.') && d.answers?.custody_months;
  }, id);
  return id;
}

test('check your answers lists answers, what is still to answer and what does not apply; Change goes to the question', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  const id = await preparedDraft(page, 'CHECK-1');
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await page.getByRole('link', { name: 'Check your answers' }).click();
  await mainHeading(page, 'Check your answers').waitFor();

  const court = page.getByRole('region', { name: 'Court work' });
  const answered = court.getByRole('definition').filter({ hasText: 'Quokka Zebra' });
  assert.match(await answered.innerText(), /^Yes/);
  const unanswered = await page.getByRole('region', { name: /still to answer/ }).innerText();
  assert.match(unanswered, /2\.1\.12/);
  assert.doesNotMatch(unanswered, /2\.1\.11/);
  const na = court.getByRole('group').filter({ hasText: 'Not applicable to this case' });
  await na.getByText(/^Not applicable to this case/).click();
  assert.match(await na.innerText(), /2\.2\.02/);
  assert.match(await na.innerText(), /\(Example rule set \(test fixture\) \(August 2024\), Court work\)/);
  assert.match(await na.innerText(), /How long is the custodial part of the sentence\?: 6/);
  assert.doesNotMatch(await na.innerText(), /seed|custody_months/);

  assert.deepEqual(await axe(page), []);
  await shot(page, 'check-answers');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'check-answers-narrow');
  await page.setViewportSize({ width: 1100, height: 900 });

  const change = page.getByRole('link', { name: 'Change the answer to 2.1.11' });
  assert.match(await change.getAttribute('href'), /section\/court#q-2-1-11$/);
  await change.click();
  await page.waitForFunction(() => document.activeElement?.id === 'q-2-1-11');
  assert.match(page.url(), /section\/court#q-2-1-11$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('CSV export: a header row and one row per question, with the answer and the note', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await preparedDraft(page, 'CSV-1');
  // Answers an earlier version of the rule set took and this one cannot (retired).
  await page.evaluate((id) => {
    const key = `case-assessor/v1/draft/${id}`;
    const d = JSON.parse(localStorage.getItem(key));
    d.answers['9.9.99'] = { choice: 'no_should' };
    d.answers.old_custody_flag = { bool: true };
    localStorage.setItem(key, JSON.stringify(d));
  }, id);
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await page.reload();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'assessment-CSV-1.csv');
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'question,section,kind,applicable,answer,hint,notes,weight,tally');
  assert.ok(text.includes(`2.1.11,Court work,Prompt question,Yes,Yes,,"${LONG_NOTE}",,\r\n`), 'row of the answered question (the fixture has no weights)');
  assert.ok(lines.some((l) => l.startsWith('2.2.02,Court work,Information question,No,,')), 'row of a question that does not apply');
  assert.ok(lines.some((l) => l === 'How long is the custodial part of the sentence?,Case facts,Case fact,Yes,6,,,,'), 'row of a fact, named by its label');
  assert.ok(lines.some((l) => /^2\.1\.19,Court work,Summary judgement,Yes,,.*,"\d+ positive, \d+ negative"$/.test(l)), 'a summary\'s tally');
  assert.ok(lines.includes('9.9.99,Retired answers,Retired,No,"No, and should have been (recorded with an earlier version of the rule set)",,,,'), 'a retired answer in words');
  assert.ok(lines.includes('Old custody flag,Retired answers,Retired,No,Yes (recorded with an earlier version of the rule set),,,,'), 'a retired fact in words');
  assert.doesNotMatch(text, /[a-z]+_[a-z]+|\{"/, 'no fact id or JSON in the CSV');
  assert.deepEqual(problems, []);
  await context.close();
});

test('print view: every section on its own A4 page, long notes printed in full, no navigation', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  const id = await preparedDraft(page, 'PRINT-1');
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await page.getByRole('link', { name: 'Print or save as PDF' }).click();
  await mainHeading(page, 'Case PRINT-1').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Print' }).count(), 1);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'print-view');

  await page.emulateMedia({ media: 'print' });
  await shot(page, 'print-view-print-media');
  for (const [hidden, what] of [
    [page.getByRole('button', { name: 'Print' }), 'the print button'],
    [page.getByRole('link', { name: 'Back to the task list' }), 'the back link'],
    [page.getByRole('searchbox'), 'the search box'],
    [page.getByRole('contentinfo'), 'the footer'],
  ]) {
    assert.equal(await hidden.first().isVisible(), false, `${what} is hidden in print`);
  }
  const txt = await pdfText(page, 'print-view');
  const pages = txt.split('\f');
  const flat = txt.replace(/\s+/g, ' ');
  assert.match(flat, /closing words of the long note about Quokka Zebra/, 'the end of the long note is printed');
  assert.match(flat, /Case PRINT-1/);
  assert.doesNotMatch(flat, /Start a new assessment|Skip to main content|Search questions and guidance/);
  const pageOf = (s) => pages.findIndex((p) => p.includes(s));
  const info = pageOf('Information about the case');
  const court = pageOf('Court work');
  assert.ok(info > 0, 'the first section starts after the case facts page');
  assert.ok(court > info, `each section starts on a new page (info ${info}, court ${court})`);
  assert.ok(pages.length > court + 1, 'the long note flows onto further pages');
  assert.deepEqual(problems, []);
  await context.close();
});

test('search finds a question by id and by a guidance word; its link jumps there, by keyboard too', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await preparedDraft(page, 'SEARCH-1');
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await mainHeading(page, 'Case SEARCH-1').waitFor();
  assert.equal(await page.getByRole('search', { name: 'Questions and guidance' }).count(), 1);

  const box = page.getByRole('searchbox', { name: 'Search questions and guidance' });
  await box.fill('2.1.12');
  await page.keyboard.press('Enter');
  const status = page.getByRole('status').filter({ hasText: 'question matches' });
  await status.filter({ hasText: '1 question matches' }).waitFor();
  const results = page.getByRole('list', { name: 'Search results' });
  const hit = results.getByRole('link').first();
  assert.match(await hit.innerText(), /2\.1\.12/);
  await shot(page, 'search-results');
  await hit.click();
  await page.waitForFunction(() => document.activeElement?.id === 'q-2-1-12');
  assert.match(page.url(), /section\/court#q-2-1-12$/);
  assert.equal(await results.count(), 0, 'results close after a jump');

  // "one size fits all" is only in the guidance of 2.1.11; keyboard only from here.
  await box.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('fits all');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await results.waitFor();
  assert.match(await status.innerText(), /1 question matches/);
  await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /2\.1\.11/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'q-2-1-11');
  await page.screenshot({ path: join(SHOTS, 'search-jumped.png') });

  // A fact, from another page.
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/check`);
  await mainHeading(page, 'Check your answers').waitFor();
  await page.getByRole('searchbox', { name: 'Search questions and guidance' }).fill('custody');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /custodial part/ }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'q-custody-months');
  assert.match(page.url(), /\/facts#q-custody-months$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('check your answers shows suggestions not followed, with the reason, and retired answers', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  const id = await preparedDraft(page, 'CHECK-2');
  await page.goto(srv.url);
  await mainHeading(page, 'Your assessments').waitFor();
  await page.evaluate((id) => {
    const key = `case-assessor/v1/draft/${id}`;
    const d = JSON.parse(localStorage.getItem(key));
    d.answers.report_circumstances = { multi: ['risk'] };
    d.answers['2.0.24'] = { choice: 'yes' };
    d.hint_decisions['2.0.24'] = { suggested: 'no_should', decision: 'overridden', reason: 'The court asked for no report.' };
    d.answers['9.9.99'] = { text: 'An answer to a question that no longer exists' };
    localStorage.setItem(key, JSON.stringify(d));
  }, id);
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/check`);
  await page.reload();
  await mainHeading(page, 'Check your answers').waitFor({ timeout: 10000 });
  const overrides = await page.getByRole('region', { name: 'Suggestions you did not follow' }).innerText();
  assert.match(overrides, /2\.0\.24/);
  assert.match(overrides, /Suggested: No, and should have been\. Your answer: Yes\./);
  assert.match(overrides, /The court asked for no report\./);
  const retired = await page.getByRole('region', { name: 'Retired answers' }).innerText();
  assert.match(retired, /9\.9\.99/);
  assert.match(retired, /An answer to a question that no longer exists \(recorded with an earlier version of the rule set\)/);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'check-answers-overrides-retired');
  assert.deepEqual(problems, []);
  await context.close();
});

test('check your answers lists a suggestion not followed even when no reason was typed', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  const id = await preparedDraft(page, 'CHECK-3');
  const base = `${srv.url}#/draft/${encodeURIComponent(id)}`;
  await page.goto(`${base}/facts`);
  await question(page, 'Which of these circumstances apply', { fact: true }).getByRole('checkbox', { name: 'There are significant risks to other people' }).check();
  await page.goto(`${base}/section/info`);
  const q = question(page, '2.0.24');
  await q.getByRole('button', { name: 'Use this answer (No, and should have been)' }).click();
  await q.getByRole('radio', { name: 'Yes', exact: true }).check();
  await q.getByLabel('Your answer differs from the suggestion. Why? (optional)').waitFor();
  await page.goto(`${base}/check`);
  await mainHeading(page, 'Check your answers').waitFor();
  const overrides = page.getByRole('region', { name: 'Suggestions you did not follow' });
  await overrides.waitFor();
  assert.match(await overrides.innerText(), /2\.0\.24[\s\S]*Suggested: No, and should have been\. Your answer: Yes\.[\s\S]*No reason given\./);
  assert.deepEqual(await axe(page), []);

  // Answered as suggested again: no longer listed, even after a reason was given.
  await page.goto(`${base}/section/info`);
  const why = q.getByLabel('Your answer differs from the suggestion. Why? (optional)');
  await why.fill('The court declined a report.');
  await why.blur();
  await q.getByRole('radio', { name: 'No, and should have been' }).check();
  await page.goto(`${base}/check`);
  await mainHeading(page, 'Check your answers').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Suggestions you did not follow' }).count(), 0, 'a suggestion followed is not listed');
  assert.deepEqual(problems, []);
  await context.close();
});
