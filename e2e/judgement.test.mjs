// End-to-end: the rule-format features of issue 15 on the shipped rule sets, through the UI only,
// finding controls by role and accessible name:
// - a judgement fact (carag-2024, line 521) is recorded in its question's block, not on the Case
//   facts page; recording it shows the suggested answer with its quote, which can be used; it is kept
//   after a reload and is in the JSON export;
// - weight in tallies (carag-2019, Key lines 18-29): each weighed question says in words how much it
//   weighs, and a summary's tally gives positive and negative answers per weight;
// - which level decides (iaow-2013, lines 198/230/530): the Not applicable reason says so.
// axe-core runs on each page. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { join } from 'node:path';
import { launch, openPage, axe, jargon, startAssessment, SHOTS } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ root: process.env.E2E_DIST ?? 'dist', prefix: '/' }); });
after(async () => { await browser?.close(); await srv?.close(); });

/** Starts an assessment of `ruleSetId`; gives the draft id. */
async function start(page, ruleSetId, caseRef) {
  await page.goto(srv.url);
  await page.locator('#main-heading', { hasText: 'Your assessments' }).waitFor({ timeout: 10000 });
  await startAssessment(page, caseRef, ruleSetId);
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
}

async function section(page, id, sectionId, heading) {
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}/section/${encodeURIComponent(sectionId)}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10000 });
}

/** The storage entry of draft `id`, once `check` holds for it. */
async function stored(page, id, check) {
  const handle = await page.waitForFunction(({ id, check }) => {
    const d = JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${id}`) ?? '{}');
    return new Function('d', `return ${check}`)(d) ? d : null;
  }, { id, check });
  return handle.jsonValue();
}

test('a judgement fact is recorded beside its question and calls up the suggested answer with its quote', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await start(page, 'carag-2024-pdu-domain-two', 'FINDING-1');
  // Not on the Case facts page.
  assert.equal(await page.getByRole('group', { name: /Your finding: did you find a lack of professional curiosity/ }).count(), 0);

  await section(page, id, 'reviewing', /Reviewing/);
  const question = page.getByRole('group', { name: /^2\.6\.21 Is reviewing informed by/ });
  const block = page.locator('#q-2-6-21');
  assert.equal(await block.getByText('Suggested answer: No').count(), 0, 'no suggestion before the finding');
  const finding = block.getByRole('group', { name: /Your finding: did you find a lack of professional curiosity/ });
  await finding.getByRole('radio', { name: 'Yes' }).check();
  const hint = block.locator('.app-hint-box', { hasText: 'Suggested answer: No' });
  await hint.waitFor();
  assert.match(await hint.innerText(), /This question will be answered negatively if inspectors find a lack of professional curiosity/);
  assert.match(await hint.innerText(), /Based on what you recorded:[\s\S]*Your finding: did you find a lack of professional curiosity[\s\S]*: Yes/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(await jargon(page), []);
  await block.screenshot({ path: join(SHOTS, 'judgement-fact.png') });
  await hint.getByRole('button', { name: 'Use this answer (No)' }).click();
  await page.waitForFunction(() => document.querySelector('#q-2-6-21 > fieldset input[value="no"]')?.checked);
  assert.ok(await question.getByRole('radio', { name: 'No', exact: true }).isChecked(), '2.6.21 answered No');

  const d = await stored(page, id, "d.answers && d.answers.reviewing_lacks_curiosity_or_action && d.answers['2.6.21']");
  assert.deepEqual(d.answers.reviewing_lacks_curiosity_or_action, { bool: true });
  assert.deepEqual(d.answers['2.6.21'], { choice: 'no' });

  // Kept after a reload, still in the question's block.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Reviewing/ }).waitFor();
  assert.ok(await page.locator('#q-2-6-21').getByRole('group', { name: /Your finding: did you find/ }).getByRole('radio', { name: 'Yes' }).isChecked());

  // In the JSON export with the other answers.
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(id)}`);
  await page.locator('#task-list').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported.drafts[0].answers.reviewing_lacks_curiosity_or_action, { bool: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('weighed questions say how much they weigh, and a summary tallies positives and negatives by weight', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await start(page, 'carag-2019-domain-two', 'WEIGHT-1');
  await section(page, id, 'assessment', /Assessment/);
  const a11 = page.locator('#q-A-1-1');
  const a15 = page.locator('#q-A-1-5');
  assert.match(await a11.locator('.app-weight').innerText(), /^Weighs more \(dark grey in the printed guidance\) in the summary judgement: \u201cA question directly linked to a prompt/);
  assert.match(await a15.locator('.app-weight').innerText(), /^Weighs less \(light grey in the printed guidance\) in the summary judgement: \u201cA supplementary question/);
  await page.getByRole('group', { name: /^A 1\.1 / }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('group', { name: /^A 1\.5 / }).getByRole('radio', { name: 'No' }).check();

  const table = page.locator('#q-A-1-S').getByRole('table', { name: /By weight \(the questions in the first row weigh more\)/ });
  const more = table.getByRole('row', { name: /^Weighs more/ });
  const less = table.getByRole('row', { name: /^Weighs less/ });
  await more.getByRole('cell').first().filter({ hasText: '1' }).waitFor();
  const cells = async (row) => (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual((await cells(more)).slice(0, 2), ['1', '0'], 'weighs more: 1 positive, 0 negative');
  assert.deepEqual((await cells(less)).slice(0, 2), ['0', '1'], 'weighs less: 0 positive, 1 negative');
  const listed = page.locator('#q-A-1-S .app-tally li', { hasText: 'A 1.5' });
  assert.match(await listed.innerText(), /: Weighs less \(light grey in the printed guidance\)$/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(await jargon(page), []);
  await page.locator('#q-A-1-S').screenshot({ path: join(SHOTS, 'weights-tally.png') });
  await a15.screenshot({ path: join(SHOTS, 'weights-question.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Not applicable reason says which level decides', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await start(page, 'iaow-2013-case-assessment', 'LEVEL-1');
  await section(page, id, 'B.4.1', /./);
  await page.getByRole('group', { name: /^B\.4\.1\.1 / }).getByRole('radio', { name: 'Low' }).check();
  await page.getByRole('group', { name: /^B\.4\.1\.2 / }).getByRole('radio', { name: 'Yes' }).check();
  await section(page, id, 'D.4.2', /./);
  const na = page.locator('#q-D-4-2-15 .app-na');
  await na.waitFor();
  assert.match(await na.innerText(), /Which answer decides: the level of risk of serious harm recorded in OASys \(B\.4\.1\.1\), unless you judged that classification wrong at B\.4\.1\.2/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});
