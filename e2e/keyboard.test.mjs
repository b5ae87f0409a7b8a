// A keyboard-only pass through one whole section of a shipped rule set: from the top of the page,
// Tab reaches every control in document order (each step is checked against the next tab stop the
// page has at that moment, so questions that appear or go as answers change are followed), focus is
// always visible (GOV.UK's focus style on the control or, for a radio, on its label) and not hidden
// behind anything; every question is answered with Space, arrow keys and typing, a note is opened
// with Enter and typed; Shift+Tab walks back in reverse order; Enter on "Save and return to the
// task list" leaves the section completed and saved. No mouse is used after the assessment is
// created. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch, openPage, storedDrafts, shot } from './helpers.mjs';

const RULE_SET = 'Inspection of Adult Offending Work: Case Assessment Guidance';
const SECTION = 'E.3.3';
const TYPED = 'Typed with the keyboard only.';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ root: process.env.E2E_DIST ?? 'dist', prefix: '/' }); });
after(async () => { await browser?.close(); await srv?.close(); });

/**
 * Runs in the page. `which`: 'active' describes the focused element; 'next' / 'previous' the tab
 * stop Tab / Shift+Tab should reach from it, worked out from the DOM as the HTML specification
 * orders them (tabindex 0 in document order; a radio group is one stop: its checked radio, else its
 * first (Tab) or last (Shift+Tab) radio).
 */
function tabStops(which) {
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none') return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS' && !p.open && el.parentElement !== p) return false;
      if (p.inert || p.getAttribute('aria-hidden') === 'true') return false;
    }
    return true;
  };
  const candidates = [...document.querySelectorAll('a[href], button, input, textarea, select, summary, [tabindex]')]
    .filter((el) => !el.disabled && el.type !== 'hidden' && el.tabIndex >= 0 && visible(el));
  const describe = (el) => {
    if (!el || el === document.body) return { key: 'body' };
    const label = el.labels?.[0]?.innerText ?? '';
    const name = (el.getAttribute('aria-label') ?? (el.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.innerText ?? '').join(' ')).trim()
      || label || el.innerText || el.value || '';
    const rect = el.getBoundingClientRect();
    const cx = rect.left + rect.width / 2, cy = rect.top + rect.height / 2;
    const hit = document.elementFromPoint(cx, cy);
    const labels = [...(el.labels ?? [])];
    const onTop = !!hit && (hit === el || el.contains(hit) || labels.some((l) => l === hit || l.contains(hit)));
    const shows = (s) => (s.boxShadow && s.boxShadow !== 'none')
      || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !/rgba\(0, 0, 0, 0\)|transparent/.test(s.outlineColor));
    const focusShown = shows(getComputedStyle(el)) || labels.some((l) => shows(getComputedStyle(l, '::before')));
    return {
      key: el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${name.slice(0, 60)}`,
      tag: el.tagName.toLowerCase(), type: el.type ?? '', name: name.replace(/\s+/g, ' ').slice(0, 200),
      groupName: el.type === 'radio' ? el.name : '', checked: !!el.checked,
      inMain: !!el.closest('main'), inView: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
      onTop, focusShown, focusVisible: el.matches(':focus-visible'),
      question: el.closest('.app-question')?.id ?? '', notes: !!el.closest('.app-notes'),
    };
  };
  const active = document.activeElement;
  if (which === 'active') return describe(active);
  const forward = which === 'next';
  // One stop per radio group.
  const stops = [];
  const groups = new Map();
  for (const el of candidates) {
    if (el.type === 'radio' && el.name) {
      const g = groups.get(el.name) ?? [];
      if (!g.length) stops.push({ group: el.name });
      g.push(el);
      groups.set(el.name, g);
    } else stops.push({ el });
  }
  const pick = (s) => {
    if (s.el) return s.el;
    const g = groups.get(s.group);
    return g.find((r) => r.checked) ?? (forward ? g[0] : g[g.length - 1]);
  };
  const first = (s) => s.el ?? groups.get(s.group)[0];
  let at = stops.findIndex((s) => (s.el ? s.el === active : groups.get(s.group).includes(active)));
  let next;
  if (at >= 0) next = forward ? stops[at + 1] : stops[at - 1];
  else if (!active || active === document.body) next = forward ? stops[0] : stops.at(-1);
  else {
    // Focus is on something that is not a tab stop (a heading focused by the page): Tab goes to the
    // first stop after it in the document, Shift+Tab to the last one before it.
    const after = (s) => !!(active.compareDocumentPosition(first(s)) & Node.DOCUMENT_POSITION_FOLLOWING);
    at = stops.findIndex(after);
    next = forward ? stops[at] : stops[(at < 0 ? stops.length : at) - 1];
  }
  return describe(next ? pick(next) : null);
}

test(`keyboard only: a whole section of "${RULE_SET}", every control in order, focus always shown, saved`, async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin });
  await page.goto(srv.url);
  await page.getByRole('heading', { name: 'Your assessments', level: 1 }).waitFor({ timeout: 10000 });
  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  await page.getByRole('radio', { name: RULE_SET }).check();
  await page.getByLabel('Case reference').fill('KEYS-1');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Case facts', level: 1 }).waitFor({ timeout: 10000 });
  const draft = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(draft)}/section/${encodeURIComponent(SECTION)}`);
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.match(await heading.innerText(), /LIKELIHOOD OF REOFFENDING/);

  // From here on, only the keyboard.
  const visited = [];
  const answeredGroups = new Set();
  const typedQuestions = new Set();
  let notesOpened = false;
  let groupsSeen = 0;
  let endOfMain = false;
  for (let step = 0; step < 400 && !endOfMain; step++) {
    const expected = await page.evaluate(tabStops, 'next');
    await page.keyboard.press('Tab');
    const now = await page.evaluate(tabStops, 'active');
    assert.equal(now.key, expected.key, `Tab ${step + 1} after ${visited.at(-1)?.key ?? 'the top'} reaches the next control in order`);
    visited.push(now);
    if (now.key === 'body') {
      // Past the last control of the page, focus leaves the document.
      endOfMain = visited.some((v) => v.inMain);
      break;
    }
    assert.ok(now.focusShown && now.focusVisible, `focus is shown on ${now.key} (${now.name})`);
    assert.ok(now.inView, `${now.key} (${now.name}) is scrolled into view when focused`);
    assert.ok(now.onTop, `${now.key} (${now.name}) is not hidden behind anything when focused`);
    if (!now.inMain) {
      if (visited.some((v) => v.inMain)) endOfMain = true;
      continue;
    }
    if (now.type === 'radio' && !answeredGroups.has(now.groupName)) {
      // A group is entered at its first radio: Space chooses it; in every other group, an arrow key
      // moves to (and chooses) the next option.
      if (groupsSeen++ % 2 === 0) await page.keyboard.press('Space');
      else await page.keyboard.press('ArrowRight');
      const chosen = await page.evaluate(tabStops, 'active');
      assert.ok(chosen.checked, `${chosen.name} chosen with the keyboard`);
      answeredGroups.add(now.groupName);
    } else if (now.tag === 'textarea' && !now.notes && !typedQuestions.has(now.question)) {
      await page.keyboard.type(TYPED);
      typedQuestions.add(now.question);
    } else if (now.tag === 'summary' && /Notes and evidence/.test(now.name) && !notesOpened) {
      await page.keyboard.press('Enter');
      notesOpened = true;
    } else if (now.tag === 'textarea' && now.notes) {
      await page.keyboard.type(`Note: ${TYPED}`);
    }
  }
  assert.ok(endOfMain, 'Tab went through the whole of the main content and on past it');
  assert.ok(answeredGroups.size >= 3, `questions answered by radio: ${answeredGroups.size}`);
  assert.ok(typedQuestions.size >= 3, `questions answered by typing: ${typedQuestions.size}`);
  assert.ok(notesOpened, 'a note was opened with Enter');

  // Shift+Tab walks back in reverse order.
  for (let step = 0; step < 12; step++) {
    const expected = await page.evaluate(tabStops, 'previous');
    await page.keyboard.press('Shift+Tab');
    const now = await page.evaluate(tabStops, 'active');
    assert.equal(now.key, expected.key, `Shift+Tab ${step + 1} reaches the previous control`);
    assert.ok(now.focusShown && now.inView && now.onTop, `focus is shown on ${now.key} going back`);
  }

  // Every question of the section is answered and saved; Enter on the button returns to the task list.
  await page.getByText(/Saved at/).first().waitFor();
  for (let i = 0; i < 40; i++) {
    const now = await page.evaluate(tabStops, 'active');
    if (/Save and return to the task list/.test(now.name)) break;
    await page.keyboard.press('Shift+Tab');
  }
  assert.match((await page.evaluate(tabStops, 'active')).name, /Save and return to the task list/);
  await shot(page, 'keyboard-section');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /Case KEYS-1/, level: 1 }).waitFor();
  const task = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(SECTION.replace(/\./g, '\\.')) }) });
  assert.match(await task.innerText(), /Completed/);
  const saved = (await storedDrafts(page))[draft];
  const answers = Object.keys(saved.answers).filter((k) => k.startsWith(`${SECTION}.`));
  assert.ok(answers.length >= answeredGroups.size + typedQuestions.size, `saved answers: ${answers.join(', ')}`);
  assert.ok(Object.values(saved.notes).some((n) => n === `Note: ${TYPED}`), 'the note typed is saved');
  assert.deepEqual(problems, []);
  await context.close();
});
