// End-to-end: a whole assessment with each shipped rule set (rules/index.toml), driven by that rule
// set's case file (tests/cases/<id>.toml, read with `rules cases`) and its structure (`rules dump` of
// the copy the app serves). For each rule set, through the UI only:
// - a case whose expected not-applicable set names a whole section (else a question): its facts and
//   answers make it show as "Not applicable" with the reason quoted from the rules; the paired case's
//   answers make it apply again;
// - a case with a suggested answer: the suggestion shows on its question with the other hints the
//   case expects (and none it forbids); it is used (the answer becomes the suggestion), then another
//   answer is chosen with a reason, and the page and "Check your answers" show the disagreement;
// - a case with a summary tally (or, without one, two weighed answers on a fresh draft): the counts;
// - the rest of the assessment answered, then check your answers, JSON and CSV exports (the answers
//   entered are there, one CSV row per fact and question), and the print view rendered to an A4 PDF
//   with every question id, every section title and a long note printed in full.
// axe-core runs on every page visited (once per page and state). Run after `trunk build --release`
// (E2E_DIST=folder serves another build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launch, openPage, axe, jargon, shot, pdfText, SHOTS, rulesTool, model, domId, parseCsv, csvName, mainHeading, ruleSetTitle, literal, notesToggle, taskLinks } from './helpers.mjs';

const ROOT = process.env.E2E_DIST ?? 'dist';
const index = readFileSync('rules/index.toml', 'utf8');
const shipped = [...index.matchAll(/^file\s*=\s*"([^"]+)"\s*\nid\s*=\s*"([^"]+)"/gm)].map((m) => ({ file: m[1], id: m[2] }));

const LONG_NOTE = `${'The evidence for this answer was read in the case record and discussed with the practitioner. '.repeat(25)}These are the closing words of the long note about Quokka Zebra.`;

/** A screenshot of the viewport (what the inspector sees there), not the whole page. */
const view = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

const route = (m, id) => (m.items.get(id).section === null ? 'facts' : `section/${encodeURIComponent(m.items.get(id).section)}`);
const label = (item, v) => (item.answer.type === 'bool' ? (v === true || v === 'yes' ? 'Yes' : 'No')
  : item.answer.scale?.options.find((o) => o.value === v)?.label ?? String(v));

/** How an answer is shown (check your answers, CSV, print): the engine's display_answer. */
function shown(item, v) {
  switch (item.answer.type) {
    case 'multi': if (!Array.isArray(v)) return Object.values(v).join('; ');
      return v.length ? v.map((x) => label(item, x)).join('; ') : 'None';
    case 'grid': return Object.keys(v).sort().map((r) => `${r}: ${label(item, v[r])}`).join('; ');
    case 'bool': case 'choice': return label(item, v);
    default: return String(v);
  }
}

/** Whether `v` is typed under a choice's `other` option (a value not in its scale). */
const typed = (item, v) => item.answer.type === 'choice' && item.answer.other != null
  && !item.answer.scale.options.some((o) => o.value === v);

/** The export's form of an answer. */
function exported(item, v) {
  if (typed(item, v)) return { text: v };
  if (item.answer.type === 'multi' && !Array.isArray(v)) return { named: { chosen: Object.keys(v), names: v } };
  const type = item.answer.type === 'bool' ? 'bool' : item.answer.type;
  return { [type]: v };
}

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ root: ROOT, prefix: '/' }); });
after(async () => { await browser?.close(); await srv?.close(); });

/** A browser page on one rule set, with navigation, answering and axe helpers. */
class Driver {
  constructor(page, m, ruleSetId) {
    this.page = page;
    this.m = m;
    this.ruleSetId = ruleSetId;
    this.draft = null;
    this.at = null;
    this.axed = new Set();
    this.names = new Map();
  }

  /** axe-core on the current page, once per `key`. */
  async axe(key) {
    if (this.axed.has(key)) return;
    this.axed.add(key);
    assert.deepEqual(await axe(this.page), [], `axe-core on ${key} (${this.ruleSetId})`);
    assert.deepEqual(await jargon(this.page), [], `no internal ids or developer words on ${key} (${this.ruleSetId})`);
  }

  /** Starts a new assessment from the home page; ends on its case facts page. */
  async start(caseRef) {
    const { page } = this;
    await page.goto(srv.url);
    await mainHeading(page, 'Your assessments').waitFor({ timeout: 10000 });
    await this.axe('home');
    await page.getByRole('button', { name: 'Start a new assessment' }).click();
    await page.getByRole('radio', { name: ruleSetTitle(this.ruleSetId), exact: true }).check();
    await this.axe('start an assessment');
    await page.getByLabel('Case reference').fill(caseRef);
    await page.getByRole('button', { name: 'Continue' }).click();
    await mainHeading(page, 'Case facts').waitFor({ timeout: 10000 });
    this.draft = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    this.at = 'facts';
    this.caseRef = caseRef;
  }

  /** Goes to a page of the current draft ('facts', 'section/<id>', 'check', 'print', '' for the task list). */
  async go(where) {
    if (this.at === where) return;
    const { page } = this;
    await page.goto(`${srv.url}#/draft/${encodeURIComponent(this.draft)}${where ? `/${where}` : ''}`);
    const heading = where === 'facts' ? 'Case facts'
      : where.startsWith('section/') ? this.m.sections.get(decodeURIComponent(where.slice(8))).title
        : where === 'check' ? 'Check your answers' : `Case ${this.caseRef}`;
    await mainHeading(page, heading).waitFor({ timeout: 10000 });
    this.at = where;
  }

  /** The whole of question `id` on its page (its fieldset, notes, guidance): for reading its state. */
  question(id) { return this.page.locator(`#${domId(id)}`); }

  /**
   * Question or fact `id`'s own fieldset by role and accessible name, for answering it: a question's
   * name is its printed id, a space and its text; a fact's (a case fact, or a judgement fact in its
   * question's block) is its label. A question's fieldset does not hold the judgement facts recorded
   * beside it.
   */
  group(id) {
    const item = this.m.items.get(id);
    const fact = item.kind === 'fact';
    return this.page.getByRole('group', {
      name: fact ? item.text : new RegExp(`^${literal(id).source}\\s`),
      exact: fact,
    });
  }

  /** Answers `id` with the case-file value `v` on its page. Gives false when its control is disabled (it does not apply) or it is a fact not asked. */
  async answer(id, v) {
    const item = this.m.items.get(id);
    assert.ok(item, `unknown id ${id} in the case file`);
    await this.go(route(this.m, id));
    const q = this.group(id);
    // A case fact is on the page only while it is asked (its answer can change something).
    if (item.kind === 'fact' && (await q.count()) === 0) return false;
    const type = item.answer.type;
    if (typed(item, v)) {
      // A choice's `other` option: choose it and type the answer.
      const radio = q.getByRole('radio', { name: item.answer.other, exact: true });
      if (await radio.isDisabled()) return false;
      await radio.check();
      await q.getByRole('textbox', { name: `${item.answer.other}: type the answer`, exact: true }).fill(String(v));
    } else if (type === 'bool' || type === 'choice') {
      const radio = q.getByRole('radio', { name: label(item, v), exact: true });
      if (await radio.isDisabled()) return false;
      await radio.check();
    } else if (type === 'multi') {
      const boxes = q.getByRole('checkbox');
      if (await boxes.first().isDisabled()) return false;
      await q.getByRole('button', { name: 'None of these' }).click();
      // A named multiple choice (case file `{ value = "name" }`): tick each option and type its name.
      const named = !Array.isArray(v);
      for (const x of named ? Object.keys(v) : v) {
        await q.getByRole('checkbox', { name: label(item, x), exact: true }).check();
        if (named) {
          const box = q.getByRole('textbox', { name: `Name of ${label(item, x)}`, exact: true });
          await box.fill(v[x]);
          await box.blur();
        }
      }
      if (named) this.names.set(id, v);
    } else if (type === 'grid') {
      // Rows from a named multiple choice show the names typed there.
      const labels = Array.isArray(item.answer.rows) ? Object.fromEntries(item.answer.rows.map((r) => [r.id, r.label]))
        : Object.fromEntries(this.m.items.get(item.answer.rows.from).answer.scale.options.map((o) => [o.value, this.names.get(item.answer.rows.from)?.[o.value] ?? o.label]));
      for (const [row, value] of Object.entries(v)) {
        // Each cell's radio is named by its row and its option ("Row: Option"); a row may offer
        // only some of the scale's options.
        const radio = q.getByRole('radio', { name: `${labels[row]}: ${label(item, value)}`, exact: true });
        assert.equal(await radio.count(), 1, `${id}: row ${row} (${labels[row]}) is shown`);
        if (await radio.isDisabled()) return false;
        await radio.check();
      }
    } else {
      // The box is named by the question (its legend), the unit after it.
      const input = type === 'date' ? this.page.getByLabel(new RegExp(`^${literal(item.kind === 'fact' ? item.text : id).source}`))
        : q.getByRole('textbox').first();
      if (await input.isDisabled()) return false;
      await input.fill(String(v));
      await input.blur();
    }
    return true;
  }

  /**
   * Enters a case's answers through the UI, in the rule set's order, again and again while answers
   * that did not apply yet become answerable. Gives the ids that never applied (their answers would be
   * excluded and read as unanswered, so the evaluation is the case's).
   */
  async enter(answers) {
    const order = [...this.m.items.keys()];
    let pending = Object.keys(answers).sort((a, b) => order.indexOf(a) - order.indexOf(b));
    for (;;) {
      const left = [];
      for (const id of pending) if (!(await this.answer(id, answers[id]))) left.push(id);
      if (left.length === 0 || left.length === pending.length) return left;
      pending = left;
    }
  }

  /** Whether `id` (section, group, question or fact) shows as not applicable, with the reason's text. */
  async notApplicable(id) {
    const { m, page } = this;
    if (m.sections.has(id)) {
      await this.go(`section/${encodeURIComponent(id)}`);
      const na = page.locator('#section-na');
      return (await na.count()) ? await na.innerText() : null;
    }
    const item = m.items.get(id) ?? m.items.get(m.groups.get(id)?.questions[0]?.id);
    assert.ok(item, `unknown id ${id}`);
    await this.go(route(m, item.id));
    const q = this.question(item.id);
    const cls = await q.getAttribute('class');
    return cls.includes('app-question--na') ? await q.locator('.app-na').innerText() : null;
  }

  /** The quotes that can explain why `id` does not apply: its own conditions and its ancestors'. */
  quotes(id) {
    const { m } = this;
    const owners = m.sections.has(id) ? [m.sections.get(id)]
      : m.groups.has(id) ? [m.sections.get(m.groups.get(id).section), m.groups.get(id)]
        : [...m.items.get(id).ancestors, m.items.get(id)];
    return owners.flatMap((o) => o.applies.map((a) => ({ quote: a.quote, line: a.line })));
  }

  async assertNotApplicable(id) {
    const text = await this.notApplicable(id);
    assert.ok(text, `${id} shows as not applicable`);
    assert.match(text, /^Not applicable/);
    const level = this.m.sections.has(id) ? 'section' : this.m.groups.has(id) ? 'key question' : '(question|section|key question)';
    assert.match(text, new RegExp(`This ${level} does not apply`));
    const cite = this.m.dump.meta.citation;
    assert.ok(this.quotes(id).some((q) => text.includes(`\u201c${q.quote}\u201d (${cite}`)),
      `${id}: the reason quotes one of its conditions and cites the document: ${text}`);
    assert.match(text, /Based on what you recorded:/, `${id}: the reason names the answers it read`);
  }

  async assertApplies(id) {
    assert.equal(await this.notApplicable(id), null, `${id} applies`);
  }

  /** The hint boxes shown on question `id`, as text. */
  async hints(id) {
    await this.go(route(this.m, id));
    return this.question(id).locator('.app-hint-box').allInnerTexts();
  }

  /** Checks a case's `hints` and `no_hints` against the page. */
  async assertHints(c) {
    // "id#k": the k-th hint of the question in the rule file, found on the page by its quote.
    const nth = (spec) => {
      const m = /^(.*)#(\d+)$/.exec(spec);
      if (!m) return null;
      const h = this.m.items.get(m[1].trim()).hints[Number(m[2]) - 1];
      const k = Number(m[2]) - 1;
      const qid = m[1].trim();
      // hints() opens the question's page; the box is found by the hint's position (data-hint).
      return { id: qid, shown: async () => { await this.hints(qid); return (await this.question(qid).locator(`.app-hint-box[data-hint="${k}"]`).count()) > 0; } };
    };
    for (const spec of c.hints) {
      const k = nth(spec);
      if (k) { assert.ok(await k.shown(), `hint "${spec}" shows`); continue; }
      const [id, v] = spec.split('=').map((s) => s.trim());
      const boxes = await this.hints(id);
      const want = v === undefined ? 'Reminder' : `Suggested answer: ${label(this.m.items.get(id), v)}`;
      assert.ok(boxes.some((b) => b.startsWith(want)), `hint "${spec}" shows on ${id}: ${JSON.stringify(boxes)}`);
    }
    for (const spec of c.no_hints) {
      const k = nth(spec);
      if (k) { assert.ok(!(await k.shown()), `no hint "${spec}"`); continue; }
      const [id, v] = spec.split('=').map((s) => s.trim());
      const boxes = await this.hints(id);
      const bad = v === undefined ? boxes : boxes.filter((b) => b.startsWith(`Suggested answer: ${label(this.m.items.get(id), v)}`));
      assert.deepEqual(bad, [], `no hint "${spec}" on ${id}`);
    }
  }

  /** The tally shown on summary `id`: { positive, negative, not_applicable, unanswered }. */
  async tally(id) {
    await this.go(route(this.m, id));
    const tally = this.question(id).locator('.app-tally');
    await tally.waitFor();
    const keys = { Positive: 'positive', Negative: 'negative', 'Not applicable': 'not_applicable', 'Not answered': 'unanswered' };
    const out = {};
    for (const row of await tally.locator('.govuk-summary-list__row').all()) {
      out[keys[(await row.locator('dt').innerText()).trim()]] = Number(await row.locator('dd').innerText());
    }
    // Per weight ("less.negative"), from the table by weight: one row per weight, named by its label.
    const cols = ['positive', 'negative', 'not_applicable', 'unanswered'];
    for (const w of this.m.dump.weights ?? []) {
      const row = tally.getByRole('table', { name: /^By weight/ }).getByRole('row', { name: new RegExp(`^${w.label.replace(/[()]/g, '\\$&')}`) });
      const cells = await row.getByRole('cell').allInnerTexts();
      cols.forEach((c, k) => { out[`${w.id}.${c}`] = Number(cells[k]); });
    }
    return out;
  }

  /** The draft as saved in local storage. */
  saved() {
    return this.page.evaluate((id) => JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${id}`) ?? 'null'), this.draft);
  }
}

/** The case whose not-applicable list names a section (else a group, else a question), and the case that makes it apply. */
function pickNotApplicable(cases, m) {
  for (const kind of ['section', 'group', 'question']) {
    const is = (id) => (kind === 'section' ? m.sections.has(id) : kind === 'group' ? m.groups.has(id) : m.items.has(id) && m.items.get(id).kind !== 'fact');
    for (const c of cases) {
      for (const id of c.not_applicable.filter(is)) {
        const keys = Object.keys(c.answers).sort().join('|');
        const pairs = cases.filter((b) => b.applicable.includes(id) && Object.keys(b.answers).length > 0);
        const pair = pairs.find((b) => Object.keys(b.answers).sort().join('|') === keys) ?? pairs[0];
        if (pair) return { na: c, applies: pair, id };
      }
    }
  }
  return null;
}

/** The case with a suggested answer for a single-choice question it leaves unanswered. */
function pickHint(cases, m) {
  for (const c of cases) {
    for (const spec of c.hints.filter((h) => h.includes('='))) {
      const [id, v] = spec.split('=').map((s) => s.trim());
      const item = m.items.get(id);
      if (item && item.answer.type === 'choice' && !(id in c.answers) && item.answer.scale.options.some((o) => o.value !== v)) return { c, id, v };
    }
  }
  return null;
}

/** The case with a tally, preferring one that expects a count above zero. */
function pickTally(cases) {
  const withTally = cases.filter((c) => Object.keys(c.tally).length);
  const counts = (c, keys) => Object.values(c.tally).some((t) => keys.some((k) => t[k] > 0));
  return withTally.find((c) => counts(c, ['positive', 'negative'])) ?? withTally.find((c) => counts(c, Object.keys(c.tally[Object.keys(c.tally)[0]])))
    ?? withTally[0] ?? null;
}

/** Without a tally case: a summary that weighs at least two unconditional single-choice questions of an unconditional section and group. */
function pickSummary(m) {
  for (const item of m.items.values()) {
    if (item.kind !== 'summary' || item.ancestors.some((a) => a.applies.length) || item.applies.length) continue;
    const weighed = item.weighs.map((w) => m.items.get(w)).filter((w) => w.answer.type === 'choice' && !w.applies.length
      && !w.ancestors.some((a) => a.applies.length) && w.answer.scale.options.some((o) => o.polarity === 'positive')
      && w.answer.scale.options.some((o) => o.polarity === 'negative'));
    if (weighed.length >= 2) return { summary: item, weighed: weighed.slice(0, 2) };
  }
  return null;
}

for (const { file, id } of shipped) {
  test(`a whole assessment with the rule set ${id}`, async (t) => {
    const started = Date.now();
    const cf = rulesTool('cases', `tests/cases/${id}.toml`);
    const m = model(rulesTool('dump', join(ROOT, 'rules', file)));
    assert.equal(m.dump.meta.id, id);
    const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
    const d = new Driver(page, m, id);
    const note = (s) => t.diagnostic(s);
    let lap = Date.now();
    const step = (s) => { note(`${s}: ${((Date.now() - lap) / 1000).toFixed(1)} s`); lap = Date.now(); };

    // 1. Not applicable, then applicable.
    const na = pickNotApplicable(cf.cases, m);
    assert.ok(na, `${cf.file} has a case with something not applicable and a case where it applies`);
    note(`not applicable: ${na.id} ("${na.na.name}", then "${na.applies.name}")`);
    await d.start(`NA-${id}`);
    await d.axe('case facts');
    const skipped = await d.enter(na.na.answers);
    if (skipped.length) note(`not answerable (not applicable): ${skipped.join(', ')}`);
    for (const x of na.na.not_applicable) await d.assertNotApplicable(x);
    for (const x of na.na.applicable) await d.assertApplies(x);
    await d.notApplicable(na.id);
    await page.locator(m.sections.has(na.id) ? '#section-na' : `#${domId(m.items.get(na.id)?.id ?? m.groups.get(na.id).questions[0].id)}`).scrollIntoViewIfNeeded();
    await d.axe(`not applicable ${na.id}`);
    await view(page, `${id}-not-applicable`);
    if (m.sections.has(na.id)) {
      await d.go('');
      // The section's link is described by its status.
      const task = page.getByRole('link', { name: m.sections.get(na.id).title, exact: true });
      assert.equal((await task.evaluate((a) => document.getElementById(a.getAttribute('aria-describedby')).innerText)).trim(), 'Not applicable', 'the task list says so');
      await d.axe('task list');
    }
    const changes = Object.fromEntries(Object.entries(na.applies.answers).filter(([k, v]) => JSON.stringify(na.na.answers[k]) !== JSON.stringify(v)));
    assert.ok(Object.keys(changes).length, 'the two cases differ');
    await d.enter(changes);
    await d.assertApplies(na.id);
    // The paired case's other expectations hold when its answers cover every one entered before.
    if (Object.keys(na.na.answers).every((k) => k in na.applies.answers)) {
      for (const x of na.applies.applicable) await d.assertApplies(x);
      for (const x of na.applies.not_applicable) await d.assertNotApplicable(x);
    }
    await d.axe(`applicable ${na.id}`);

    step('not applicable');

    // 2. A hint shown, used, and overridden with a reason.
    const h = pickHint(cf.cases, m);
    assert.ok(h, `${cf.file} has a case suggesting an answer to a single-choice question`);
    note(`hint: ${h.id}=${h.v} ("${h.c.name}")`);
    await d.start(`HINT-${id}`);
    await d.enter(h.c.answers);
    await d.assertHints(h.c);
    const item = m.items.get(h.id);
    await d.go(route(m, h.id));
    const q = d.question(h.id);
    const g = d.group(h.id);
    const box = q.locator('.app-hint-box', { hasText: `Suggested answer: ${label(item, h.v)}` });
    await box.scrollIntoViewIfNeeded();
    await d.axe(`hint on ${h.id}`);
    await view(page, `${id}-hint`);
    await box.getByRole('button', { name: `Use this answer (${label(item, h.v)})` }).click();
    await box.getByText('Your answer follows this suggestion.').waitFor();
    assert.equal(await g.getByRole('radio', { name: label(item, h.v), exact: true }).isChecked(), true, 'the suggestion is the answer');
    const other = item.answer.scale.options.find((o) => o.value !== h.v);
    // Reminders the inspector opened stay open when the question is answered (its view is not rebuilt).
    const reminders = g.getByRole('group').filter({ has: page.getByText(/reminders? from the guidance$/i) });
    const hasReminders = (await reminders.count()) > 0;
    if (hasReminders) await reminders.getByText(/reminders? from the guidance$/i).first().click();
    await g.getByRole('radio', { name: other.label, exact: true }).check();
    if (hasReminders) {
      await box.getByText('Your answer differs from the suggestion. Why? (optional)').waitFor();
      assert.equal(await reminders.evaluate((e) => e.open), true, `the reminders of ${h.id} stay open after an answer`);
      note(`reminders of ${h.id} stayed open after an answer`);
    }
    const reason = `The case record shows otherwise (${id}).`;
    const why = box.getByLabel('Your answer differs from the suggestion. Why? (optional)');
    await why.fill(reason);
    await why.blur();
    await page.waitForFunction(([draft, qid]) => {
      const x = JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${draft}`) ?? '{}');
      return x.hint_decisions?.[qid]?.decision === 'overridden';
    }, [d.draft, h.id]);
    const decision = (await d.saved()).hint_decisions[h.id];
    assert.deepEqual(decision, { suggested: h.v, decision: 'overridden', reason });
    await d.axe(`hint overridden on ${h.id}`);
    await page.reload();
    await d.question(h.id).locator('.app-hint-box').first().waitFor({ timeout: 10000 });
    assert.equal(await d.question(h.id).getByLabel('Your answer differs from the suggestion. Why? (optional)').inputValue(), reason, 'the reason is kept');
    await notesToggle(page, h.id).click();
    await page.getByRole('textbox', { name: `Notes and evidence for ${h.id}`, exact: true }).fill(LONG_NOTE);
    await page.waitForFunction(([draft, qid]) => JSON.parse(localStorage.getItem(`case-assessor/v1/draft/${draft}`) ?? '{}').notes?.[qid]?.endsWith('Quokka Zebra.'), [d.draft, h.id]);
    const entered = { ...h.c.answers, [h.id]: other.value };
    const hintDraft = d.draft;

    step('hint');

    // 2b. A conditional reminder named by its position ("id#k"), on both sides of its condition.
    const nthCase = cf.cases.find((c) => c.hints.some((x) => x.includes('#')));
    if (nthCase) {
      const spec = nthCase.hints.find((x) => x.includes('#'));
      const other = cf.cases.find((c) => c.no_hints.includes(spec));
      for (const [k, c] of [nthCase, other].filter(Boolean).entries()) {
        await d.start(`NTH-${k}-${id}`);
        await d.enter(c.answers);
        await d.assertHints({ hints: c.hints.filter((x) => x === spec), no_hints: c.no_hints.filter((x) => x === spec) });
      }
      note(`reminder ${spec} checked shown${other ? ' and not shown' : ''}`);
      step('reminder by position');
    }

    // 2c. A judgement fact (a fact recorded beside its question): a case that records one and expects
    // that question's suggestion. The finding is entered in the question's block, not on the Case facts
    // page, and the suggestion shows.
    const judged = cf.cases.find((c) => Object.keys(c.answers).some((k) => m.items.get(k)?.beside
      && c.hints.some((x) => x.startsWith(`${m.items.get(k).beside}=`))));
    if (judged) {
      const fid = Object.keys(judged.answers).find((k) => m.items.get(k)?.beside);
      const beside = m.items.get(fid).beside;
      note(`judgement fact: ${fid} beside ${beside} ("${judged.name}")`);
      await d.start(`FINDING-${id}`);
      assert.equal(await page.locator(`#${domId(fid)}`).count(), 0, `${fid} is not on the Case facts page`);
      await d.enter(judged.answers);
      await d.go(route(m, beside));
      assert.equal(await d.question(beside).locator(`#${domId(fid)}`).count(), 1, `${fid} is recorded in the block of ${beside}`);
      await d.assertHints(judged);
      await d.axe(`judgement fact beside ${beside}`);
      step('judgement fact');
    } else {
      assert.ok(!m.dump.facts.some((f) => f.beside), `${cf.file}: a case records a judgement fact and expects its suggestion`);
    }

    // 3. A summary's tally.
    const tc = pickTally(cf.cases);
    const summaries = [...m.items.values()].filter((i) => i.kind === 'summary');
    if (tc) {
      note(`tally: ${JSON.stringify(tc.tally)} ("${tc.name}")`);
      await d.start(`TALLY-${id}`);
      await d.enter(tc.answers);
      for (const [sid, want] of Object.entries(tc.tally)) {
        const got = await d.tally(sid);
        for (const [k, n] of Object.entries(want)) if (k !== 'other') assert.equal(got[k], n, `${sid}: ${k}`);
        await d.question(sid).locator('.app-tally').scrollIntoViewIfNeeded();
        await d.axe(`tally of ${sid}`);
        await view(page, `${id}-tally`);
      }
    } else if (summaries.length) {
      const pick = pickSummary(m);
      assert.ok(pick, 'a summary weighing two single-choice questions');
      note(`tally: ${pick.summary.id} weighing ${pick.weighed.map((w) => w.id).join(', ')} (no tally case)`);
      await d.start(`TALLY-${id}`);
      const [a, b] = pick.weighed;
      await d.enter({
        [a.id]: a.answer.scale.options.find((o) => o.polarity === 'positive').value,
        [b.id]: b.answer.scale.options.find((o) => o.polarity === 'negative').value,
      });
      const got = await d.tally(pick.summary.id);
      assert.equal(got.positive, 1);
      assert.equal(got.negative, 1);
      assert.equal(got.unanswered, pick.summary.weighs.length - 2 - got.not_applicable);
      await d.axe(`tally of ${pick.summary.id}`);
      await view(page, `${id}-tally`);
    }

    step('tally');

    // 4. The rest of the hint draft: every unanswered applicable single-choice question gets its first option.
    d.draft = hintDraft;
    d.caseRef = `HINT-${id}`;
    d.at = null;
    for (const s of m.sections.keys()) {
      await d.go(`section/${encodeURIComponent(s)}`);
      // (Questions' own radios, found by their names (printed id, a space, the text): not a grid's
      // cells nor the case facts shown above the questions; answering one may make others apply.)
      const ids = [...m.items.values()].filter((i) => i.section === s).map((i) => literal(i.id).source);
      const fresh = page.getByRole('group', { name: new RegExp(`^(${ids.join('|')})\\s`) })
        .filter({ has: page.getByRole('radio', { disabled: false }) })
        .filter({ hasNot: page.getByRole('radio', { checked: true }) })
        .filter({ hasNot: page.getByRole('table') });
      for (let guard = 0; (await fresh.count()) > 0; guard++) {
        assert.ok(guard < 500, 'answering the section ends');
        await fresh.first().getByRole('radio').first().check();
      }
      await d.axe(`section ${s}`);
    }
    await d.go('');
    await d.axe('task list');
    const statuses = await taskLinks(page).evaluateAll((links) => links.map((a) => document.getElementById(a.getAttribute('aria-describedby')).innerText));
    assert.ok(statuses.some((s) => /Completed|In progress/.test(s)), `answers show in the task list: ${statuses.join(', ')}`);
    await page.getByText(/^You have answered \d+ of \d+ applicable questions/).waitFor();
    await shot(page, `${id}-task-list`);
    const draft = await d.saved();
    for (const [k, v] of Object.entries(entered)) {
      assert.deepEqual(draft.answers[k], exported(m.items.get(k), v), `${k} kept as entered`);
    }

    step('the rest');

    // 5. Check your answers.
    await d.go('check');
    await d.axe('check your answers');
    const overrides = await page.getByRole('region', { name: 'Suggestions you did not follow' }).innerText();
    assert.ok(overrides.includes(h.id), 'the overridden suggestion is listed');
    assert.ok(overrides.includes(`Suggested: ${label(item, h.v)}. Your answer: ${other.label}.`), overrides);
    assert.ok(overrides.includes(`Your reason: ${reason}`), overrides);
    for (const [k, v] of Object.entries(entered)) {
      const it = m.items.get(k);
      const row = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: it.kind === 'fact' ? it.text : k }) }).first();
      assert.ok((await row.locator('.govuk-summary-list__value').first().innerText()).startsWith(shown(it, v)), `check your answers shows ${k}`);
    }
    await shot(page, `${id}-check-answers`);

    step('check your answers');

    // 6. Exports.
    await d.go('');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as JSON' }).click()]);
    const exp = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.equal(exp.format, 'case-assessor-export');
    assert.equal(exp.drafts.length, 1);
    assert.equal(exp.drafts[0].case_ref, `HINT-${id}`);
    assert.equal(exp.drafts[0].rule_set.id, id);
    for (const [k, v] of Object.entries(entered)) assert.deepEqual(exp.drafts[0].answers[k], exported(m.items.get(k), v), `JSON has ${k}`);
    assert.deepEqual(exp.drafts[0].hint_decisions[h.id], { suggested: h.v, decision: 'overridden', reason });
    assert.equal(exp.drafts[0].notes[h.id], LONG_NOTE);
    assert.deepEqual(exp.drafts[0].answers, draft.answers, 'JSON holds every answer saved');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as CSV' }).click()]);
    assert.match(csv.suggestedFilename(), /\.csv$/);
    const rows = parseCsv((await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, ''));
    assert.deepEqual(rows[0], ['question', 'section', 'kind', 'applicable', 'answer', 'hint', 'notes', 'weight', 'tally']);
    assert.deepEqual(rows.slice(1).map((r) => r[0]), [...m.items.values()].map(csvName), 'one row per fact and question, in order');
    assert.ok(rows.every((r) => r.length === 9), 'nine fields in every row');
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    const byId = { get: (k) => byName.get(csvName(m.items.get(k))) };
    const weights = new Map((m.dump.weights ?? []).map((w) => [w.id, w.label]));
    for (const [k, i] of m.items) {
      assert.equal(byId.get(k)[7], i.weight ? weights.get(i.weight) : '', `CSV weight of ${k}`);
      if (i.beside) assert.equal(byId.get(k)[2], `Your finding for ${i.beside}`, `CSV kind of ${k}`);
      if (i.kind === 'summary' && weights.size) assert.match(byId.get(k)[8], /^Weighs more .*: \d+ positive, \d+ negative; Weighs less .*: \d+ positive, \d+ negative$/, `CSV tally of ${k}`);
    }
    for (const [k, v] of Object.entries(entered)) assert.equal(byId.get(k)[4], shown(m.items.get(k), v), `CSV answer of ${k}`);
    assert.equal(byId.get(h.id)[6], LONG_NOTE);
    for (const [k, v] of Object.entries(draft.answers)) if (m.items.has(k)) assert.equal(byId.get(k)[4], shown(m.items.get(k), Object.values(v)[0]), `CSV answer of ${k}`);

    step('exports');

    // 7. The print view as an A4 PDF: nothing cut.
    await d.go('print');
    await d.axe('print view');
    const text = await pdfText(page, `${id}-print`);
    const flat = text.replace(/\s+/g, ' ');
    assert.ok(flat.includes(`Case HINT-${id}`));
    assert.ok(flat.includes('closing words of the long note about Quokka Zebra.'), 'the end of the long note is printed');
    for (const s of m.sections.values()) assert.ok(flat.includes(s.title.replace(/\s+/g, ' ')), `section "${s.title}" is printed`);
    const missing = [...m.items.values()].filter((i) => i.kind !== 'fact' && !flat.includes(i.id.replace(/\s+/g, ' ')));
    assert.deepEqual(missing.map((i) => i.id), [], 'every question id is printed');
    const cut = [...m.items.values()].filter((i) => i.kind !== 'fact').filter((i) => !flat.includes(i.text.replace(/\s+/g, ' ').split(' ').slice(-3).join(' ')));
    assert.deepEqual(cut.map((i) => i.id), [], 'the end of every question text is printed');

    step('print');
    assert.deepEqual(problems, [], `no errors with ${id}`);
    await context.close();
    note(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}

test('the app ships at least one rule set', () => {
  assert.ok(shipped.length >= 1, 'rules/index.toml lists no rule set');
});
