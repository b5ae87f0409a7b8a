// End-to-end: the app reads the shipped rule sets from their compiled form (rules/compiled/, written
// by the build) and never loads the rules reader for them; a rule file edited on the host after the
// build, or an administrator's own file, is read by the rules reader module instead (fetched only
// then), and a broken one gets its error report with line and column.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from './server.mjs';
import { launch, openPage, startAssessment, mainHeading, ruleSetTitle, shot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ID = 'carag-2020-nps-domain-three';
const FILE = `${ID}.toml`;
const SECTION = '3.1 Court reports and case allocation';
const QUESTION = 'Does the information and advice draw sufficiently on available sources of information, including child safeguarding and domestic abuse information?';

/** Opens the app served with `pages`, recording the app files it requests. */
async function open(pages = {}) {
  const srv = await serve({ prefix: '/', pages });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(srv.url);
  await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
  const close = async () => { await context.close(); await srv.close(); };
  return { page, problems, requested, close };
}

/** Starts an assessment with the 2020 rule set and opens its first section. */
async function openSection(page, caseRef) {
  await startAssessment(page, caseRef, ID);
  await page.getByRole('link', { name: 'Save and return to the task list' }).click();
  await page.getByRole('link', { name: SECTION }).click();
  await mainHeading(page, SECTION).waitFor({ timeout: 10000 });
}

const reader = (requested) => requested.filter((p) => p.includes('rules-reader'));

test('a shipped rule set is read from its compiled form, without the rules reader', async () => {
  const { page, problems, requested, close } = await open();
  try {
    await openSection(page, 'COMPILED-1');
    await page.getByText(QUESTION).first().waitFor();
    assert.ok(requested.includes('/rules/compiled/index.toml.bin'), 'the compiled catalogue is fetched');
    assert.ok(requested.includes(`/rules/compiled/${FILE}.bin`), 'the compiled rule set is fetched');
    assert.deepEqual(reader(requested), [], 'the rules reader is not loaded');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a rule file edited on the host after the build is read afresh by the rules reader', async () => {
  const edited = readFileSync(`rules/${FILE}`, 'utf8').replace(`text = "${QUESTION}"`, `text = "${QUESTION} (edited on the host)"`);
  assert.ok(edited.includes('(edited on the host)'), 'the test found the question to edit');
  const { page, problems, requested, close } = await open({ [`/rules/${FILE}`]: edited });
  try {
    await openSection(page, 'COMPILED-2');
    await page.getByText(`${QUESTION} (edited on the host)`).first().waitFor();
    assert.ok(reader(requested).some((p) => p.endsWith('.wasm')), 'the rules reader is loaded');
    assert.deepEqual(problems, []);
    await shot(page, 'compiled-edited-on-host');
  } finally {
    await close();
  }
});

test("an administrator's own rule file with an error gets its report, with line and column", async () => {
  const index = `${readFileSync('rules/index.toml', 'utf8')}
[[rule_set]]
file = "own.toml"
id = "own"
title = "Our own rule set"
publisher = "An inspection team"
date = "December 2026"
covers = "A rule file an administrator added without a build."
`;
  const own = '#:schema ../schemas/rule-set.schema.json\nformat = 1\n\n[meta]\nid = "own"\ntitle = 3\n';
  const { page, requested, close } = await open({ '/rules/index.toml': index, '/rules/own.toml': own });
  try {
    // The catalogue was edited after the build: it is read by the rules reader, and the shipped
    // rule sets are still offered beside the new one.
    await page.getByRole('button', { name: 'Start a new assessment' }).click();
    await page.getByRole('radio', { name: 'Our own rule set', exact: true }).check();
    await page.getByRole('radio', { name: ruleSetTitle(ID), exact: true }).waitFor();
    await page.getByLabel('Case reference').fill('COMPILED-3');
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByText(/The rule set own\.toml has errors/).waitFor({ timeout: 10000 });
    // The loader's report, as the authors' tool prints it, with its lines kept: line 6, column 9,
    // the line at fault and a caret under column 9.
    const report = await page.getByRole('group', { name: 'Which rule set are you assessing against?' }).locator('pre').innerText();
    assert.match(report, /own\.toml:6:9/, 'the report gives the line and column');
    const lines = report.split('\n');
    const at = lines.findIndex((l) => /\|\s*title = 3$/.test(l));
    assert.ok(at > 0, `the report quotes the line at fault:\n${report}`);
    assert.equal(lines[at + 1].indexOf('^'), lines[at].indexOf('title') + 8, `the caret is under column 9:\n${report}`);
    assert.ok(reader(requested).length > 0, 'the rules reader is loaded');
    assert.ok(!requested.includes('/rules/compiled/own.toml.bin'), 'no compiled form is asked for a file the build did not compile');
    await shot(page, 'compiled-own-broken');
  } finally {
    await close();
  }
});
