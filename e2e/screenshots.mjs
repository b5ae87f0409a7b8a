// Retakes the README's screenshots (docs/screenshots/*.png) of the built app: `trunk build --release`,
// then `node e2e/screenshots.mjs` (E2E_DIST=folder serves another build; OUT=folder writes elsewhere).
// Not part of the test command. A 1000x800 viewport; each picture is cropped to what it shows.
// The assessments are made up (case references only, no personal data), on the 2024 PDU CARaG.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './helpers.mjs';

const OUT = process.env.OUT ?? 'docs/screenshots';
const RULES = 'carag-2024-pdu-domain-two';
mkdirSync(OUT, { recursive: true });

const browser = await launch();
const srv = await serve({ root: process.env.E2E_DIST ?? 'dist', prefix: '/' });
const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1 });
const page = await context.newPage();
page.on('pageerror', (e) => { throw e; });

const q = (id) => page.locator(`#q-${id.replace(/[^A-Za-z0-9]/g, '-')}`);
// The question's own fieldset: its block also holds the judgement facts recorded beside it.
const radio = (id, value) => q(id).locator(`:scope > fieldset input.govuk-radios__input[value="${value}"]`).check();
const yesNo = (id, yes) => radio(id, yes ? 'yes' : 'no');

async function heading(text) {
  await page.locator('h1#main-heading', { hasText: text }).waitFor({ timeout: 10000 });
}

/** Starts an assessment; gives its draft id (ends on its case facts page). */
async function start(caseRef, ruleSet = RULES) {
  await page.goto(srv.url);
  await heading('Your assessments');
  await page.locator('#start-new').click();
  await page.locator(`input[name="rule-set"][value="${ruleSet}"]`).check();
  await page.locator('#case-ref').fill(caseRef);
  await page.locator('#create').click();
  await heading('Case facts');
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
}

async function go(draft, where, text) {
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(draft)}${where ? `/${where}` : ''}`);
  await heading(text);
}

/** A picture of the top of the page, `height` pixels tall. */
async function top(name, height = 800) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, `${name}.png`), clip: { x: 0, y: 0, width: 1000, height } });
  console.log(`wrote ${join(OUT, `${name}.png`)}`);
}

/** A picture from the top of `from` to the bottom of `to` (or of `from`), full width, with margins. */
async function region(name, from, to = from, below = 24) {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  const scroll = await page.evaluate(() => window.scrollY);
  const y = Math.max(0, a.y + scroll - 24);
  const clip = { x: 0, y, width: 1000, height: Math.min(b.y + scroll + b.height + below, y + 1000) - y };
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, `${name}.png`), clip, fullPage: true });
  console.log(`wrote ${join(OUT, `${name}.png`)} (${Math.round(clip.height)} px tall)`);
}

const FRESH = '.app-question:not(.app-question--na) > .govuk-fieldset > .govuk-radios:not(:has(input:checked)) > .govuk-radios__item:first-child > input:not([disabled])';

/** Answers up to `upTo` unanswered single-choice questions of a section with their first option. */
async function answerSection(draft, sid, title, upTo = 500) {
  await go(draft, `section/${sid}`, title);
  const fresh = page.locator(FRESH);
  for (let n = 0; (await fresh.count()) > 0 && n < upTo; n++) await fresh.first().check();
}

// Two other assessments, so the home page lists a few.
await start('NPS-0042', 'carag-2020-nps-domain-three');
await yesNo('mappa_case', true);
await start('QI-0009', 'qi-2017-case-assessment');

// The main one: a PDU case with a same-day report written without time for enquiries, no children.
const draft = await start('PDU-0117');
await radio('inspection', 'pdu');
await yesNo('post_release', false);
await yesNo('psr_in_region_12m', true);
await radio('report_type', 'short_format');
await yesNo('same_day_report', true);
await yesNo('time_for_enquiries', false);
await yesNo('children', false);
await yesNo('risk_to_children', false);
await yesNo('mappa', false);
for (const [id, v] of [['ogrs', '45'], ['rar_days_proposed', '10']]) {
  await q(id).locator('input').fill(v);
  await q(id).locator('input').blur();
}
await q('sdr_categories').getByRole('button', { name: 'None of these' }).click();
// Every other yes/no fact "No", every other choice its first option.
const facts = page.locator('.app-question:not(.app-question--na) > .govuk-fieldset > .govuk-radios:not(:has(input:checked))');
for (let n = 0; (await facts.count()) > 0 && n < 200; n++) {
  const first = facts.first();
  const no = first.locator('input[value="no"]:not([disabled])');
  await ((await no.count()) ? no : first.locator('input:not([disabled])').first()).check();
}
await go(draft, 'section/case', 'Information about the case');
await radio('2.0.02', 'yes');
await radio('2.0.24', 'yes');
await go(draft, 'section/court', 'Court work');
for (const [id, v] of [['2.1.04', 'yes'], ['2.1.05', 'yes'], ['2.1.06', 'yes'], ['2.1.07', 'no'], ['2.1.10', 'yes'], ['2.1.11', 'yes'],
  ['2.1.12', 'no'], ['2.1.13', 'yes'], ['2.1.14', 'no'], ['2.1.15', 'yes'], ['2.1.16', 'yes'], ['2.1.17', 'yes'], ['2.1.18', 'yes']]) await radio(id, v);
// Most of the rest answered (the first option), reviewing half done, outcomes not started.
for (const [sid, title, upTo] of [['assessment', 'Assessment'], ['planning', 'Planning'], ['implementation', 'Implementation and delivery'], ['reviewing', 'Reviewing', 3]]) {
  await answerSection(draft, sid, title, upTo);
}

// Home, start, task list.
await page.goto(srv.url);
await heading('Your assessments');
await page.locator('text=PDU-0117').first().waitFor();
await region('home', page.locator('h1#main-heading'), page.locator('table').first());
await page.locator('#start-new').click();
await heading('Start a new assessment');
await page.locator(`input[name="rule-set"][value="${RULES}"]`).check();
await top('start-an-assessment');
await go(draft, '', 'Case PDU-0117');
await region('task-list', page.locator('.govuk-back-link').first(), page.locator('#task-list'));

// A section: a question that does not apply, a suggested answer, a summary's tally.
await go(draft, 'section/court', 'Court work');
// From the question (the section's own case facts come first on the page) to its suggestion.
await region('section-hint', q('2.1.03'), q('2.1.03').locator('.app-hint-box').first());
await region('section-not-applicable', q('2.1.08'));
await region('section-tally', q('2.1.19').locator('legend'), q('2.1.19').locator('.app-tally'));

// Check your answers, once the rest is answered (all but the suggestion's question).
await answerSection(draft, 'reviewing', 'Reviewing');
await answerSection(draft, 'outcomes', 'Outcomes');
for (const [id, v] of [['2.7.05', 'Settled: a private tenancy.'], ['2.7.06', 'Settled: the same tenancy.'], ['2.7.07', 'Unemployed.'],
  ['2.7.08', 'In part-time work.'], ['2.9.05', 'Regular and recorded; the manager countersigned the risk review.']]) await q(id).locator('.govuk-fieldset textarea').fill(v);
await go(draft, 'section/court', 'Court work');
await radio('2.1.19', 'yes');
await go(draft, 'check', 'Check your answers');
await region('check-your-answers', page.locator('.govuk-back-link').first(), page.locator('#part-0').locator('xpath=..').locator('.govuk-summary-list__row').nth(1), 1);

await context.close();
await browser.close();
await srv.close();
