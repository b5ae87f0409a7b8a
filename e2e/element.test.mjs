// End-to-end tests of embedding: the <case-assessor> element (dist/case-assessor.js) on an intranet
// page with hostile CSS and the strict Content-Security-Policy, two elements on one page, and the
// iframe route's messages to the host origin it names. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { serve } from './server.mjs';
import { launch, openPage, shot, startAssessment, mainHeading } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SUB = '/tools/assessor/';
const [FIRST, SECOND] = [...readFileSync('rules/index.toml', 'utf8').matchAll(/^id\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);

// An intranet's own styles, written to clash: another root font size (GOV.UK sizes in rem), rules
// for every element, GOV.UK's own class names and custom properties, and styles on the element.
const HOSTILE_CSS = `
html { font-size: 10px; }
body { font: 30px/3 serif; color: rgb(0, 128, 0); letter-spacing: 2px; }
* { box-sizing: content-box; }
h1, h2, p, a, button, input, label, div, li { color: rgb(255, 0, 0) !important; font-family: monospace !important; margin: 7px; }
button { border: 5px dashed lime; background: pink; }
.govuk-button, .govuk-heading-l, .govuk-body { display: none !important; font-size: 99px !important; }
:root { --govuk-brand-colour: rgb(255, 0, 255); --govuk-text-colour: rgb(255, 0, 255); }
case-assessor { display: block; color: rgb(255, 0, 0); font-size: 40px; line-height: 5; text-transform: uppercase; border: 1px solid black; }
`;

// Records what the elements tell the host (an external file: the page's policy refuses inline script).
const HOST_JS = `
window.hostEvents = [];
for (const type of ['saved', 'exported']) {
  document.addEventListener(type, (e) => window.hostEvents.push({ type, target: e.target.id, detail: e.detail }));
}
window.addEventListener('message', (e) => window.hostEvents.push({ type: 'message', origin: e.origin, data: e.data }));
`;

const HOST_BODY = '<h1 class="host-title">Intranet</h1><p class="host-text">News of the day.</p><button class="host-button" type="button">Search</button>';

function hostPage({ elements }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
<link rel="stylesheet" href="/host.css"><script type="module" src="/host.js"></script>
${elements ? `<script type="module" src="${SUB}case-assessor.js"></script>` : ''}
</head><body>${HOST_BODY}
${elements ? `<case-assessor id="one"></case-assessor><case-assessor id="two" rule-set="${FIRST}"></case-assessor>` : ''}
</body></html>`;
}

/** Computed styles of the host's own elements. */
function hostStyles(page) {
  return page.evaluate(() => ['html', 'body', '.host-title', '.host-text', '.host-button'].map((sel) => {
    const s = getComputedStyle(document.querySelector(sel));
    return [sel, s.fontSize, s.fontFamily, s.color, s.margin, s.lineHeight, s.border, s.backgroundColor].join(' | ');
  }));
}

/** Computed styles of parts of the app (inside `scope`, a locator), to compare with the app's own page. */
async function appStyles(scope) {
  const out = {};
  for (const [name, sel] of [['heading', '#main-heading'], ['button', '#start-new'], ['body', 'p.govuk-body'], ['container', '.govuk-width-container']]) {
    out[name] = await scope.locator(sel).first().evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.display, s.fontSize, s.fontFamily, s.color, s.lineHeight, s.backgroundColor, s.marginBottom, s.paddingLeft, s.textTransform, s.letterSpacing].join(' | ');
    });
  }
  return out;
}

test('the element on a hostile intranet page under the strict CSP: styles kept apart both ways; an assessment made, saved and exported; the host gets both events; two elements never edit one draft', async () => {
  const srv = await serve({
    prefix: SUB, csp: true,
    pages: { '/intranet.html': hostPage({ elements: true }), '/plain.html': hostPage({ elements: false }), '/host.css': HOSTILE_CSS, '/host.js': HOST_JS },
  });
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  try {
    // The app on its own page, for reference.
    await page.goto(srv.url);
    await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
    const reference = await appStyles(page);
    // The host page without the element, for reference.
    await page.goto(`${srv.origin}/plain.html`);
    const hostAlone = await hostStyles(page);

    await page.goto(`${srv.origin}/intranet.html`);
    const one = page.locator('#one');
    const two = page.locator('#two');
    await mainHeading(one, 'Your assessments').waitFor({ timeout: 15000 });
    await mainHeading(two, 'Your assessments').waitFor({ timeout: 15000 });
    assert.deepEqual(await hostStyles(page), hostAlone, "the element changes none of the host's styles");
    assert.deepEqual(await appStyles(one), reference, "the host's styles do not reach the element (root font size 10px, hostile rules)");
    assert.equal(await page.evaluate(() => document.querySelectorAll('style, [style]').length), 0, 'no inline style anywhere in the host document');
    assert.deepEqual(await one.evaluate((el) => [...el.shadowRoot.querySelectorAll('style, [style]')].map((e) => e.outerHTML.slice(0, 200))), [], 'no inline style in the shadow root');

    await shot(page, 'element-hostile-host'); // after the checks: the screenshot touches the page

    // The skip link works inside the element, by keyboard, and leaves the host's address alone.
    const hostUrl = page.url();
    await one.getByRole('link', { name: 'Skip to main content' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#one').shadowRoot.activeElement?.id === 'main-content');
    assert.equal(page.url(), hostUrl);

    // An assessment in the first element.
    await startAssessment(one, 'ELEMENT-1', FIRST);
    await one.getByRole('radio', { disabled: false }).first().check();
    await one.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
    await one.getByRole('link', { name: 'Save and return to the task list' }).click();
    await mainHeading(one, 'Case ELEMENT-1').waitFor();
    assert.equal(page.url(), hostUrl, "the element's navigation leaves the host's address alone");

    const [download] = await Promise.all([page.waitForEvent('download'), one.getByRole('button', { name: 'Export as JSON' }).click()]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(file.drafts[0].case_ref, 'ELEMENT-1');

    const events = await page.evaluate(() => window.hostEvents);
    const saved = events.filter((e) => e.type === 'saved');
    assert.ok(saved.length >= 1, 'the host got a saved event');
    const last = saved.at(-1);
    assert.equal(last.target, 'one', 'from the element that saved');
    assert.equal(last.detail.caseReference, 'ELEMENT-1');
    assert.equal(last.detail.ruleSet.id, FIRST);
    assert.equal(last.detail.draftId, file.drafts[0].id);
    assert.ok(!Number.isNaN(Date.parse(last.detail.time)), 'the save time is a date');
    const exported = events.filter((e) => e.type === 'exported');
    assert.equal(exported.length, 1, 'one exported event');
    assert.equal(exported[0].target, 'one');
    assert.deepEqual(JSON.parse(exported[0].detail.json), file, 'the exported event carries the export file');
    assert.equal(events.filter((e) => e.type === 'message').length, 0, 'an element posts no messages');

    // The second element offers only the rule set it is fixed to, and shows the first element's
    // draft read-only while the first holds it.
    await two.getByRole('button', { name: 'Start a new assessment' }).click();
    const offered = two.getByRole('group', { name: 'Which rule set are you assessing against?' }).getByRole('radio');
    await offered.first().waitFor();
    assert.equal(await offered.count(), 1, 'one rule set offered');
    assert.equal(await offered.getAttribute('value'), FIRST, 'the one the element is fixed to');
    await two.getByRole('link', { name: 'Your assessments', exact: true }).click();
    await two.getByRole('link', { name: 'ELEMENT-1', exact: true }).click();
    await two.getByRole('region', { name: 'Read only' }).waitFor({ timeout: 10000 });
    await two.getByRole('link', { name: 'Case facts' }).click();
    const shown = two.getByRole('radio', { checked: true });
    await shown.waitFor();
    assert.equal(await shown.count(), 1, 'the second element shows the saved answer');
    assert.equal(await shown.isDisabled(), true, 'but cannot change it');
    assert.equal(page.url(), hostUrl);
    await shot(page, 'element-two');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.close();
  }
});

test('in an iframe, saves and exports are posted to the host origin the page names, and only there', async () => {
  const pages = { '/host.js': HOST_JS };
  const srv = await serve({ prefix: SUB, csp: true, fixture: true, pages });
  const named = `${SUB}?host-origin=${encodeURIComponent(srv.origin)}`;
  pages['/intranet.html'] = `<!doctype html><html lang="en"><head><title>Intranet</title><script type="module" src="/host.js"></script></head><body>
<iframe title="Case Assessor" id="named" src="${named}" width="1000" height="800"></iframe>
<iframe title="Case Assessor, unnamed" id="unnamed" src="${SUB}" width="1000" height="300"></iframe></body></html>`;
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  try {
    await page.goto(`${srv.origin}/intranet.html`);
    const frame = page.frameLocator('#named');
    await mainHeading(frame, 'Your assessments').waitFor({ timeout: 10000 });
    await startAssessment(frame, 'FRAME-1');
    await frame.getByRole('radio', { disabled: false }).first().check();
    await frame.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();
    await frame.getByRole('link', { name: 'Save and return to the task list' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export as JSON' }).click()]);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));

    // The unnamed frame makes a save too, and must post nothing.
    const other = page.frameLocator('#unnamed');
    await startAssessment(other, 'FRAME-2');
    await other.getByRole('radio', { disabled: false }).first().check();
    await other.getByRole('status').filter({ hasText: 'Saved at' }).waitFor();

    await page.waitForFunction(() => window.hostEvents.some((e) => e.data?.type === 'case-assessor:exported'));
    const messages = await page.evaluate(() => window.hostEvents.filter((e) => e.type === 'message'));
    assert.ok(messages.every((m) => m.origin === srv.origin));
    const saved = messages.filter((m) => m.data.type === 'case-assessor:saved');
    assert.ok(saved.length >= 1);
    assert.ok(saved.every((m) => m.data.detail.caseReference === 'FRAME-1'), 'only the frame that names the host posts');
    assert.equal(saved.at(-1).data.detail.draftId, file.drafts[0].id);
    const exported = messages.filter((m) => m.data.type === 'case-assessor:exported');
    assert.equal(exported.length, 1);
    assert.deepEqual(JSON.parse(exported[0].data.detail.json), file);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await srv.close();
  }
});
