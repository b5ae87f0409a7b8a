// End-to-end tests of the views across assessments (issue 19): a summary of several exports of
// made-up cases (a malformed file among them) with a filter, the cases behind a figure, the CSV, and
// assessors compared on one case with a reference. By role and accessible name; axe-core finds
// nothing. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch, openPage, axe, shot, startAssessment, pdfText } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ prefix: '/', fixture: true, csp: true }); });
after(async () => { await browser?.close(); await srv?.close(); });

// axe-core is injected as a script, which the strict policy forbids: the tests that run it bypass the
// policy; the last test runs the summary under it.

/** A made-up assessment of the test rule set ("example"). */
function draft(id, caseRef, answers, notes = {}) {
  return {
    id, case_ref: caseRef, rule_set: { id: 'example', version: '1', hash: 'made-up' },
    created: 0, updated: 0, answers, notes, hint_decisions: {},
  };
}

/** An export file holding `drafts`, as the file picker gives it. */
function file(name, drafts) {
  const text = JSON.stringify({ format: 'case-assessor-export', schema: 1, exported: 0, drafts });
  return { name, mimeType: 'application/json', buffer: Buffer.from(text) };
}

const yes = { bool: true }, no = { bool: false };
const CASES = [
  file('a.json', [draft('a', 'CASE-A', { psr_in_region_12m: yes, '2.1.11': { choice: 'yes' }, '2.1.19': { choice: 'yes' } })]),
  file('b.json', [draft('b', 'CASE-B', { psr_in_region_12m: yes, '2.1.11': { choice: 'no' }, '2.1.19': { choice: 'no' } })]),
  file('c.json', [draft('c', 'CASE-C', { psr_in_region_12m: no })]),
  file('d.json', [draft('d', 'CASE-D', { psr_in_region_12m: yes, '2.1.19': { choice: 'yes' } })]),
  // The same draft again: counted once.
  file('a-again.json', [draft('a', 'CASE-A', { psr_in_region_12m: yes, '2.1.11': { choice: 'yes' }, '2.1.19': { choice: 'yes' } })]),
  { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": "case-assessor-export", ') },
];

async function openView(page, link) {
  await page.goto(srv.url);
  await page.getByRole('heading', { name: 'Your assessments' }).waitFor({ timeout: 10000 });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: link }).waitFor();
  await page.getByLabel('Rule set').selectOption('example');
}

test('a summary of several exports, a malformed file among them, with a filter and the cases behind a figure', async () => {
  const { page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  await openView(page, 'Summary across assessments');
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles(CASES);
  await page.getByText('4 assessments chosen.').waitFor();
  assert.match(await page.getByText(/^Given more than once and counted once:/).innerText(), /CASE-A \(from a-again\.json\)/);
  const refused = page.getByRole('alert').filter({ hasText: 'broken.json' });
  assert.match(await refused.innerText(), /broken\.json: not valid JSON/);
  await page.getByText(/^Counts and percentages only: this page gives no rating/).waitFor();

  // The key question: applies in 3 of 4 cases, 2 positive, 1 negative: 67% of those answered.
  const table = page.getByRole('table', { name: 'Court work' });
  const row = table.getByRole('row', { name: /2\.1\.19/ });
  assert.match(await row.innerText(), /67% \(of 3\)/);
  await row.getByRole('button', { name: '2.1.19 applies: show the 3 case(s)' }).waitFor();
  const bar = row.getByRole('img', { name: /2\.1\.19: 2 positive, 1 negative, 0 neither, 0 not answered, of 3 cases/ });
  await bar.waitFor();
  assert.equal(await bar.locator('rect').count(), 3, 'track, positive and negative');
  await page.getByText('All cases: 4 case(s).', { exact: true }).waitFor();
  assert.deepEqual(await axe(page), []);

  // The cases behind a figure; a case from a file is shown read-only.
  await row.getByRole('button', { name: '2.1.19 positive: show the 2 case(s)' }).click();
  const behind = page.getByRole('region', { name: /The cases behind .2\.1\.19 positive/ });
  await behind.getByRole('button', { name: 'View CASE-A (from a.json) (read-only)' }).click();
  assert.match(await page.locator('#read-only-case').innerText(), /2\.1\.19 Is the pre-sentence information[\s\S]*Yes/);
  assert.equal(await behind.getByRole('button', { name: /CASE-B/ }).count(), 0);
  await shot(page, 'summary-across');
  assert.deepEqual(await axe(page), []);

  // CSV of the summary.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the summary (CSV)' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^\ufefffilter,section,question,text,figure,cases,of,percent\r\n/);
  assert.match(csv, /All cases,Court work,2\.1\.19,[^\r\n]*key question: positive,2,3,67\r\n/);

  // A filter: cases without a pre-sentence report; the court key question applies to none.
  await page.getByText('Filter by case facts').click();
  await page.getByLabel(/pre-sentence report \(of any type\) prepared/).selectOption('no');
  await page.getByText(/^Cases where Was a pre-sentence report .*: No: 1 case\(s\)\.$/).waitFor();
  const filtered = page.getByRole('table', { name: 'Court work' }).getByRole('row', { name: /2\.1\.19/ });
  await filtered.getByRole('button', { name: '2.1.19 applies: show the 0 case(s)' }).waitFor();
  assert.match(await filtered.innerText(), /None answered/);
  await page.getByRole('button', { name: 'Clear the filter' }).click();
  await page.getByText('All cases: 4 case(s).', { exact: true }).waitFor();

  // The print view is A4 and leaves out the controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Download the summary (CSV)' }).isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(problems, []);
});

test('assessors compared on one case, with the trainer as reference', async () => {
  const { page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  await openView(page, 'Compare assessors');
  const trainer = draft('t', 'TRIAL-1', {
    psr_in_region_12m: yes, '2.1.11': { choice: 'yes' }, '2.1.12': { choice: 'yes' }, '2.1.19': { choice: 'yes' },
  }, { '2.1.19': 'Analytical and personalised throughout.' });
  const trainee = draft('s', 'TRIAL-1', {
    psr_in_region_12m: yes, '2.1.11': { choice: 'no' }, '2.1.12': { choice: 'yes' }, '2.1.19': { choice: 'no' },
  });
  const other = draft('o', 'OTHER-9', { psr_in_region_12m: no });
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles([
    file('trainer.json', [trainer]), file('trainee.json', [trainee]), file('other.json', [other]),
  ]);
  await page.getByText('3 assessments chosen.').waitFor();
  // Those sharing a case reference are chosen by default.
  assert.equal(await page.getByRole('checkbox', { name: 'TRIAL-1 (from trainer.json)' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'TRIAL-1 (from trainee.json)' }).isChecked(), true);
  assert.equal(await page.getByRole('checkbox', { name: 'OTHER-9 (from other.json)' }).isChecked(), false);
  assert.match(await page.getByRole('row', { name: /^Overall/ }).getByRole('cell').innerText(), /^33% \(1 of 3 questions answered alike\)$/);
  assert.match(await page.getByRole('row', { name: /^Cohen's kappa/ }).getByRole('cell').innerText(), /^-?\d\.\d\d$/);
  await page.getByText(/corrected for the agreement expected by chance/).waitFor();
  const side = page.getByRole('table', { name: /Every question/ });
  assert.match(await side.getByRole('row', { name: /2\.1\.11/ }).innerText(), /Differs/);

  await page.getByRole('radio', { name: 'TRIAL-1 (from trainer.json)' }).check();
  const trainees = page.getByRole('region', { name: 'TRIAL-1 (from trainee.json) against the reference' });
  await trainees.waitFor();
  const diff = trainees.getByRole('row', { name: /2\.1\.19/ });
  const text = await diff.innerText();
  assert.match(text, /No/);
  assert.match(text, /Analytical and personalised throughout\./);
  assert.match(text, /To make a judgement, inspectors take into account/);
  assert.equal(await trainees.getByRole('row', { name: /2\.1\.12/ }).count(), 0, 'answered alike');
  await shot(page, 'compare-assessors');
  assert.deepEqual(await axe(page), []);

  // Applicability differences come first: the other case recorded no report, so the court work does not apply.
  await page.getByRole('checkbox', { name: 'OTHER-9 (from other.json)' }).check();
  const first = side.getByRole('row').nth(1);   // the first after the header row
  assert.match(await first.innerText(), /Applies differently/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the comparison (CSV)' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /answer: TRIAL-1 \(from trainer\.json\)/);
  assert.match(csv, /TRIAL-1 \(from trainee\.json\) against the reference/);
  assert.deepEqual(problems, []);
});

test('the summary and its bars work under the strict Content-Security-Policy', async () => {
  const { page, problems } = await openPage(browser, { origin: srv.origin });
  await openView(page, 'Summary across assessments');
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles(CASES);
  await page.getByText('4 assessments chosen.').waitFor();
  await page.getByRole('img', { name: /2\.1\.19: 2 positive, 1 negative/ }).waitFor();
  const width = await page.locator('svg.app-bar rect.app-bar__positive').first().getAttribute('width');
  assert.equal(width, '200.0', 'two thirds of the 300-unit bar');
  // Files dropped on the file field are read like files chosen.
  const dropped = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return d;
  }, CASES[1].buffer.toString());
  // Dropped on the file field (the drop bubbles to its form group, which takes it).
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').dispatchEvent('drop', { dataTransfer: dropped });
  await page.getByText('1 assessment chosen.').waitFor();
  await page.getByRole('img', { name: /2\.1\.19: 0 positive, 1 negative/ }).waitFor();
  assert.deepEqual(problems, []);
});

test('assessments saved in this browser are chosen, counted with files, and open from a figure', async () => {
  const { page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  await page.goto(srv.url);
  await page.getByRole('heading', { name: 'Your assessments' }).waitFor({ timeout: 10000 });
  await startAssessment(page, 'LOCAL-1');
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  await page.goto(`${srv.url}#/`);
  await page.getByRole('link', { name: 'Summary across assessments' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Summary across assessments' }).waitFor();
  await page.getByLabel('Rule set').selectOption('example');
  const mine = page.getByRole('checkbox', { name: 'LOCAL-1' });
  await mine.waitFor();
  assert.equal(await mine.isChecked(), true, 'all of the rule set chosen at first');
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles(CASES.slice(0, 2));
  await page.getByText('3 assessments chosen.').waitFor();
  await page.getByRole('button', { name: 'All cases counted: show the 3 case(s)' }).click();
  const open = page.getByRole('link', { name: 'Open LOCAL-1 (saved in this browser)' });
  assert.equal(await open.getAttribute('href'), `#/draft/${encodeURIComponent(id)}`);
  await page.getByRole('button', { name: 'Choose none' }).click();
  await page.getByText('2 assessments chosen.').waitFor();
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
});

// Words at the end of a long note, to find in print: nothing is cut.
const LONG_NOTE = `${'The report weighed the risks and the individual\'s circumstances with care. '.repeat(40)}Closing words of the long note about Quokka Zebra.`;
// pdftotext joins a word hyphenated at a line end ("decision-" "making" as "decisionmaking"): hyphens
// are dropped before comparing.
const flat = (t) => t.replace(/-/g, '').replace(/\s+/g, ' ');
const Q2119 = "Is the pre-sentence information and advice provided to court sufficiently analytical and personalised to the individual, supporting the court's decision-making?";

test('figures per version of the rule set; the summary and the comparison printed to A4 PDF in full', async () => {
  const { page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  await openView(page, 'Summary across assessments');
  // A case made with an earlier version (0) of the rule set, with an answer that version took.
  const older = draft('e', 'CASE-E', { psr_in_region_12m: yes, '2.1.19': { choice: 'no' }, '9.9.99': { choice: 'yes' } });
  older.rule_set = { id: 'example', version: '0', hash: '0000000000000000' };
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles([...CASES.slice(0, 4), file('e.json', [older])]);
  await page.getByText('5 assessments chosen.').waitFor();

  const byVersion = page.getByRole('region', { name: 'Key questions by version of the rule set' });
  const table = byVersion.getByRole('table', { name: 'Positive of those answered, by version of the rule set' });
  await table.waitFor();
  const heads = await table.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(heads.map((h) => h.trim()), ['Key question', 'Version 0 (1 case(s))', "Version 1, this app's (4 case(s))"]);
  const row = table.getByRole('row', { name: /2\.1\.19/ });
  const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
  assert.deepEqual(cells, ['0 of 1 (0%)', '2 of 3 (67%)'], 'each version counted apart');
  // The whole still counts every case once: 2 positive of 4 answered.
  assert.match(await page.getByRole('table', { name: 'Court work' }).getByRole('row', { name: /2\.1\.19/ }).innerText(), /50% \(of 4\)/);
  await row.getByRole('button', { name: '2.1.19 positive, version 1: show the 2 case(s)' }).click();
  await page.getByRole('region', { name: /The cases behind .2\.1\.19 positive, version 1/ }).waitFor();
  // The answer version 1 no longer takes is reported, in words.
  await page.getByText(/answer\(s\) this version of the rule set no longer takes/).click();
  await page.getByText('CASE-E (from e.json): 9.9.99: Yes (recorded with an earlier version of the rule set)').waitFor();
  assert.deepEqual(await axe(page), []);

  const summary = flat(await pdfText(page, 'summary-across-print', { layout: false }));
  for (const words of ['Summary across assessments', 'Key questions by version of the rule set', 'Version 0 (1 case(s))', '2 of 3 (67%)', '50% (of 4)', Q2119]) {
    assert.ok(summary.includes(flat(words)), `the printed summary has "${words}"`);
  }
  assert.doesNotMatch(summary, /Download the summary|Clear the filter/, 'no controls in print');

  // The comparison, with a long note on the reference, printed in full.
  await openView(page, 'Compare assessors');
  const trainer = draft('t', 'TRIAL-2', { psr_in_region_12m: yes, '2.1.11': { choice: 'yes' }, '2.1.19': { choice: 'yes' } }, { '2.1.19': LONG_NOTE });
  const trainee = draft('s', 'TRIAL-2', { psr_in_region_12m: yes, '2.1.11': { choice: 'no' }, '2.1.19': { choice: 'no' } });
  await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles([file('trainer.json', [trainer]), file('trainee.json', [trainee])]);
  await page.getByText('2 assessments chosen.').waitFor();
  await page.getByRole('radio', { name: 'TRIAL-2 (from trainer.json)' }).check();
  await page.getByRole('region', { name: 'TRIAL-2 (from trainee.json) against the reference' }).waitFor();
  const compared = flat(await pdfText(page, 'compare-assessors-print', { layout: false }));
  for (const words of ['Compare assessors', 'Against the reference', 'TRIAL-2 (from trainee.json)', 'TRIAL-2 (from trainer.json) (reference)', Q2119, 'Closing words of the long note about Quokka Zebra.']) {
    assert.ok(compared.includes(flat(words)), `the printed comparison has "${words}"`);
  }
  // The note is shown twice (the trainee's differences and the side-by-side table): printed to its end both times.
  assert.equal(compared.split('Closing words of the long note about Quokka Zebra.').length - 1, 2, 'the long note is printed to its end, twice');
  assert.doesNotMatch(compared, /Download the comparison/, 'no controls in print');
  assert.deepEqual(problems, []);
});
