// The core end-to-end tests again in a second engine: Debian's Firefox ESR, driven by puppeteer-core
// over WebDriver BiDi (launchFirefox in helpers.mjs). Same server and the same checks as the Chromium
// tests: a whole assessment with one shipped rule set, served with the strict Content-Security-Policy
// header and checked with axe-core on every kind of page; answer, reload and export at the root and
// under a sub-path; export then import; storage full; a corrupt entry; two tabs. Controls are found by
// role and accessible name; a question by its element id (the anchor the app's own links use).
// Fails, never skips, when Firefox is not installed. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './server.mjs';
import {
  launchFirefox, openFirefoxPage, downloadedFile, axe, pdfText, rulesTool, model, domId, shot,
  storedDrafts, fillStorage, unfillStorage, parseCsv, csvName, STORAGE_PREFIX,
} from './helpers.mjs';

const ROOT = process.env.E2E_DIST ?? 'dist';
const TIMEOUT = 10000;

let browser, srv;
before(async () => { browser = await launchFirefox(); srv = await serve({ root: ROOT, prefix: '/', fixture: true }); });
after(async () => { await browser?.close(); await srv?.close(); });

/** A selector for the element with this role and accessible name (puppeteer's ARIA query). */
const aria = (role, name) => `::-p-aria([name="${name.replace(/["\\]/g, '\\$&')}"]${role ? `[role="${role}"]` : ''})`;

/** Waits for the element with this role and name, within `scope` (a CSS selector) if given. */
const find = (page, role, name, { scope = '', timeout = TIMEOUT } = {}) => page.waitForSelector(`${scope} ${aria(role, name)}`.trim(), { timeout });
const click = async (page, role, name, opts) => (await find(page, role, name, opts)).click();
const heading = (page, name) => find(page, 'heading', name);
/**
 * The accessible name of `visible` followed by GOV.UK's visually hidden `hidden` text, as Firefox
 * computes it: GOV.UK Frontend puts a no-break space before and after visually hidden text (so that
 * screen readers keep the words apart), and Firefox keeps it and adds a space before the hidden
 * (absolutely positioned) text, where Chromium collapses both. Names read the same; puppeteer
 * matches them exactly.
 */
const withHidden = (visible, hidden) => `${visible} \u00a0${hidden}\u00a0`;
const isChecked = (el) => el.evaluate((e) => e.checked);
const draftId = (page) => decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
const text = (page, css) => page.$eval(css, (e) => e.innerText);
const waitText = (page, css, re) => page.waitForFunction((css, src) => new RegExp(src).test(document.querySelector(css)?.innerText ?? ''), { timeout: TIMEOUT }, css, re.source);

/** Types into the text box with this name (over what it held), then tabs out of it so that it changes. */
async function fill(page, name, value, opts) {
  const box = await find(page, 'textbox', name, opts);
  await box.click();
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await box.type(value);
  await page.keyboard.press('Tab');
}

/** From the home page (already loaded): starts an assessment with the rule set titled `title`; ends on its case facts. */
async function start(page, caseRef, title = 'Example rule set (test fixture)', visit = async () => {}) {
  await heading(page, 'Your assessments');
  await visit('home');
  await click(page, 'button', 'Start a new assessment');
  await heading(page, 'Start a new assessment');
  await click(page, 'radio', title);
  await visit('start an assessment');
  await fill(page, 'Case reference', caseRef);
  await click(page, 'button', 'Continue');
  await heading(page, 'Case facts');
  return draftId(page);
}

/** Waits until the saved draft `id` holds the answers `want` (by question id; null: any answer). */
function savedAnswers(page, id, want) {
  return page.waitForFunction((key, want) => {
    const d = JSON.parse(localStorage.getItem(key) ?? 'null');
    return d !== null && Object.entries(want).every(([k, v]) => k in d.answers && (v === null || JSON.stringify(d.answers[k]) === JSON.stringify(v)));
  }, { timeout: TIMEOUT }, `${STORAGE_PREFIX}draft/${id}`, want);
}

/** The answer of a question of the fixture: the radio named `label` in question `qid`'s fieldset. */
const radio = (page, qid, label) => find(page, 'radio', label, { scope: `#${domId(qid)}` });

/** Starts an assessment on the fixture at `base`, answers the first section's 2.0.24 "Yes"; gives the draft id. */
async function answeredDraft(page, base, caseRef) {
  await page.goto(base);
  const id = await start(page, caseRef);
  await click(page, 'link', 'Save and return to the task list');
  await click(page, 'link', 'Information about the case');
  await heading(page, 'Information about the case');
  await (await radio(page, '2.0.24', 'Yes')).click();
  await savedAnswers(page, id, { '2.0.24': { choice: 'yes' } });
  await waitText(page, '#save-status', /Saved at/);
  return id;
}

async function answerReloadExport({ prefix, csp = false, name }) {
  const s = prefix === '/' && !csp ? srv : await serve({ root: ROOT, prefix, csp, fixture: true });
  const { context, page, problems, downloads } = await openFirefoxPage(browser, { origin: s.origin });
  try {
    await page.goto(s.url);
    // Shown at once, though Firefox leaves the request to keep the site's data unanswered (it asks the user).
    await waitText(page, '#storage-usage', /^(Saved assessments take \d+ KB of this browser's storage|Nothing is saved in this browser yet)/);
    const id = await answeredDraft(page, s.url, `FF-${name}`);
    const sectionUrl = page.url();
    await page.reload();
    assert.equal(await isChecked(await radio(page, '2.0.24', 'Yes')), true, 'answer kept after reload');
    assert.equal(page.url(), sectionUrl);
    await click(page, 'link', 'Back to the task list');
    const file = await downloadedFile(downloads, () => click(page, 'button', 'Export as JSON'));
    const json = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(json.format, 'case-assessor-export');
    assert.equal(json.drafts.length, 1);
    assert.equal(json.drafts[0].id, id);
    assert.equal(json.drafts[0].case_ref, `FF-${name}`);
    assert.deepEqual(json.drafts[0].answers['2.0.24'], { choice: 'yes' }, 'export holds the answer');
    await shot(page, `firefox-${name}-task-list`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    if (s !== srv) await s.close();
  }
}

test('Firefox: answer, reload, export at the root', () => answerReloadExport({ prefix: '/', name: 'root' }));
test('Firefox: answer, reload, export under a sub-path, with the strict CSP header', () => answerReloadExport({ prefix: '/tools/assessor/', csp: true, name: 'subpath-csp' }));

test('Firefox: export then import gives back the identical draft', async () => {
  const { context, page, problems, downloads } = await openFirefoxPage(browser, { origin: srv.origin });
  const id = await answeredDraft(page, srv.url, 'FF-ROUND-1');
  await page.goto(srv.url);
  await heading(page, 'Your assessments');
  const original = (await storedDrafts(page))[id];
  const file = await downloadedFile(downloads, () => click(page, 'button', withHidden('Export', ' FF-ROUND-1')));
  await click(page, 'button', 'Delete');
  await click(page, 'button', 'Yes, delete');
  await waitText(page, '#home-message', /deleted/);
  assert.equal((await storedDrafts(page))[id], undefined);
  // Firefox gives a file input no role to find it by: its label, then the control it labels.
  const label = await find(page, '', 'Choose a file exported from Case Assessor (JSON, at most 5 MB)');
  await (await label.evaluateHandle((l) => l.control)).uploadFile(file);
  await click(page, 'button', 'Import 1 assessment(s)');
  await waitText(page, '#home-message', /Imported 1/);
  assert.deepEqual((await storedDrafts(page))[id], original);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox: when storage is full the page says so, keeps the work and offers a download; nothing saved is lost', async () => {
  const { context, page, downloads } = await openFirefoxPage(browser, { origin: srv.origin });
  const id = await answeredDraft(page, srv.url, 'FF-FULL-1');
  const saved = (await storedDrafts(page))[id];
  await fillStorage(page);
  assert.equal(await page.evaluate(() => { try { localStorage.setItem('fill-one-more', 'z'); return false; } catch (e) { return e.name; } }), 'QuotaExceededError');
  await (await find(page, '', withHidden('Notes and evidence', 'for 2.0.24'))).click();
  const note = 'A note that cannot be saved because storage is full.';
  const box = await find(page, 'textbox', 'Notes and evidence for 2.0.24');
  await box.type(note);
  await page.keyboard.press('Tab');
  await waitText(page, '#save-status', /Not saved: the browser's storage for this site is full/);
  await shot(page, 'firefox-storage-full');
  const file = await downloadedFile(downloads, () => click(page, 'button', 'Download this assessment'));
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.drafts[0].notes['2.0.24'], note, 'the download holds the unsaved work');
  assert.deepEqual((await storedDrafts(page))[id], saved, 'what was saved before is intact');
  await unfillStorage(page);
  await context.close();
});

test('Firefox: a corrupt entry is reported with its key and the other drafts are intact', async () => {
  const { context, page, problems } = await openFirefoxPage(browser, { origin: srv.origin });
  const id = await answeredDraft(page, srv.url, 'FF-GOOD-1');
  const broken = '{"id": "broken-1", "answers": {';
  await page.evaluate((k, v) => localStorage.setItem(k, v), `${STORAGE_PREFIX}draft/broken-1`, broken);
  await page.goto(srv.url);
  await heading(page, 'Your assessments');
  await waitText(page, '#unreadable', /cannot be read/);
  assert.match(await text(page, 'main'), /case-assessor\/v1\/draft\/broken-1/);
  await find(page, 'button', 'Download the raw text');
  await click(page, 'link', 'FF-GOOD-1');
  await heading(page, 'Case FF-GOOD-1');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `${STORAGE_PREFIX}draft/broken-1`), broken, 'kept as it was');
  assert.deepEqual((await storedDrafts(page))[id].answers['2.0.24'], { choice: 'yes' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox: two tabs on one draft never lose a write', async () => {
  const { context, page: a, problems } = await openFirefoxPage(browser, { origin: srv.origin });
  await a.goto(srv.url);
  const id = await start(a, 'FF-TABS-1');
  await (await radio(a, 'psr_in_region_12m', 'Yes')).click();
  await savedAnswers(a, id, { psr_in_region_12m: { bool: true } });
  const url = `${srv.url}#/draft/${encodeURIComponent(id)}/section/court`;
  await a.goto(url);
  await heading(a, 'Court work');
  const b = await context.newPage();
  await b.setViewport({ width: 1100, height: 900 });
  await b.goto(url);
  await find(b, 'region', 'Read only');
  await shot(b, 'firefox-second-tab-read-only');
  // Tab A edits; tab B follows.
  await (await radio(a, '2.1.11', 'Yes')).click();
  await b.waitForFunction((sel) => document.querySelector(sel)?.checked === true, { timeout: TIMEOUT }, `#${domId('2.1.11')} input[value="yes"]`);
  // B takes over; A turns read-only; B's write keeps A's.
  await click(b, 'button', 'Edit in this tab instead');
  await find(a, 'region', 'Read only');
  assert.equal(await (await radio(a, '2.1.12', 'No')).evaluate((e) => e.disabled), true, 'the read-only tab cannot answer');
  await (await radio(b, '2.1.12', 'No')).click();
  await savedAnswers(b, id, { '2.1.12': { choice: 'no' } });
  const stored = (await storedDrafts(b))[id];
  assert.deepEqual(stored.answers['2.1.11'], { choice: 'yes' }, "tab A's answer kept");
  assert.deepEqual(stored.answers['2.1.12'], { choice: 'no' }, "tab B's answer saved");
  assert.deepEqual(problems, []);
  await context.close();
});

// A whole assessment: the smallest shipped rule set, every applicable question answered through the
// UI, then the task list, check your answers, both exports and the print view (an A4 PDF).
const WHOLE = { id: 'carag-2020-nps-domain-three', file: 'carag-2020-nps-domain-three.toml' };

test(`Firefox: a whole assessment with the rule set ${WHOLE.id}, under the strict CSP header, axe-core on every page`, async (t) => {
  const m = model(rulesTool('dump', join(ROOT, 'rules', WHOLE.file)));
  const s = await serve({ root: ROOT, prefix: '/', csp: true });
  const { context, page, problems, downloads } = await openFirefoxPage(browser, { origin: s.origin });
  const axed = [];
  const visit = async (name) => { axed.push(name); assert.deepEqual(await axe(page), [], `axe-core on ${name}`); };
  try {
    await page.goto(s.url);
    const id = await start(page, 'FF-WHOLE-1', m.dump.meta.title, visit);
    const base = `${s.url}#/draft/${encodeURIComponent(id)}`;
    await visit('case facts');

    // Every page in turn: answer each applicable question not yet answered, again while answers make others apply.
    const pages = [['facts', 'Case facts'], ...[...m.sections.values()].map((x) => [`section/${encodeURIComponent(x.id)}`, x.title])];
    const chosen = {};
    for (const [route, title] of pages) {
      await page.goto(`${base}/${route}`);
      await heading(page, title);
      const here = [...m.items.values()].filter((i) => (route === 'facts' ? i.section === null : route === `section/${encodeURIComponent(i.section)}`));
      for (let round = 0; ; round++) {
        assert.ok(round < 10, `answering ${title} ends`);
        const answers = (await storedDrafts(page))[id].answers;
        const open = [];
        for (const item of here.filter((i) => !(i.id in answers))) {
          // A case fact is on the page only while it is asked (its answer can change something).
          if (item.kind === 'fact' && (await page.$(`#${domId(item.id)}`)) === null) continue;
          const na = await page.$eval(`#${domId(item.id)}`, (e) => e.classList.contains('app-question--na'));
          if (!na) open.push(item);
        }
        if (open.length === 0) break;
        // An answer given in this round may make a later one not apply (a fact asked only in some
        // cases): answer each only while it still applies.
        const answered = [];
        for (const item of open) {
          // Gone (a fact no longer asked) or not applicable since the round began.
          const el = await page.$(`#${domId(item.id)}`);
          if (el === null || (await el.evaluate((e) => e.classList.contains('app-question--na')))) continue;
          chosen[item.id] = await answer(page, item);
          answered.push(item);
        }
        await savedAnswers(page, id, Object.fromEntries(answered.map((i) => [i.id, null]))).catch(async (e) => {
          const stored = (await storedDrafts(page))[id].answers;
          throw new Error(`${e.message}: not saved: ${answered.filter((i) => !(i.id in stored)).map((i) => `${i.id} (${i.answer.type})`).join(', ')}`);
        });
      }
      if (route !== 'facts') await visit(`section ${title}`);
    }
    t.diagnostic(`answered ${Object.keys(chosen).length} facts and questions`);

    await page.goto(base);
    await heading(page, 'Case FF-WHOLE-1');
    const statuses = await page.$$eval('.govuk-task-list__status', (xs) => xs.map((x) => x.innerText.trim()));
    assert.deepEqual(statuses.filter((x) => !/^(Completed|Not applicable)$/.test(x)), [], `every task done: ${statuses.join(', ')}`);
    const progress = /You have answered (\d+) of (\d+) applicable questions/.exec(await text(page, '#progress'));
    assert.ok(progress && progress[1] === progress[2], await text(page, '#progress'));
    await visit('task list');
    await shot(page, 'firefox-whole-task-list');

    await click(page, 'link', 'Check your answers');
    await heading(page, 'Check your answers');
    assert.equal(await page.$('#unanswered'), null, 'nothing left to answer');
    const check = await text(page, 'main');
    for (const [qid, shown] of Object.entries(chosen)) if (m.items.get(qid).kind !== 'fact') assert.ok(check.includes(qid), `check your answers lists ${qid} (${shown})`);
    await visit('check your answers');

    await page.goto(base);
    await heading(page, 'Case FF-WHOLE-1');
    const saved = (await storedDrafts(page))[id];
    const json = JSON.parse(readFileSync(await downloadedFile(downloads, () => click(page, 'button', 'Export as JSON')), 'utf8'));
    assert.equal(json.drafts[0].rule_set.id, WHOLE.id);
    assert.deepEqual(json.drafts[0].answers, saved.answers, 'the JSON export holds every answer saved');
    assert.ok(Object.keys(chosen).every((k) => k in json.drafts[0].answers));
    const csv = readFileSync(await downloadedFile(downloads, () => click(page, 'button', 'Export as CSV')), 'utf8').replace(/^\uFEFF/, '');
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], ['question', 'section', 'kind', 'applicable', 'answer', 'hint', 'notes', 'weight', 'tally']);
    assert.deepEqual(rows.slice(1).map((r) => r[0]), [...m.items.values()].map(csvName), 'one CSV row per fact and question, in order');
    assert.ok(rows.every((r) => r.length === 9), 'nine fields in every row');

    await click(page, 'link', 'Print or save as PDF');
    await heading(page, 'Case FF-WHOLE-1');
    await find(page, 'button', 'Print');
    await visit('print view');
    // Firefox prints with print media by itself; puppeteer has no media emulation over BiDi.
    const printed = await pdfText({ emulateMedia: async () => {}, pdf: (o) => page.pdf(o) }, 'firefox-print');
    assert.notEqual(printed, null, 'pdftotext reads the printed PDF (apt-get install poppler-utils)');
    const flat = printed.replace(/\s+/g, ' ');
    assert.ok(flat.includes('Case FF-WHOLE-1'));
    assert.doesNotMatch(flat, /Skip to main content|Search questions and guidance/, 'no navigation printed');
    const firstLines = printed.split('\f').map((pg) => pg.split('\n').find((l) => l.trim())?.trim() ?? '');
    for (const x of m.sections.values()) assert.ok(firstLines.includes(x.title), `section "${x.title}" starts a new page: ${JSON.stringify(firstLines)}`);
    const missing = [...m.items.values()].filter((i) => i.kind !== 'fact' && !flat.includes(i.id));
    assert.deepEqual(missing.map((i) => i.id), [], 'every question id printed');
    assert.deepEqual(problems, []);
    t.diagnostic(`axe-core ran on: ${axed.join(', ')}`);
  } finally {
    await context.close();
    await s.close();
  }
});

/**
 * The accessible name of a fact's or question's text box: its question (a fact's label; a question's
 * id and text) and its unit, as the box is labelled by the legend and the unit.
 */
const boxName = (item) => [item.kind === 'fact' ? item.text : `${item.id}${item.id_inferred ? ' (id inferred)' : ''} ${item.text}`, item.answer.unit]
  .filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();

/** Answers `item` (a fact or question of the dump) on its page with its first option; gives what was entered. */
async function answer(page, item) {
  const scope = `#${domId(item.id)}`;
  switch (item.answer.type) {
    case 'bool': await (await find(page, 'radio', 'Yes', { scope })).click(); return 'Yes';
    case 'choice': {
      const label = item.answer.scale.options[0].label;
      await (await find(page, 'radio', label, { scope })).click();
      return label;
    }
    case 'multi': await click(page, 'button', 'None of these', { scope }); return 'None';
    case 'number': {
      const n = String(Math.max(item.answer.min ?? 0, 1));
      await fill(page, boxName(item), n, { scope });
      return n;
    }
    case 'text': await fill(page, boxName(item), 'Firefox', { scope }); return 'Firefox';
    default: throw new Error(`${item.id}: answer type ${item.answer.type} is not driven by this test`);
  }
}
