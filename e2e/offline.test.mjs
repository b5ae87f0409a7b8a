// End-to-end tests of offline use (the service worker dist/sw.js, written by tools/offline.mjs):
// after one load the app opens with the network gone and the server stopped, every shipped rule set
// opens and saves; a new release waits until the user reloads, and keeps every answer; where the
// browser refuses workers the app still runs. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { launch, openPage, shot, shippedRuleSets, startAssessment, mainHeading, taskLinks } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const PREFIX = '/tools/assessor/';
const HOME = 'Your assessments';

/** The version written into a built folder's sw.js. */
function swVersion(dir) {
  const m = readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const VERSION = "([0-9a-f]+)";$/m);
  assert.ok(m, `${dir}/sw.js has a version`);
  return m[1];
}

/** Rule set ids, in the catalogue's order. */
function shippedIds() {
  return [...readFileSync('rules/index.toml', 'utf8').matchAll(/^id\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
}

/** Stops a test server at once, dropping its open connections. */
async function stop(srv) {
  const closed = srv.close();
  srv.server.closeAllConnections();
  await closed;
}

/** Waits until the worker is active and its cache holds this version; gives the cache names. */
async function workerReady(page, version) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(async (v) => (await caches.keys()).some((k) => k.endsWith(':' + v)), version, { timeout: 15000 });
  return page.evaluate(() => caches.keys());
}

/** The draft answers stored in this browser, by draft id. */
async function storedAnswers(page) {
  return page.evaluate(() => {
    const out = {};
    for (const k of Object.keys(localStorage)) {
      if (k.startsWith('case-assessor/v1/draft/')) out[k] = JSON.parse(localStorage.getItem(k)).answers;
    }
    return out;
  });
}

/** Answers the `n`-th open radio question on the page with its first choice; waits until it is
 * saved. Gives the question's accessible name (its legend), for {@link firstChoice}. */
async function answerFirst(page, n = 0) {
  const group = page.getByRole('group').filter({ has: page.getByRole('radio', { disabled: false }) }).nth(n);
  const radio = group.getByRole('radio').first();
  await radio.waitFor({ timeout: 10000 });
  const name = (await group.evaluate((fieldset) => fieldset.firstElementChild.textContent)).replace(/\s+/g, ' ').trim();   // its legend
  await radio.check();
  await page.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
  return name;
}

/** The first choice of the question named `name` (as {@link answerFirst} gave it). */
const firstChoice = (page, name) => page.getByRole('group', { name }).getByRole('radio').first();

test('after one load it works offline: home, an assessment and every rule set open and save', async () => {
  const srv = await serve({ prefix: PREFIX, csp: true });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  try {
    await page.goto(srv.url);
    await mainHeading(page, HOME).waitFor({ timeout: 10000 });
    const version = swVersion('dist');
    const keys = await workerReady(page, version);
    assert.deepEqual(keys, [`case-assessor:${PREFIX}:${version}`], 'one cache, named after the folder and the version');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(scope, srv.url, "the worker's scope is the app's folder");
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), keys[0]);
    for (const file of shippedRuleSets()) assert.ok(cached.includes(`${PREFIX}rules/${file}`), `rule set ${file} is kept for offline use`);
    assert.ok(cached.some((p) => p.endsWith('.wasm')), 'the app itself is kept');

    // The network goes, and so does the server: only the worker can answer now.
    await context.setOffline(true);
    await stop(srv);
    await page.reload();
    await mainHeading(page, HOME).waitFor({ timeout: 10000 });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true, 'the worker serves the page');

    const made = [];
    for (const id of shippedIds()) {
      await page.goto(`${srv.url}#/`);
      await mainHeading(page, HOME).waitFor();
      await startAssessment(page, `OFFLINE-${id}`, id);
      const draftUrl = page.url();
      const radio = await answerFirst(page);
      // The task list and a section of this rule set open too.
      await page.getByRole('link', { name: 'Save and return to the task list' }).click();
      await mainHeading(page, `Case OFFLINE-${id}`).waitFor();
      await taskLinks(page).nth(1).click();
      await page.getByRole('group').first().waitFor();
      made.push({ id, draftUrl, radio });
    }
    await shot(page, 'offline-section');

    // Everything made offline is there after another offline reload.
    await page.goto(`${srv.url}#/`);
    await page.reload();
    for (const { id, draftUrl, radio } of made) {
      await mainHeading(page, HOME).waitFor({ timeout: 10000 });
      assert.equal(await page.getByRole('link', { name: `OFFLINE-${id}`, exact: true }).count(), 1, `the draft for ${id} is listed`);
      await page.goto(draftUrl);
      await firstChoice(page, radio).waitFor({ timeout: 10000 });
      assert.equal(await firstChoice(page, radio).isChecked(), true, `${id}: the answer made offline is kept`);
      await page.goto(`${srv.url}#/`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await stop(srv).catch(() => {});
  }
});

test('a new release waits for the reload the user chooses, and keeps every answer', async () => {
  // Two builds: the one in dist/, and the same with a changed rule catalogue (as when an
  // administrator adds a rule set), with its worker rewritten by tools/offline.mjs.
  const tmp = mkdtempSync(join(tmpdir(), 'release-'));
  const v1 = join(tmp, 'v1'), v2 = join(tmp, 'v2'), site = join(tmp, 'site');
  cpSync('dist', v1, { recursive: true });
  cpSync('dist', v2, { recursive: true });
  appendFileSync(join(v2, 'rules/index.toml'), '\n# A later release.\n');
  execFileSync('node', ['tools/offline.mjs', v2]);
  const [old, next] = [swVersion(v1), swVersion(v2)];
  assert.notEqual(old, next, 'the changed build has a new version');
  cpSync(v1, site, { recursive: true });

  const srv = await serve({ root: site, prefix: PREFIX, csp: true });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  try {
    await page.goto(srv.url);
    await mainHeading(page, HOME).waitFor({ timeout: 10000 });
    await workerReady(page, old);
    await page.reload();
    await mainHeading(page, HOME).waitFor({ timeout: 10000 });
    await startAssessment(page, 'UPDATE-1', shippedIds()[0]);
    await answerFirst(page);
    await page.getByRole('link', { name: 'Save and return to the task list' }).click();
    await taskLinks(page).nth(1).click();
    const section = await answerFirst(page);
    const before = await storedAnswers(page);
    assert.equal(Object.keys(Object.values(before)[0]).length, 2, 'two answers stored');
    assert.equal(await page.getByText('A new version is ready.').count(), 0, 'no banner without a new release');

    // The new release is published; the page's next check finds it.
    rmSync(site, { recursive: true });
    cpSync(v2, site, { recursive: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('region', { name: 'Important' });
    await banner.getByText('A new version is ready.').waitFor({ timeout: 15000 });
    await shot(page, 'offline-update-ready');
    // It waits: the old version still serves this page, both copies are kept.
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r.waiting?.state, keys: (await caches.keys()).sort() };
    });
    assert.equal(state.waiting, 'installed', 'the new version waits');
    assert.deepEqual(state.keys, [`case-assessor:${PREFIX}:${old}`, `case-assessor:${PREFIX}:${next}`].sort());

    // An answer given while it waits is kept too.
    const second = await answerFirst(page, 1);
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    for (const id of [section, second]) {
      await firstChoice(page, id).waitFor({ timeout: 10000 });
      assert.equal(await firstChoice(page, id).isChecked(), true, `answer to ${id} kept after the reload`);
    }
    const after = await storedAnswers(page);
    const [draft] = Object.keys(before);
    assert.deepEqual(Object.keys(after), [draft]);
    for (const [q, a] of Object.entries(before[draft])) assert.deepEqual(after[draft][q], a, `answer to ${q} kept`);
    assert.equal(Object.keys(after[draft]).length, 3, 'the answer given while the new version waited is kept');
    assert.equal(await page.getByText('A new version is ready.').count(), 0, 'the banner is gone after the reload');
    const keys = await page.evaluate(() => caches.keys());
    assert.deepEqual(keys, [`case-assessor:${PREFIX}:${next}`], 'the old copy is deleted once the new version took over');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await stop(srv).catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('where the browser refuses workers (plain HTTP on another host) the app runs and saves online', async () => {
  // "app.test" resolves to the loopback server, but unlike 127.0.0.1 it is not a secure context.
  const insecure = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP app.test 127.0.0.1'],
  });
  const srv = await serve({ prefix: PREFIX, csp: true, fixture: true });
  const url = srv.url.replace('127.0.0.1', 'app.test');
  const { context, page, problems } = await openPage(insecure, { origin: new URL(url).origin });
  try {
    await page.goto(url);
    await mainHeading(page, HOME).waitFor({ timeout: 10000 });
    assert.deepEqual(await page.evaluate(() => [window.isSecureContext, 'serviceWorker' in navigator]), [false, false]);
    await startAssessment(page, 'PLAIN-HTTP');
    await answerFirst(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await insecure.close();
    await srv.close();
  }
});

test('in a cross-site iframe the app runs with no error, worker or not', async () => {
  const app = await serve({ prefix: PREFIX, csp: true, fixture: true });
  const host = await serve({ pages: { '/host.html': `<!doctype html><html lang="en"><head><title>Host</title></head><body><iframe title="Case Assessor" src="${app.url}" width="1000" height="800"></iframe></body></html>` } });
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(host.url.replace('127.0.0.1', 'localhost') + 'host.html');
    const frame = page.frameLocator('iframe');
    await mainHeading(frame, HOME).waitFor({ timeout: 10000 });
    await page.waitForTimeout(1000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await app.close();
    await host.close();
  }
});
