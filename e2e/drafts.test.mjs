// End-to-end tests of draft safety (issue "Drafts that are never lost"): tab closed mid-session,
// storage full, corrupt entries, two tabs, a changed rule set, hostile and malformed imports, and
// export then import giving back the identical draft. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve } from './server.mjs';
import { launch, openPage, shot, startAssessment, storedDrafts, allStorage, fillStorage, unfillStorage, STORAGE_PREFIX, mainHeading } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ prefix: '/', fixture: true }); });
after(async () => { await browser?.close(); await srv?.close(); });

const PREFIX = STORAGE_PREFIX;

/** Starts an assessment and opens its first section that has enabled radios. Gives the draft id. */
async function newDraftOnSection(page, caseRef) {
  await page.goto(srv.url);
  await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
  await startAssessment(page, caseRef);
  const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  await page.getByRole('link', { name: 'Save and return to the task list' }).click();
  const taskList = mainHeading(page, `Case ${caseRef}`);
  await taskList.waitFor();
  for (const title of ['Information about the case', 'Court work']) {
    await page.getByRole('link', { name: title, exact: true }).click();
    await mainHeading(page, title).waitFor();
    await page.getByRole('group').first().waitFor();
    if (await enabledRadioGroups(page).count() > 0) return id;
    await page.goBack();
    await taskList.waitFor();
  }
  throw new Error('no section with questions to answer');
}

/**
 * The questions on the page with radios that can be answered (a question that does not apply has its
 * radios disabled), each as its first radio (`which` = 'first') or its last.
 */
function enabledRadioGroups(page, which = 'first') {
  const groups = page.getByRole('group').filter({ has: page.getByRole('radio', { disabled: false }) });
  const pick = (g) => (which === 'first' ? g.getByRole('radio').first() : g.getByRole('radio').last());
  return { count: () => groups.count(), nth: (i) => pick(groups.nth(i)), first: () => pick(groups.first()) };
}

test('a tab closed at any point keeps every answer saved before it closed', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'CLOSE-1');
  const url = page.url();
  const n = await enabledRadioGroups(page).count();
  assert.ok(n >= 1);
  let current = page;
  for (const stopAt of [1, Math.ceil(n / 2), n]) {
    await current.goto(url);
    const radios = enabledRadioGroups(current);
    await radios.first().waitFor();
    for (let i = 0; i < Math.min(stopAt, await radios.count()); i++) await radios.nth(i).check();
    const before = (await storedDrafts(current))[id];
    await current.close({ runBeforeUnload: false });     // closed abruptly, no waiting
    current = await context.newPage();
    await current.goto(srv.url);
    await mainHeading(current, 'Your assessments').waitFor();
    const after = (await storedDrafts(current))[id];
    // Nothing saved before the close is lost (the close may also save a change still waiting: the
    // save runs in a task of its own, so `before` can be read just before it).
    for (const [k, v] of Object.entries(before.answers)) assert.deepEqual(after.answers[k], v, `answer ${k} kept after closing at step ${stopAt}`);
    assert.ok(Object.keys(after.answers).length >= Math.min(stopAt, 1));
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('when storage is full the page says so, keeps the work and offers a download; nothing saved is lost', async () => {
  const { context, page } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'FULL-1');
  const radios = enabledRadioGroups(page);
  await radios.first().check();
  await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
  const saved = (await storedDrafts(page))[id];
  // Fill the quota with filler until a write fails.
  await fillStorage(page);
  // Change something: the save must fail visibly.
  await page.getByText(/^Notes and evidence for /).filter({ visible: true }).first().click();
  const note = page.getByRole('textbox', { name: /^Notes and evidence for / }).first();
  await note.fill('A note that cannot be saved because storage is full. '.repeat(20));
  await note.blur();
  await page.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();
  // The warning stays in view where the inspector is working, and the question is marked.
  const inView = async () => {
    const box = await page.getByRole('status').filter({ hasText: 'Not saved' }).boundingBox();
    const vp = page.viewportSize();
    return box && box.y >= 0 && box.y + box.height <= vp.height + 1;
  };
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok(await inView(), 'the warning is in the window at the bottom of the page');
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.ok(await inView(), 'and at the top');
  await page.getByText('Your change to this question is not saved').first().waitFor();
  assert.ok(await page.getByRole('button', { name: 'Download this assessment' }).isVisible());
  // Leaving the page with the unsaved change asks first.
  const asked = new Promise((resolve) => page.once('dialog', async (d) => { resolve(d.type()); await d.dismiss(); }));
  page.evaluate(() => location.reload()).catch(() => {});
  assert.equal(await asked, 'beforeunload');
  await shot(page, 'storage-full');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download this assessment' }).click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.ok(Object.values(json.drafts[0].notes)[0].startsWith('A note that cannot be saved'), 'the download holds the unsaved work');
  assert.deepEqual((await storedDrafts(page))[id], saved, 'what was saved before is intact');
  await unfillStorage(page);
  // With room again, the next change saves everything; leaving then asks nothing.
  await note.fill('Saved once there is room.');
  await note.blur();
  await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
  assert.equal(await page.getByText('Your change to this question is not saved').count(), 0);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.type()); await d.dismiss(); });
  await page.reload();
  await page.getByRole('group').first().waitFor();
  assert.deepEqual(dialogs, [], 'no question asked when everything is saved');
  assert.equal((await storedDrafts(page))[id].notes[Object.keys((await storedDrafts(page))[id].notes)[0]], 'Saved once there is room.');
  await context.close();
});

test('a corrupt entry is reported with its key and the other drafts are intact', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'GOOD-1');
  await enabledRadioGroups(page).first().check();
  await page.evaluate((prefix) => localStorage.setItem(prefix + 'draft/broken-1', '{"id": "broken-1", "answers": {'), PREFIX);
  await page.goto(srv.url);
  await page.getByText('Some saved data cannot be read.').waitFor();
  assert.match(await page.getByRole('main').innerText(), /case-assessor\/v1\/draft\/broken-1/);
  await page.getByRole('table').getByRole('link', { name: 'GOOD-1' }).click();
  await mainHeading(page, 'Case GOOD-1').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), PREFIX + 'draft/broken-1'), '{"id": "broken-1", "answers": {', 'kept as it was');
  assert.ok((await storedDrafts(page))[id].answers);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs on one draft never lose a write', async () => {
  const { context, page: a } = await openPage(browser, { origin: srv.origin });
  await newDraftOnSection(a, 'TABS-1');
  const url = a.url();
  const b = await context.newPage();
  await b.goto(url);
  await b.getByRole('region', { name: 'Read only' }).waitFor({ timeout: 10000 });
  await shot(b, 'second-tab-read-only');
  // Tab A edits; tab B follows.
  const radiosA = enabledRadioGroups(a);
  await radiosA.nth(0).check();
  // B follows: it shows A's answer (its radios are disabled while it is read-only).
  await b.getByRole('radio', { checked: true }).first().waitFor();
  // B takes over; A turns read-only; B's write keeps A's.
  await b.getByRole('button', { name: 'Edit in this tab instead' }).click();
  await a.getByRole('region', { name: 'Read only' }).waitFor({ timeout: 10000 });
  const radiosB = enabledRadioGroups(b, 'last');
  const count = await radiosB.count();
  await radiosB.nth(count - 1).check();
  const id = decodeURIComponent(new URL(url).hash.split('/')[2]);
  const stored = (await storedDrafts(b))[id];
  assert.ok(Object.keys(stored.answers).length >= (count > 1 ? 2 : 1), `both tabs' answers kept: ${JSON.stringify(stored.answers)}`);
  await context.close();
});

test('a draft made under an older rule set keeps every answer, retired ones included', async () => {
  const { context, page } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'OLD-1');
  await enabledRadioGroups(page).first().check();
  await page.evaluate(([prefix, id]) => {
    const key = prefix + 'draft/' + id;
    const d = JSON.parse(localStorage.getItem(key));
    d.rule_set.hash = '0000000000000000';
    d.rule_set.version = '0';
    d.answers['retired-question'] = { text: 'An answer to a question that no longer exists' };
    localStorage.setItem(key, JSON.stringify(d));
  }, [PREFIX, id]);
  await page.goto(srv.url + '#/draft/' + encodeURIComponent(id));
  await page.reload();   // a fresh start of the app, as when the inspector comes back after an update
  const changed = page.getByText(/This assessment was started with version 0 of its rule set/);
  await changed.waitFor({ timeout: 10000 });
  assert.match(await changed.innerText(), /1 answer\(s\) are to questions this version no longer has/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as JSON' }).click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(json.drafts[0].answers['retired-question'].text, 'An answer to a question that no longer exists');
  await context.close();
});

test('export then import gives back the identical draft', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'ROUND-1');
  await enabledRadioGroups(page).first().check();
  await page.goto(srv.url);
  const original = (await storedDrafts(page))[id];
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('row').filter({ hasText: 'ROUND-1' }).getByRole('button', { name: 'Export' }).click()]);
  const path = await download.path();
  await deleteFromHome(page, 'ROUND-1');
  assert.equal((await storedDrafts(page))[id], undefined);
  await importFile(page).setInputFiles(path);
  await page.getByRole('heading', { name: 'The file holds 1 assessment(s)' }).waitFor();
  await page.getByRole('button', { name: 'Import 1 assessment(s)' }).click();
  await page.getByRole('status').filter({ hasText: 'Imported 1' }).waitFor();
  assert.deepEqual((await storedDrafts(page))[id], original);
  assert.deepEqual(problems, []);
  await context.close();
});

test('malformed, oversized, deeply nested and hostile imports get a clear message and write nothing', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'HOST-1');
  await enabledRadioGroups(page).first().check();
  await page.goto(srv.url);
  const good = (await storedDrafts(page))[id];
  const base = { format: 'case-assessor-export', schema: 1, exported: 0, drafts: [good] };
  const cases = {
    'not-json.json': ['{ this is not json', /not valid JSON/],
    'oversized.json': [' '.repeat(5 * 1024 * 1024 + 10), /larger than the 5 MB limit/],
    'nested.json': ['['.repeat(100000) + ']'.repeat(100000), /not valid JSON/],
    'other-format.json': [JSON.stringify({ format: 'surveyjs', schema: 1 }), /not a Case Assessor export/],
    'unknown-rules.json': [JSON.stringify({ ...base, drafts: [{ ...good, id: 'x1', rule_set: { ...good.rule_set, id: 'no-such-rules' } }] }), /no-such-rules.*not available/],
    'wrong-type.json': [JSON.stringify({ ...base, drafts: [{ ...good, id: 'x2', answers: { [Object.keys(good.answers)[0]]: { number: 'seven' } } }] }), /drafts\[0\]/],
    'bad-value.json': [JSON.stringify({ ...base, drafts: [{ ...good, id: 'x3', answers: { [Object.keys(good.answers)[0]]: { choice: '<script>alert(1)</script>' } } }] }), /is not one of/],
  };
  for (const [name, [text, expected]] of Object.entries(cases)) {
    const before = await allStorage(page);
    const path = join(tmpdir(), `ca-${name}`);
    await writeFile(path, text);
    await importFile(page).setInputFiles(path);
    const errors = page.getByRole('alert').filter({ hasText: 'The file cannot be imported' });
    await errors.waitFor();
    const msg = await errors.innerText();
    assert.match(msg, expected, `${name}: ${msg}`);
    assert.deepEqual(await allStorage(page), before, `${name}: nothing written`);
    await importFile(page).setInputFiles([]);
  }
  // A valid file with markup in its text: imported as text, never as markup.
  const hostile = { ...base, drafts: [{ ...good, id: 'hostile-1', case_ref: '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>' }] };
  const path = join(tmpdir(), 'ca-hostile.json');
  await writeFile(path, JSON.stringify(hostile));
  await importFile(page).setInputFiles(path);
  await page.getByRole('button', { name: 'Import 1 assessment(s)' }).click();
  await page.getByRole('status').filter({ hasText: 'Imported 1' }).waitFor();
  assert.equal(await page.getByRole('table').getByRole('img').count(), 0);
  assert.match(await page.getByRole('table').innerText(), /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await shot(page, 'home-after-imports');
  assert.deepEqual(problems, []);
  await context.close();
});

// One owner for the open draft: what the inspector decided elsewhere (a deletion, an import) is never
// undone by a page still showing the old draft.

/** The home page's file field for imports, by its label. */
const importFile = (page) => page.getByLabel('Choose a file exported from Case Assessor (JSON, at most 5 MB)');

/** Deletes the draft with case reference `caseRef` from the home page, by role and name. */
async function deleteFromHome(page, caseRef) {
  const row = page.getByRole('row').filter({ hasText: caseRef });
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Yes, delete' }).click();
  await page.getByRole('status').filter({ hasText: 'The assessment was deleted.' }).waitFor();
}

test('delete, then Back: the deleted draft is not written back and its lock is gone', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(page, 'BACK-1');
  await enabledRadioGroups(page).first().check();
  await page.getByRole('link', { name: 'Your assessments' }).click();
  await mainHeading(page, 'Your assessments').waitFor();
  await deleteFromHome(page, 'BACK-1');
  await page.goBack();
  await page.getByRole('heading', { name: 'This assessment cannot be opened' }).waitFor({ timeout: 10000 });
  assert.match(await page.getByRole('main').innerText(), /no assessment with this address/);
  assert.equal(await enabledRadioGroups(page).count(), 0, 'nothing left to answer');
  await page.waitForTimeout(2500);   // longer than the lock refresh
  const all = await allStorage(page);
  assert.equal(all[PREFIX + 'draft/' + id], undefined, 'the draft stays deleted');
  assert.equal(all[PREFIX + 'lock/' + id], undefined, 'no lock is left for it');
  assert.deepEqual(problems, []);
  await context.close();
});

test('delete in another tab: the open tab says so, offers a download and writes nothing back', async () => {
  const { context, page: a, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(a, 'GONE-1');
  await enabledRadioGroups(a).first().check();
  await a.getByText(/Saved at/).waitFor();
  const b = await context.newPage();
  await b.goto(srv.url);
  await deleteFromHome(b, 'GONE-1');
  await a.getByRole('status').filter({ hasText: /Not saved: this assessment has been deleted/ }).waitFor({ timeout: 10000 });
  assert.equal(await a.getByRole('button', { name: 'Download this assessment' }).count(), 1);
  // The page takes no more changes, and nothing is written back (the lock refresh included).
  assert.equal(await enabledRadioGroups(a).count(), 0, 'no answer can be changed');
  await a.waitForTimeout(2500);
  const all = await allStorage(b);
  assert.equal(all[PREFIX + 'draft/' + id], undefined, 'the draft stays deleted');
  assert.equal(all[PREFIX + 'lock/' + id], undefined, 'no lock is left for it');
  await shot(a, 'deleted-in-another-tab');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an import replacing the open draft is not overwritten by the tab that shows it', async () => {
  const { context, page: a, problems } = await openPage(browser, { origin: srv.origin });
  const id = await newDraftOnSection(a, 'REPL-1');
  await enabledRadioGroups(a).first().check();
  await a.getByText(/Saved at/).waitFor();
  const original = (await storedDrafts(a))[id];
  // Another tab imports a version of the same draft with a different case reference.
  const replacement = { ...original, case_ref: 'REPL-1 imported', answers: {}, updated: original.updated + 1 };
  const path = join(tmpdir(), 'ca-replace.json');
  await writeFile(path, JSON.stringify({ format: 'case-assessor-export', schema: 1, exported: 0, drafts: [replacement] }));
  const b = await context.newPage();
  await b.goto(srv.url);
  await b.getByLabel(/Choose a file exported from Case Assessor/).setInputFiles(path);
  await b.getByRole('button', { name: 'Import 1 assessment(s)' }).click();
  await b.getByRole('status').filter({ hasText: 'Imported 1' }).waitFor();
  // Tab A had nothing waiting: it now shows the imported draft and says why.
  await a.getByRole('region', { name: 'Important' }).filter({ hasText: /changed in another tab or window \(or replaced by an import\)/ }).waitFor({ timeout: 10000 });
  await enabledRadioGroups(a).first().waitFor();
  assert.equal(await enabledRadioGroups(a).first().isChecked(), false, 'the page shows the imported answers');
  // An answer given now is made to the imported draft: the import's case reference stays.
  await enabledRadioGroups(a).first().check();
  await a.getByText(/Saved at/).waitFor();
  const stored = (await storedDrafts(b))[id];
  assert.equal(stored.case_ref, 'REPL-1 imported', 'the import is not overwritten');
  assert.equal(Object.keys(stored.answers).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});
