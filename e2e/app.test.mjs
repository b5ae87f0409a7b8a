// End-to-end tests of the built dist/ in headless Chromium: the thin path through the product
// (answer, reload, export), at the root, under a sub-path, under a strict CSP, in iframes, and an
// accessibility check. Run after `trunk build --release`: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch, openPage, axe, shot, startAssessment, mainHeading } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Answers the first radio question of the first section, reloads, checks it is kept, exports. */
async function answerReloadExport(base, { name, csp = false }) {
  const srv = await serve({ prefix: base, csp, fixture: true });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  try {
    await page.goto(srv.url);
    await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
    await startAssessment(page, `E2E-${name}`);
    // Go to the task list, then the first section.
    await page.getByRole('link', { name: 'Save and return to the task list' }).click();
    await mainHeading(page, `Case E2E-${name}`).waitFor();
    const draftUrl = page.url();
    await page.getByRole('link', { name: 'Information about the case' }).click();
    await mainHeading(page, 'Information about the case').waitFor();
    const radio = page.getByRole('radio', { disabled: false }).first();
    await radio.check();
    await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
    await shot(page, `${name}-section`);

    await page.reload();
    await mainHeading(page, 'Information about the case').waitFor({ timeout: 10000 });
    await page.getByRole('radio', { disabled: false }).first().waitFor();
    assert.equal(await page.getByRole('radio', { disabled: false }).first().isChecked(), true, 'answer kept after reload');
    assert.equal(await page.getByRole('radio', { checked: true }).count(), 1, 'only that answer');

    await page.goto(draftUrl);
    const exportJson = page.getByRole('button', { name: 'Export as JSON' });
    await exportJson.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), exportJson.click()]);
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
  await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
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
  await frame.getByRole('heading', { level: 1, name: 'Your assessments' }).waitFor({ timeout: 10000 });
  assert.equal(await frame.getByText('This browser does not let the page save drafts here').count(), 0, 'storage works in a same-origin frame');
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
  await frame.getByRole('heading', { level: 1, name: 'Your assessments' }).waitFor({ timeout: 10000 });
  const blocked = await page.frames()[1].evaluate(() => { try { localStorage.getItem('x'); return false; } catch { return true; } });
  assert.equal(blocked, true, 'this browser refuses storage to a cross-site frame');
  await frame.getByText('This browser does not let the page save drafts here').waitFor();
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
  await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
  assert.deepEqual(await axe(page), [], 'home page');
  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  await page.getByRole('radio').first().waitFor();
  assert.deepEqual(await axe(page), [], 'start page');
  await page.getByLabel('Case reference').fill('AXE-1');
  await page.getByRole('radio', { name: 'Example rule set (test fixture)' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await mainHeading(page, 'Case facts').waitFor();
  assert.deepEqual(await axe(page), [], 'case facts page');
  await page.getByRole('link', { name: 'Save and return to the task list' }).click();
  await mainHeading(page, 'Case AXE-1').waitFor();
  assert.deepEqual(await axe(page), [], 'task list');
  await shot(page, 'task-list');
  await page.getByRole('link', { name: 'Information about the case' }).click();
  await page.getByRole('group').first().waitFor();
  assert.deepEqual(await axe(page), [], 'section page');
  await shot(page, 'section');
  assert.deepEqual(problems.filter((p) => !p.startsWith('foreign')), []);
  await context.close();
  await srv.close();
});
