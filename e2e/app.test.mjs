// End-to-end tests of the built dist/ in headless Chromium: the thin path through the product
// (answer, reload, export), at the root, under a sub-path, under a strict CSP, in iframes, and an
// accessibility check. Run after `trunk build --release`: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch, openPage, axe, shot, startAssessment } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Answers the first radio question of the first section, reloads, checks it is kept, exports. */
async function answerReloadExport(base, { name, csp = false }) {
  const srv = await serve({ prefix: base, csp, fixture: true });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  try {
    await page.goto(srv.url);
    await page.locator('#main-heading', { hasText: 'Your assessments' }).waitFor({ timeout: 10000 });
    await startAssessment(page, `E2E-${name}`);
    // Go to the task list, then the first section.
    await page.locator('#facts-done').click();
    await page.locator('#task-list').waitFor();
    const draftUrl = page.url();
    await page.locator('#task-list a.govuk-task-list__link').nth(1).click();
    const radio = page.locator('.app-question:not(.app-question--na) input.govuk-radios__input:not([disabled])').first();
    await radio.waitFor();
    const radioId = await radio.getAttribute('id');
    await radio.check();
    await page.locator('#save-status', { hasText: 'Saved at' }).waitFor();
    await shot(page, `${name}-section`);

    await page.reload();
    await page.locator(`#${radioId}`).waitFor({ timeout: 10000 });
    assert.equal(await page.locator(`#${radioId}`).isChecked(), true, 'answer kept after reload');

    await page.goto(draftUrl);
    await page.locator('#export-json').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    const json = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(json.format, 'case-assessor-export');
    assert.equal(json.drafts.length, 1);
    assert.equal(json.drafts[0].case_ref, `E2E-${name}`);
    assert.ok(Object.keys(json.drafts[0].answers).length >= 1, 'export holds the answer');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.close();
  }
}

test('answer, reload, export at the root', () => answerReloadExport('/', { name: 'root' }));
test('answer, reload, export under a sub-path', () => answerReloadExport('/tools/assessor/', { name: 'subpath' }));
test('answer, reload, export under the strict Content-Security-Policy', () => answerReloadExport('/', { name: 'csp', csp: true }));

test('a sub-path without its trailing slash redirects', async () => {
  const srv = await serve({ prefix: '/tools/assessor/', fixture: true });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  await page.goto(`${srv.origin}/tools/assessor`);
  await page.locator('#main-heading', { hasText: 'Your assessments' }).waitFor({ timeout: 10000 });
  assert.deepEqual(problems, []);
  await context.close();
  await srv.close();
});

test('runs in a same-origin iframe and saves there', async () => {
  const host = '<!doctype html><html lang="en"><head><title>Intranet</title></head><body><h1>Intranet</h1><iframe title="Case Assessor" src="/tools/assessor/" width="1000" height="800"></iframe></body></html>';
  const srv = await serve({ prefix: '/tools/assessor/', pages: { '/intranet.html': host }, fixture: true });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  await page.goto(`${srv.origin}/intranet.html`);
  const frame = page.frameLocator('iframe');
  await frame.locator('#main-heading', { hasText: 'Your assessments' }).waitFor({ timeout: 10000 });
  assert.equal(await frame.locator('#storage-warning').count(), 0, 'storage works in a same-origin frame');
  await shot(page, 'iframe-same-origin');
  assert.deepEqual(problems, []);
  await context.close();
  await srv.close();
});

test('in a cross-site iframe where storage is refused it runs and says drafts cannot be saved', async () => {
  const app = await serve({ prefix: '/', fixture: true });
  // The host page is served from "localhost", the app from 127.0.0.1: another site.
  const host = await serve({ pages: { '/host.html': `<!doctype html><html lang="en"><head><title>Host</title></head><body><iframe title="Case Assessor" src="${app.url}" width="1000" height="800"></iframe></body></html>` } });
  const context = await browser.newContext();
  // Refuse storage in third-party frames, as locked-down browsers do.
  const page = await context.newPage();
  await page.goto(host.url.replace('127.0.0.1', 'localhost') + 'host.html');
  const frame = page.frameLocator('iframe');
  await frame.locator('#main-heading', { hasText: 'Your assessments' }).waitFor({ timeout: 10000 });
  const blocked = await page.frames()[1].evaluate(() => { try { localStorage.getItem('x'); return false; } catch { return true; } });
  assert.equal(blocked, true, 'this browser refuses storage to a cross-site frame');
  await frame.locator('#storage-warning').waitFor();
  await shot(page, 'iframe-cross-site');
  await context.close();
  await app.close();
  await host.close();
});

test('axe-core finds no accessibility violations on the main pages', async () => {
  const srv = await serve({ prefix: '/', fixture: true });
  // axe-core is injected as an inline script, which the page's own CSP would refuse.
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  await page.goto(srv.url);
  await page.locator('#main-heading').waitFor({ timeout: 10000 });
  assert.deepEqual(await axe(page), [], 'home page');
  await page.locator('#start-new').click();
  await page.locator('#rule-set-0').waitFor();
  assert.deepEqual(await axe(page), [], 'start page');
  await page.locator('#case-ref').fill('AXE-1');
  await page.locator('input[name="rule-set"][value="example"]').check();
  await page.locator('#create').click();
  await page.locator('h1#main-heading', { hasText: 'Case facts' }).waitFor();
  assert.deepEqual(await axe(page), [], 'case facts page');
  await page.locator('#facts-done').click();
  await page.locator('#task-list').waitFor();
  assert.deepEqual(await axe(page), [], 'task list');
  await shot(page, 'task-list');
  await page.locator('#task-list a.govuk-task-list__link').nth(1).click();
  await page.locator('.app-question').first().waitFor();
  assert.deepEqual(await axe(page), [], 'section page');
  await shot(page, 'section');
  assert.deepEqual(problems.filter((p) => !p.startsWith('foreign')), []);
  await context.close();
  await srv.close();
});
