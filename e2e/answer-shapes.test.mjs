// End-to-end: the answer shapes of the rule-file format beyond one answer per question, on the shipped
// qi-2017 rule set, through the UI only and by role and accessible name:
// - options per row: a grid row offers only the options its rule allows (ABS 1: N/A for reviewing only,
//   line 3131; ABS 12: N/A for protecting the public only, line 3570; PP 7a: no N/A, line 2193);
// - named rows: the inspector names each factor chosen at RR 3c (line 982) and RR 4, RR 7b and RR 17
//   show the names as their rows; renaming or unticking a factor loses no answer; the names show in
//   check your answers, the print view and the CSV, and survive JSON export and import;
// - a printed option with the value typed otherwise: 0 7a-0 9 offer "Not clearly recorded" (lines
//   206-238) and an option under which what is recorded is typed.
// Run after `trunk build --release` (E2E_DIST=folder serves another build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { readFile } from 'node:fs/promises';
import { launch, openPage, axe, startAssessment, storedDrafts } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ root: process.env.E2E_DIST ?? 'dist', prefix: '/' }); });
after(async () => { await browser?.close(); await srv?.close(); });

const RULES = 'qi-2017-case-assessment';

/** A new qi-2017 assessment; gives its draft id (the page is on its case facts). */
async function start(page, caseRef) {
  await page.goto(srv.url);
  await page.locator('#main-heading', { hasText: 'Your assessments' }).waitFor({ timeout: 10000 });
  await startAssessment(page, caseRef, RULES);
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
}

const stored = (page, id) => page.evaluate((id) => JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${id}`) ?? 'null'), id);

async function section(page, id, s, title) {
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/section/${encodeURIComponent(s)}`);
  await page.locator('h1#main-heading', { hasText: title }).waitFor({ timeout: 10000 });
}

test('a grid row offers only the options its rule allows (ABS 1, ABS 12, PP 7a)', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await start(page, 'ROWS-1');
  await section(page, id, 'abs', 'View 3 – Abiding by the Sentence');
  const abs1 = page.locator('#q-ABS-1');
  for (const row of ['assessing?', 'planning?', 'delivering interventions?']) {
    assert.equal(await abs1.getByRole('radio', { name: `${row}: Yes`, exact: true }).count(), 1, `${row} Yes`);
    assert.equal(await abs1.getByRole('radio', { name: `${row}: No`, exact: true }).count(), 1, `${row} No`);
    assert.equal(await abs1.getByRole('radio', { name: `${row}: N/A`, exact: true }).count(), 0, `no N/A on ${row}`);
    assert.equal(await abs1.getByRole('cell', { name: `N/A is not an answer for ${row}`, exact: true }).count(), 1, `${row} says N/A is not an answer there`);
  }
  await abs1.getByRole('radio', { name: 'assessing?: Yes', exact: true }).check();
  await abs1.getByRole('radio', { name: 'reviewing?: N/A', exact: true }).check();
  const abs12 = page.locator('#q-ABS-12');
  assert.equal(await abs12.getByRole('radio', { name: 'Reducing reoffending?: N/A', exact: true }).count(), 0);
  assert.equal(await abs12.getByRole('radio', { name: 'Abiding by the sentence?: N/A', exact: true }).count(), 0);
  await abs12.getByRole('radio', { name: 'Protecting the public?: N/A', exact: true }).check();
  await page.waitForFunction((id) => {
    const d = JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${id}`) ?? '{}');
    return d.answers?.['ABS 12']?.grid?.pp === 'na';
  }, id);
  const d = await stored(page, id);
  assert.deepEqual(d.answers['ABS 1'], { grid: { assessing: 'yes', reviewing: 'na' } });
  assert.deepEqual(await axe(page), []);

  await section(page, id, 'pp', 'View 2 – Public Protection');
  const pp7a = page.locator('#q-PP-7a');
  for (const row of ['the public in general?', 'known adults?', 'children and young people?', 'staff?']) {
    assert.equal(await pp7a.getByRole('radio', { name: `${row}: Yes`, exact: true }).count(), 1, `${row} Yes`);
    assert.equal(await pp7a.getByRole('radio', { name: `${row}: N/A`, exact: true }).count(), 0, `no N/A on ${row}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** Waits (up to 10 s) until the stored draft satisfies `pred`, then gives it. */
async function savedWhen(page, id, pred) {
  for (let t = 0; ; t += 100) {
    const d = await stored(page, id);
    try { if (d && pred(d)) return d; } catch { /* not there yet */ }
    assert.ok(t < 10000, `the draft is saved as expected: ${pred}`);
    await page.waitForTimeout(100);
  }
}

test('named rows: RR 3c factors named by the inspector are the rows of RR 4, RR 7b and RR 17, on every page and in the exports', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  const id = await start(page, 'NAMED-1');
  await section(page, id, 'rr', 'View 1 – Reducing Reoffending');
  const rr3c = page.locator('#q-RR-3c');
  await rr3c.getByRole('checkbox', { name: 'Factor 1', exact: true }).check();
  await rr3c.getByRole('textbox', { name: 'Name of Factor 1', exact: true }).fill('Accommodation');
  await rr3c.getByRole('textbox', { name: 'Name of Factor 1', exact: true }).blur();
  await rr3c.getByRole('checkbox', { name: 'Factor 3', exact: true }).check();
  await rr3c.getByRole('textbox', { name: 'Name of Factor 3', exact: true }).fill('Drug misuse');
  await rr3c.getByRole('textbox', { name: 'Name of Factor 3', exact: true }).blur();
  assert.equal(await rr3c.getByRole('textbox', { name: 'Name of Factor 2', exact: true }).count(), 0, 'no name box for a factor not ticked');
  await savedWhen(page, id, (d) => d.answers['RR 3c']?.named?.names?.factor_3 === 'Drug misuse');

  const rr4 = page.locator('#q-RR-4');
  await rr4.getByRole('radio', { name: 'Accommodation: Yes', exact: true }).check();
  await rr4.getByRole('radio', { name: 'Drug misuse: No', exact: true }).check();
  for (const q of ['#q-RR-7b', '#q-RR-17']) {
    assert.equal(await page.locator(q).getByRole('rowheader', { name: 'Accommodation', exact: true }).count(), 1, `${q} has the named row`);
    assert.equal(await page.locator(q).getByRole('rowheader', { name: 'Drug misuse', exact: true }).count(), 1, `${q} has the named row`);
  }
  await savedWhen(page, id, (d) => d.answers['RR 4']?.grid?.factor_3 === 'no');
  assert.deepEqual(await axe(page), []);

  // Renamed: the row keeps its answer under the new name.
  await rr3c.getByRole('textbox', { name: 'Name of Factor 1', exact: true }).fill('Housing');
  await rr3c.getByRole('textbox', { name: 'Name of Factor 1', exact: true }).blur();
  await rr4.getByRole('radio', { name: 'Housing: Yes', exact: true }).waitFor();
  assert.ok(await rr4.getByRole('radio', { name: 'Housing: Yes', exact: true }).isChecked());
  // Unticked: the row goes, its answer and name are kept; ticked again, both come back.
  await rr3c.getByRole('checkbox', { name: 'Factor 3', exact: true }).uncheck();
  await rr4.getByRole('radio', { name: 'Drug misuse: No', exact: true }).waitFor({ state: 'detached' });
  const kept = await savedWhen(page, id, (d) => d.answers['RR 3c'].named.chosen.length === 1);
  assert.deepEqual(kept.answers['RR 4'], { grid: { factor_1: 'yes', factor_3: 'no' } });
  await rr3c.getByRole('checkbox', { name: 'Factor 3', exact: true }).check();
  assert.equal(await rr3c.getByRole('textbox', { name: 'Name of Factor 3', exact: true }).inputValue(), 'Drug misuse');
  assert.ok(await rr4.getByRole('radio', { name: 'Drug misuse: No', exact: true }).isChecked());
  await savedWhen(page, id, (d) => d.answers['RR 3c'].named.chosen.length === 2);

  // Check your answers.
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/check`);
  await page.locator('h1#main-heading', { hasText: 'Check your answers' }).waitFor();
  const answerOf = (qid) => page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: qid }) }).first().locator('.govuk-summary-list__value').first().innerText();
  assert.match(await answerOf('RR 3c'), /^Housing; Drug misuse/);
  assert.match(await answerOf('RR 4'), /^Drug misuse: No; Housing: Yes|^Housing: Yes; Drug misuse: No/);

  // Print view.
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/print`);
  await page.locator('h1#main-heading', { hasText: 'Case NAMED-1' }).waitFor();
  const printed = await page.locator('main').innerText();
  assert.ok(printed.includes('Housing; Drug misuse'), 'print shows the names');
  assert.ok(printed.includes('Housing: Yes'), 'print shows the rows by name');

  // CSV and JSON exports, then the JSON imported back.
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await page.locator('#export-csv').waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csvText = await readFile(await csv.path(), 'utf8');
  assert.ok(csvText.includes('RR 3c,') && csvText.includes('Housing; Drug misuse'), 'CSV names the factors');
  assert.ok(csvText.includes('Housing: Yes'), 'CSV rows by name');
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const path = await json.path();
  const exp = JSON.parse(await readFile(path, 'utf8'));
  assert.deepEqual(exp.drafts[0].answers['RR 3c'], { named: { chosen: ['factor_1', 'factor_3'], names: { factor_1: 'Housing', factor_3: 'Drug misuse' } } });
  await page.goto(srv.url);
  const original = (await storedDrafts(page))[id];
  await page.locator('#drafts button', { hasText: 'Delete' }).first().click();
  await page.locator('#drafts button', { hasText: 'Yes, delete' }).click();
  await page.locator('#home-message', { hasText: 'deleted' }).waitFor();
  await page.getByLabel(/Choose a file exported from Case Assessor/).setInputFiles(path);
  await page.getByRole('button', { name: 'Import 1 assessment(s)' }).click();
  await page.getByRole('status').filter({ hasText: 'Imported 1' }).waitFor();
  assert.deepEqual((await storedDrafts(page))[id], original);
  await section(page, id, 'rr', 'View 1 – Reducing Reoffending');
  assert.ok(await page.locator('#q-RR-4').getByRole('radio', { name: 'Housing: Yes', exact: true }).isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('0 7a-0 9 offer the printed option "Not clearly recorded", or what is recorded typed', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await start(page, 'OTHER-1');
  await section(page, id, 'v0', 'View 0 – Case Details');
  const q7a = page.locator('#q-0-7a');
  await q7a.getByRole('radio', { name: 'Not clearly recorded', exact: true }).check();
  const q7c = page.locator('#q-0-7c');
  assert.equal(await q7c.getByRole('textbox', { name: 'As recorded on the case record: type the answer', exact: true }).count(), 0, 'no text box until the option is chosen');
  await q7c.getByRole('radio', { name: 'As recorded on the case record', exact: true }).check();
  await q7c.getByRole('textbox', { name: 'As recorded on the case record: type the answer', exact: true }).fill('Welsh');
  const d = await savedWhen(page, id, (d) => d.answers['0 7c']?.text === 'Welsh' && d.answers['0 7a']);
  assert.deepEqual(d.answers['0 7a'], { choice: 'not_clearly_recorded' });
  assert.deepEqual(await axe(page), []);
  // Back to the printed option: the typed answer is replaced.
  await q7c.getByRole('radio', { name: 'Not clearly recorded', exact: true }).check();
  await savedWhen(page, id, (d) => d.answers['0 7c']?.choice === 'not_clearly_recorded');
  await q7c.getByRole('radio', { name: 'As recorded on the case record', exact: true }).check();
  await q7c.getByRole('textbox', { name: 'As recorded on the case record: type the answer', exact: true }).fill('Cymraeg');
  await savedWhen(page, id, (d) => d.answers['0 7c']?.text === 'Cymraeg');

  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/check`);
  await page.locator('h1#main-heading', { hasText: 'Check your answers' }).waitFor();
  const answerOf = (qid) => page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: qid }) }).first().locator('.govuk-summary-list__value').first().innerText();
  assert.match(await answerOf('0 7a'), /^Not clearly recorded/);
  assert.match(await answerOf('0 7c'), /^Cymraeg/);
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await page.locator('#export-csv').waitFor();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  const csvText = await readFile(await csv.path(), 'utf8');
  assert.ok(csvText.includes('0 7a,View 0 – Case Details,Case information,Yes,Not clearly recorded,'), 'CSV 0 7a');
  assert.ok(csvText.includes('0 7c,View 0 – Case Details,Case information,Yes,Cymraeg,'), 'CSV 0 7c');
  assert.deepEqual(problems, []);
  await context.close();
});
