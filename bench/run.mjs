// The browser benchmark: app shell size, cold start, per-answer latency (largest shipped rule set
// and a generated 1,000-question rule set) and the same form in SurveyJS, in one run, in headless
// Chromium. Prints every figure with its budget. Run with `bash scripts/bench.sh` (which builds what
// it needs first); see docs/benchmarks.md for what is measured and how.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { serve } from '../e2e/server.mjs';
import { launch, openPage, shippedRuleSets, startAssessment } from '../e2e/helpers.mjs';
import { toSurvey, nameOf } from './surveyjs.mjs';

const RULES_TOOL = process.env.RULES_TOOL ?? 'target/debug/rules';
const SITE = 'bench/.site';
const SYNTH_QUESTIONS = 1000, SYNTH_SEED = 1;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const WARM_RUNS = Number(process.env.BENCH_WARM_RUNS ?? 15);
const PER_ANSWER_RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));   // repeated runs on the shipped set
const SUMMARY_DRAFTS = 500, SUMMARY_FILES = 2, SUMMARY_RUNS = Number(process.env.BENCH_SUMMARY_RUNS ?? 5);
const STEPS_SHIPPED = Number(process.env.BENCH_STEPS ?? 400);   // scripted answers, spread over the sections
const STEPS_SYNTH = Number(process.env.BENCH_STEPS ?? 400);
// BENCH_ONLY=per-answer: only the per-answer runs of our app (no size, start-up, SurveyJS or summary).
// BENCH_DIST: the built app to measure (default dist); in per-answer mode, several as
// "label=folder,label=folder", whose runs then alternate (one run of each in turn).
// BENCH_RULE_FILE: a rule file put in place of the catalogued one with the same id (and so timed
// per answer instead of the largest shipped one), in every app measured.
const ONLY = process.env.BENCH_ONLY;
const DISTS = (process.env.BENCH_DIST ?? 'dist').split(',').map((d) => {
  const [label, dir] = d.includes('=') ? d.split('=') : [d === 'dist' ? 'Case Assessor' : d, d];
  return { label, dir };
});
const RULE_FILE = process.env.BENCH_RULE_FILE;
// Budgets of issue 20 (shell, cold and repeat start, per answer) and issue 19 (summary in the browser).
const BUDGET = { shellGz: 300 * 1024, shellAim: 250 * 1024, coldMs: 250, warmMs: 120, shippedP95: 1, synthP95: 5, ratio: 10, summaryMs: 1000 };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3)) + ' ms';
const verdict = (ok) => (ok ? 'PASS' : 'OVER');
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const line = (label, value, budget = '') => console.log(`  ${label.padEnd(58)} ${String(value).padStart(12)}  ${budget}`);
const log = (...a) => console.error('..', ...a);
const tool = (...args) => execFileSync(RULES_TOOL, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The scripted answers: for each section, `per` (question, value) picks among its choice questions. */
function script(dump, total, seed) {
  const r = rng(seed);
  const sections = dump.sections.map((s) => ({ id: s.id, title: s.title, qs: [...s.questions, ...s.groups.flatMap((g) => g.questions)].filter((q) => q.answer.type === 'choice') }))
    .filter((s) => s.qs.length);
  const per = Math.ceil(total / sections.length);
  return sections.map((s) => ({ id: s.id, title: s.title, steps: Array.from({ length: per }, () => {
    const q = s.qs[Math.floor(r() * s.qs.length)];
    const opts = q.answer.scale.options;
    return { id: q.id, value: opts[Math.floor(r() * opts.length)].value };
  }) }));
}

// ---------------------------------------------------------------- the site

function sizeOf(path) {
  const data = readFileSync(path);
  return { raw: data.length, gz: gzipSync(data, { level: 9 }).length };
}

/** The entry of rule set `id` in a catalogue (rules/index.toml text): its file and title. */
function catalogued(index, id) {
  const entry = index.split('[[rule_set]]').find((e) => new RegExp(`^id\\s*=\\s*"${id}"`, 'm').test(e));
  return { file: entry?.match(/^file\s*=\s*"([^"]+)"/m)?.[1], title: entry?.match(/^title\s*=\s*"([^"]+)"/m)?.[1] };
}

/**
 * The benchmark's copy of a built app (`dist`) in `site`, with the generated rule set added to its
 * catalogue, and `RULE_FILE` (when given) in place of the catalogued rule file with the same id;
 * with the SurveyJS pages unless `surveyjs` is false.
 */
function buildSite({ dist = 'dist', site = SITE, surveyjs = true } = {}) {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(dist, site, { recursive: true });
  if (RULE_FILE) {
    const { id } = JSON.parse(tool('dump', RULE_FILE)).meta;
    const { file } = catalogued(readFileSync(join(dist, 'rules/index.toml'), 'utf8'), id);
    if (!file) throw new Error(`${RULE_FILE}: ${dist}/rules/index.toml has no rule set ${id} to replace`);
    cpSync(RULE_FILE, join(site, 'rules', file));
  }
  // The generated rule set, offered next to the shipped ones (only on this benchmark's server).
  const synthFile = `synth-${SYNTH_QUESTIONS}-${SYNTH_SEED}.toml`;
  writeFileSync(join(site, 'rules', synthFile), tool('synth', String(SYNTH_QUESTIONS), String(SYNTH_SEED)));
  const synth = JSON.parse(tool('dump', join(site, 'rules', synthFile)));
  const m = synth.meta;
  writeFileSync(join(site, 'rules/index.toml'), readFileSync(join(dist, 'rules/index.toml'), 'utf8') +
    `\n[[rule_set]]\nfile = "${synthFile}"\nid = "${m.id}"\ntitle = "${m.title}"\npublisher = "${m.publisher}"\ndate = "${m.date}"\ncovers = "${m.covers}"\n`);
  // Compiled forms of the index and the rule files (with the generated one), as a build writes them
  // (src/engine/compiled.rs), so that no measurement here loads the rules reader; only for a built
  // app that reads compiled forms.
  if (existsSync(join(dist, 'rules/compiled'))) tool('compile', join(site, 'rules'), join(site, 'rules/compiled'));
  if (!surveyjs) return { synth, synthFile };
  // The same rule set as a SurveyJS survey, with SurveyJS served from bench/node_modules.
  const { survey } = toSurvey(synth);
  mkdirSync(join(site, 'surveyjs'));
  for (const f of ['survey-core/survey.core.min.js', 'survey-core/survey-core.fontless.min.css', 'survey-js-ui/survey-js-ui.min.js']) {
    cpSync(join('bench/node_modules', f), join(site, 'surveyjs', f.split('/')[1]));
  }
  writeFileSync(join(site, 'surveyjs/survey.json'), JSON.stringify(survey));
  // The idiomatic variant of the same form (two-valued conditions, no guards).
  writeFileSync(join(site, 'surveyjs/survey-idiomatic.json'), JSON.stringify(toSurvey(synth, { idiomatic: true }).survey));
  for (const f of ['surveyjs.html', 'surveyjs-page.mjs', 'surveyjs.mjs']) cpSync(join('bench', f), join(site, 'surveyjs', f));
  return { synth, synthFile };
}

// ---------------------------------------------------------------- in-page helpers

/** Installed in both pages: one timed answer, and the page's signature of every consequence. */
const PAGE_HELPERS = () => {
  // The next task, ahead of other waiting tasks: a 'user-blocking' task of the Prioritized Task
  // Scheduling API where there is one (Chromium). A plain MessageChannel message can wait behind
  // unrelated tasks, which added up to 2 ms of queueing to the figures.
  window.__hop = () => new Promise((resolve) => {
    if (window.scheduler?.postTask) { window.scheduler.postTask(resolve, { priority: 'user-blocking' }); return; }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
  // Sets one answer by clicking its radio; stops the clock once the framework's scheduled work
  // (microtasks: Leptos effects, Preact renders) has run, then again after style and layout.
  window.__answer = async (selector) => {
    const el = document.querySelector(selector);
    if (!el || el.disabled) return { skip: 'not applicable' };
    if (el.checked) return { skip: 'same answer' };
    // Two clocks stop. 'dom': the last change to the DOM the answer caused (a MutationObserver's
    // callback runs in the microtask checkpoint right after the changes it reports), the figure
    // the budgets are about. 'done': every piece of work the framework scheduled has run, at the
    // start of the next task or of the next rendering frame, whichever comes first.
    let tLast = 0;
    const mo = new MutationObserver(() => { tLast = performance.now(); });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    let tFrame = Infinity;
    const frame = requestAnimationFrame(() => { tFrame = performance.now(); });
    const t0 = performance.now();
    el.click();
    const tSync = performance.now();   // the event handler has returned
    await window.__hop();
    const t1 = Math.min(performance.now(), tFrame);
    cancelAnimationFrame(frame);
    mo.disconnect();
    void document.body.getBoundingClientRect().height;   // forces style and layout
    const t2 = performance.now();
    // What the page shows when the clock stopped (the run compares it with the settled page).
    const sig = window.__sig();
    if (!el.checked) return { error: `${selector} not checked after the answer` };
    return { dom: Math.max(tSync, Math.min(tLast, t1)) - t0, done: t1 - t0, layout: t2 - t0, sync: tSync - t0, frame: tFrame < Infinity, sig };
  };
  if (!window.crossOriginIsolated) throw new Error('the page is not cross-origin isolated: timers are coarse');
  // 150 ms: SurveyJS updates rows after its RenderingCompletedAwaiter, which waits up to 100 ms.
  window.__settled = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 150)));
};

/** Our app's consequences on a section page: per question, applicability, hints, tally, forcing rules
 * (the section's case facts shown above its questions are left out: the SurveyJS form has them on its
 * facts page only). */
const APP_SIGNATURE = () => [...document.querySelectorAll('.app-question:not(.app-section-facts .app-question)')].map((q) => {
  const id = q.id.slice(2);
  const na = q.classList.contains('app-question--na') ? 'na' : 'a';
  const hints = q.querySelectorAll('.app-hint-box').length;
  const tally = [...q.querySelectorAll('.app-tally dd')].map((d) => d.textContent.trim()).join(',');
  const forced = q.querySelectorAll('.govuk-warning-text').length;
  return `${id}:${na}:${hints}:${tally}:${forced}`;
}).join('|');

/** The SurveyJS page's consequences, read from its DOM in the same shape. */
const SJS_SIGNATURE = () => window.model.currentPage.questions.filter((q) => q.name.startsWith('q_')).map((q) => {
  const id = q.name.slice(2).replace(/_/g, '-');
  const shown = !!document.querySelector(`[data-name="${q.name}"]`);
  const hints = document.querySelectorAll(`[data-name^="hint_${q.name}_"]`).length;
  const tally = ['pos', 'neg', 'na', 'un'].map((k) => document.querySelector(`[data-name="tally_${q.name}_${k}"] .sd-expression`)?.textContent.trim()).filter((x) => x !== undefined).join(',');
  const forced = document.querySelectorAll(`[data-name^="force_${q.name}_"]`).length;
  return `${id}:${shown ? 'a' : 'na'}:${hints}:${tally}:${forced}`;
}).join('|');

/** Installs the helpers and the page's signature function (`window.__sig`). */
async function install(page, signature) {
  await page.evaluate(PAGE_HELPERS);
  await page.evaluate(`window.__sig = ${signature.toString()}`);
}

// ---------------------------------------------------------------- our app

const domId = (id) => 'q-' + id.replace(/[^A-Za-z0-9]/g, '-');

async function newDraft(browser, origin, ruleSetId, facts = [], title = undefined) {
  const { context, page, problems } = await openPage(browser, { origin });
  await page.goto(origin + '/');
  await startAssessment(page, 'BENCH-1', ruleSetId, title);
  for (const [id, kind, value] of facts) {
    const box = page.locator(`#${domId(id)}`);
    if (kind === 'radio') await box.locator(`input[type=radio][value="${value}"]`).check();
    else if (kind === 'number') { await box.locator('input').fill(String(value)); await box.locator('input').press('Tab'); }
    else if (kind === 'multi') for (const v of value) await box.locator(`input[type=checkbox][value="${v}"]`).check();
  }
  const draftId = decodeURIComponent(/#\/draft\/([^/]+)\//.exec(page.url())[1]);
  return { context, page, problems, draftId };
}

async function openSection(page, draftId, section) {
  await page.evaluate(([d, s]) => { location.hash = `#/draft/${encodeURIComponent(d)}/section/${encodeURIComponent(s.id)}`; }, [draftId, section]);
  await page.locator('h1#main-heading', { hasText: section.title }).waitFor({ timeout: 20000 });
  if (!(await page.evaluate(() => !!window.__settled))) await install(page, APP_SIGNATURE);
  await page.evaluate(() => window.__settled());
}

/** Runs the script on our app; gives the timings, skips and the signature after each step. */
async function runApp(page, draftId, sections, { record = true } = {}) {
  await install(page, APP_SIGNATURE);
  const out = { dom: [], done: [], layout: [], sync: [], frames: 0, skipped: 0, late: 0, sigs: [], errors: [] };
  for (const s of sections) {
    await openSection(page, draftId, s);
    for (const st of s.steps) {
      const r = await page.evaluate(([sel]) => window.__answer(sel), [`#${domId(st.id)} input[type=radio][value="${st.value}"]`]);
      if (r.error) out.errors.push(r.error);
      if (r.skip) { out.skipped++; out.sigs.push(`skip:${st.id}`); continue; }
      out.dom.push(r.dom); out.done.push(r.done); out.layout.push(r.layout); out.sync.push(r.sync); out.frames += r.frame ? 1 : 0;
      // The clock stopped after the framework's scheduled work: check nothing changed later.
      await page.evaluate(() => window.__settled());
      const later = await page.evaluate(APP_SIGNATURE);
      if (r.sig !== later) out.late++;
      if (record) out.sigs.push(later);
    }
  }
  return out;
}

// ---------------------------------------------------------------- SurveyJS

async function runSurveyJS(browser, origin, synth, sections, facts, file = 'survey.json') {
  const { context, page, problems } = await openPage(browser, { origin });
  await page.goto(`${origin}/surveyjs/surveyjs.html?survey=${file}`);
  await page.waitForFunction(() => window.surveyReady === true, null, { timeout: 120000 });
  await install(page, SJS_SIGNATURE);
  await page.evaluate((fs) => { for (const [id, v] of fs) window.model.setValue(id, v); }, facts.map(([id, kind, v]) => [id, kind === 'radio' && (v === 'yes' || v === 'no') && synth.facts.find((f) => f.id === id).answer.type === 'bool' ? v === 'yes' : v]));
  const out = { dom: [], done: [], layout: [], sync: [], frames: 0, skipped: 0, late: 0, sigs: [], errors: [] };
  for (const s of sections) {
    await page.evaluate((p) => { window.model.currentPage = window.model.getPageByName(p); }, `s_${s.id.replace(/[^A-Za-z0-9]/g, '_')}`);
    await page.locator('.sd-page__title', { hasText: s.title }).first().waitFor({ timeout: 20000 });
    await page.evaluate(() => window.__settled());
    for (const st of s.steps) {
      const r = await page.evaluate(([sel]) => window.__answer(sel), [`[data-name="${nameOf(st.id, false)}"] input[type=radio][value="${st.value}"]`]);
      if (r.error) out.errors.push(r.error);
      if (r.skip) { out.skipped++; out.sigs.push(`skip:${st.id}`); continue; }
      out.dom.push(r.dom); out.done.push(r.done); out.layout.push(r.layout); out.sync.push(r.sync); out.frames += r.frame ? 1 : 0;
      await page.evaluate(() => window.__settled());
      const later = await page.evaluate(SJS_SIGNATURE);
      if (r.sig !== later) out.late++;
      out.sigs.push(later);
    }
  }
  out.problems = problems;
  await context.close();
  return out;
}

// ---------------------------------------------------------------- cold start

/**
 * Installed before any script of every page of a start-up run: puts local storage back as it was
 * (`entries`, tab locks left out, so each run opens the draft for editing as a returning user
 * would), then watches the DOM; as soon as a radio matching `sel` is there and enabled it is clicked,
 * and `window.__cold` gives the time it was found and the time the click had been handled (the next
 * task, after the framework's scheduled work).
 */
const START_WATCH = ({ sel, entries }) => {
  if (entries) {
    localStorage.clear();
    for (const { name, value } of entries) if (!name.includes('/lock/')) localStorage.setItem(name, value);
  }
  window.__cold = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      const el = document.querySelector(sel);
      if (!el) return;
      obs.disconnect();
      const tFound = performance.now();
      el.click();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve({ tFound, tDone: performance.now(), checked: el.checked, name: el.name, value: el.value });
      ch.port2.postMessage(0);
    });
    obs.observe(document, { childList: true, subtree: true, attributes: true });
  });
};

// A question's radio, not one of the section's case facts shown above the questions.
const APP_RADIO = '.app-question:not(.app-question--na):not(.app-section-facts .app-question) input[type=radio]:not(:disabled)';
const SJS_RADIO = '[data-name] input[type=radio]:not(:disabled)';

/**
 * Start-up runs at `url`. First visit (`warm` false): a fresh browser context each run (empty HTTP
 * cache, no compiled code, no service worker). Repeat visit (`warm` true): one context, visited twice
 * first (the service worker, where the page registers one, installed and its copy made; the HTTP
 * cache and Chromium's compiled-code cache filled), then each run a new tab at the same address.
 * `saved` (run in the page) gives the number of answers saved, which must be at least 1.
 */
async function startRuns(browser, { url, entries, runs, warm, sel, saved }) {
  const out = { times: [], found: [], errors: [], phases: [] };
  const opts = { viewport: { width: 1100, height: 900 } };
  let shared = null;
  if (warm) {
    shared = await browser.newContext(opts);
    await shared.addInitScript(START_WATCH, { sel, entries });
    for (let i = 0; i < 2; i++) {
      const p = await shared.newPage();
      await p.goto(url);
      await p.evaluate(() => window.__cold);
      await p.evaluate(async () => {
        const reg = await navigator.serviceWorker?.getRegistration();
        if (reg) await navigator.serviceWorker.ready;
      });
      await p.waitForTimeout(3000);   // the compiled wasm is cached once its optimised tier is done
      await p.close();
    }
  }
  for (let i = 0; i < runs; i++) {
    let ctx = shared;
    if (!warm) {
      // No service worker: its background copy of the app for offline use would compete with what is timed.
      ctx = await browser.newContext({ ...opts, serviceWorkers: 'block' });
      await ctx.addInitScript(START_WATCH, { sel, entries });
    }
    const page = await ctx.newPage();
    await page.goto(url);
    const r = await page.evaluate(() => window.__cold);
    const n = await page.evaluate(saved);
    out.phases.push(await page.evaluate(() => {
      const res = performance.getEntriesByType('resource');
      const end = (re) => res.find((e) => re.test(e.name))?.responseEnd;
      const start = (re) => res.find((e) => re.test(e.name))?.startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      return { dcl: nav.domContentLoadedEventEnd, wasm: end(/\.wasm$/), rulesStart: start(/rules\/(?!index)[^/]+\.toml$/), rulesEnd: end(/rules\/(?!index)[^/]+\.toml$/),
        controlled: !!navigator.serviceWorker?.controller };
    }));
    if (!r.checked || n < 1) out.errors.push(`run ${i}: click not handled (checked ${r.checked}, saved answers ${n})`);
    out.times.push(r.tDone); out.found.push(r.tFound);
    await page.close();
    if (!warm) await ctx.close();
  }
  if (shared) await shared.close();
  return out;
}

/** A draft of the largest shipped rule set with no answers, and the address of its first section page. */
async function startDraft(browser, origin, ruleSetId, dump) {
  const { context, page, draftId } = await newDraft(browser, origin, ruleSetId);
  const first = dump.sections[0];
  await openSection(page, draftId, first);
  const state = await context.storageState();
  await context.close();
  const entries = state.origins.find((o) => o.origin === origin)?.localStorage ?? [];
  const url = `${origin}/#/draft/${encodeURIComponent(draftId)}/section/${encodeURIComponent(first.id)}`;
  const saved = new Function(`return Object.keys(JSON.parse(localStorage.getItem(${JSON.stringify(`case-assessor/v1/draft/${draftId}`)}) ?? '{}').answers ?? {}).length;`);
  return { url, entries, saved, section: first.id };
}

/**
 * Summary across assessments in the browser (issue 19): on #/summary, with the rule set chosen, the
 * export files are given to the file input; the clock starts at the input's change event (the files
 * chosen) and stops when the summary table is in the DOM with every assessment counted, and again at
 * the next task after the next rendering frame (the figures painted).
 */
async function summaryRuns(browser, origin, ruleSetId, files, total, runs) {
  const out = { dom: [], painted: [], errors: [] };
  for (let i = 0; i < runs; i++) {
    const { context, page, problems } = await openPage(browser, { origin });
    await page.goto(origin + '/#/summary');
    await page.getByRole('heading', { level: 1, name: 'Summary across assessments' }).waitFor({ timeout: 20000 });
    await page.getByLabel('Rule set').selectOption(ruleSetId);
    await page.evaluate((want) => {
      window.__summary = new Promise((resolve) => {
        let t0 = 0;
        document.addEventListener('change', (e) => { if (e.target.type === 'file' && !t0) t0 = performance.now(); }, true);
        const mo = new MutationObserver(() => {
          if (!t0 || !document.querySelector('.app-summary-table')) return;
          if (![...document.querySelectorAll('p.govuk-body')].some((p) => p.textContent === want)) return;
          mo.disconnect();
          const tDom = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: tDom - t0, painted: performance.now() - t0 }), 0));
        });
        mo.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    }, `${total} assessments chosen.`);
    await page.getByLabel('Exported files (JSON, at most 5 MB each)').setInputFiles(files);
    const r = await Promise.race([page.evaluate(() => window.__summary), new Promise((res) => setTimeout(() => res(null), 60000))]);
    if (!r) out.errors.push(`run ${i}: no summary of ${total} assessments within 60 s`);
    else { out.dom.push(r.dom); out.painted.push(r.painted); }
    for (const p of problems.slice(0, 3)) out.errors.push(`run ${i}: ${p}`);
    await context.close();
  }
  return out;
}

// ---------------------------------------------------------------- main

const versions = () => {
  const v = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0]; } catch { return 'unknown'; } };
  const lock = readFileSync('Cargo.lock', 'utf8');
  const leptos = /name = "leptos"\nversion = "([^"]+)"/.exec(lock)?.[1];
  const sjs = JSON.parse(readFileSync('bench/node_modules/survey-core/package.json', 'utf8')).version;
  const sjsUi = JSON.parse(readFileSync('bench/node_modules/survey-js-ui/package.json', 'utf8')).version;
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  return {
    date: new Date().toISOString().slice(0, 10), nproc: v('nproc', []), cpu, chromium: v(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']),
    node: process.version, rustc: v('rustc', ['--version']), leptos, surveyjs: `survey-core ${sjs}, survey-js-ui ${sjsUi}`, commit: v('git', ['rev-parse', '--short', 'HEAD']),
  };
};

/** Serves a benchmark site, cross-origin isolated. */
async function serveSite(root) {
  const site = await serve({ root });
  // Cross-origin isolation (COOP + COEP) gives performance.now() 5 µs resolution instead of 100 µs;
  // every file is same-origin, so nothing else changes.
  site.server.prependListener('request', (req, res) => {
    const writeHead = res.writeHead;
    res.writeHead = function (code, headers = {}) {
      // A cache lifetime for every file, both apps alike, as a host would give: a repeat visit reuses
      // what the HTTP cache holds (the server sends no validators, so without it nothing is reused).
      return writeHead.call(this, code, { ...headers, 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'max-age=3600' });
    };
  });
  return site;
}

/** The facts given to every draft of the generated rule set (here and in SurveyJS). */
const SYNTH_FACTS = [['f_bool_0', 'radio', 'yes'], ['f_bool_1', 'radio', 'yes'], ['f_bool_2', 'radio', 'no'], ['f_bool_3', 'radio', 'no'],
  ['f_months_0', 'number', 12], ['f_months_1', 'number', 3], ['f_level', 'radio', 'medium'], ['f_circ', 'multi', ['risk', 'young']], ['f_bool_dep', 'radio', 'yes']];

/**
 * BENCH_ONLY=per-answer: the per-answer runs only, on the rule file given (BENCH_RULE_FILE) or the
 * largest shipped one, and on the generated rule set, for each app of BENCH_DIST, one run of each app
 * in turn (so that the machine's load falls on all alike). Prints each run, with the load average
 * when it started, and per app the medians of the runs' p50 and p95.
 */
async function perAnswerOnly(ver) {
  const apps = DISTS.map((d, i) => ({ ...d, site: `${SITE}-${i}` }));
  for (const a of apps) Object.assign(a, buildSite({ dist: a.dir, site: a.site, surveyjs: false }));
  const first = readFileSync(join(apps[0].dir, 'rules/index.toml'), 'utf8');
  const shippedFile = RULE_FILE ?? join(apps[0].dir, 'rules', shippedRuleSets().map((f) => ({ f, d: JSON.parse(tool('dump', join(apps[0].dir, 'rules', f))) }))
    .sort((a, b) => (b.d.counts.questions + b.d.counts.facts) - (a.d.counts.questions + a.d.counts.facts))[0].f);
  const shipped = JSON.parse(tool('dump', shippedFile));
  const { synth } = apps[0];
  const sets = [
    { name: `${shipped.meta.id} (${shippedFile}: ${shipped.counts.questions} questions, ${shipped.counts.facts} facts, ${shipped.counts.conditions} conditions)`,
      id: shipped.meta.id, script: script(shipped, STEPS_SHIPPED, 11), facts: [], title: (a) => catalogued(readFileSync(join(a.dir, 'rules/index.toml'), 'utf8'), shipped.meta.id).title },
    { name: `${synth.meta.id} (generated: ${synth.counts.questions} questions, ${synth.counts.facts} facts, ${synth.counts.conditions} conditions)`,
      id: synth.meta.id, script: script(synth, STEPS_SYNTH, 12), facts: SYNTH_FACTS, title: () => synth.meta.title },
  ];
  if (!catalogued(first, shipped.meta.id).file) throw new Error(`no rule set ${shipped.meta.id} in ${apps[0].dir}`);
  console.log(`Case Assessor browser benchmark, ${ver.date}, commit ${ver.commit}`);
  console.log(`machine: ${ver.nproc} CPUs, ${ver.cpu}; ${ver.chromium} (headless); Node ${ver.node}`);
  console.log(`Per-answer latency only (BENCH_ONLY=per-answer), ${PER_ANSWER_RUNS} runs of each app on each rule set, one run of each app in turn:`);
  for (const a of apps) console.log(`  ${a.label}: ${a.dir}`);
  const servers = [];
  const browser = await launch();
  try {
    for (const a of apps) { a.server = await serveSite(a.site); servers.push(a.server); a.runs = sets.map(() => []); }
    for (let i = 0; i < PER_ANSWER_RUNS; i++) {
      for (const [k, set] of sets.entries()) {
        for (const a of apps) {
          log(`run ${i + 1} of ${PER_ANSWER_RUNS}, ${a.label}, ${set.id}`);
          const load = loadavg().map((x) => x.toFixed(2)).join(' ');
          const d = await newDraft(browser, a.server.origin, set.id, set.facts, set.title(a));
          const r = await runApp(d.page, d.draftId, set.script, { record: false });
          await d.context.close();
          a.runs[k].push({ ...r, load });
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
  for (const [k, set] of sets.entries()) {
    console.log(`\n  ${set.name}, ${set.script.length} sections:`);
    for (const a of apps) {
      a.runs[k].forEach((r, i) => line(`${a.label}, run ${i + 1}: p50 / p95 (to the last DOM change)`, `${ms(quantile(r.dom, 0.5))} / ${ms(quantile(r.dom, 0.95))}`,
        `(${r.dom.length} answers, ${r.late} late, sync p50/p95 ${ms(quantile(r.sync, 0.5))} / ${ms(quantile(r.sync, 0.95))}, load ${r.load})`));
      const med = (p) => quantile(a.runs[k].map((r) => quantile(r.dom, p)), 0.5);
      line(`${a.label}: median of the runs' p50 / p95`, `${ms(med(0.5))} / ${ms(med(0.95))}`);
      for (const e of a.runs[k].flatMap((r) => r.errors).slice(0, 5)) console.log(`  ERROR ${e}`);
    }
  }
}

/**
 * Start-up only (`BENCH_ONLY=start`), of each app of `BENCH_DIST` on the largest shipped rule set:
 * first visits alternate between the apps, one run of each in turn; then repeat visits, in blocks of
 * five runs per app, the apps in turn. Our app only (SurveyJS's start does not change with our build).
 */
async function startOnly(ver) {
  const apps = DISTS.map((d, i) => ({ ...d, site: `${SITE}-${i}` }));
  for (const a of apps) buildSite({ dist: a.dir, site: a.site, surveyjs: false });
  const shipped = shippedRuleSets().map((f) => ({ f, d: JSON.parse(tool('dump', join(apps[0].site, 'rules', f))) }))
    .map((x) => ({ ...x, items: x.d.counts.questions + x.d.counts.facts })).sort((a, b) => b.items - a.items)[0];
  console.log(`Case Assessor browser benchmark, ${ver.date}, commit ${ver.commit}`);
  console.log(`machine: ${ver.nproc} CPUs, ${ver.cpu}; ${ver.chromium} (headless); Node ${ver.node}`);
  console.log(`Start-up only (BENCH_ONLY=start) on ${shipped.f}: ${COLD_RUNS} first visits of each app, alternating; ${WARM_RUNS} repeat visits of each, in blocks of 5:`);
  for (const a of apps) console.log(`  ${a.label}: ${a.dir}`);
  const browser = await launch();
  try {
    for (const a of apps) {
      a.server = await serveSite(a.site);
      a.sd = await startDraft(browser, a.server.origin, shipped.d.meta.id, shipped.d);
      a.cold = { times: [], found: [], errors: [], phases: [] };
      a.warm = { times: [], found: [], errors: [], phases: [] };
    }
    const add = (into, r) => { for (const k of Object.keys(into)) into[k].push(...r[k]); };
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const a of apps) {
        log(`first visit ${i + 1} of ${COLD_RUNS}, ${a.label}`);
        add(a.cold, await startRuns(browser, { url: a.sd.url, entries: a.sd.entries, runs: 1, warm: false, sel: APP_RADIO, saved: a.sd.saved }));
      }
    }
    for (let done = 0; done < WARM_RUNS; done += 5) {
      for (const a of apps) {
        log(`repeat visits ${done + 1} to ${Math.min(done + 5, WARM_RUNS)}, ${a.label}`);
        add(a.warm, await startRuns(browser, { url: a.sd.url, entries: a.sd.entries, runs: Math.min(5, WARM_RUNS - done), warm: true, sel: APP_RADIO, saved: a.sd.saved }));
      }
    }
  } finally {
    await browser.close();
    for (const a of apps) await a.server?.close();
  }
  for (const warm of [false, true]) {
    console.log(warm ? '\nRepeat visit (medians):' : '\nFirst visit (medians):');
    for (const a of apps) {
      const r = warm ? a.warm : a.cold;
      const med = (k) => quantile(r.phases.map((p) => p[k]).filter((x) => x !== undefined), 0.5);
      line(`${a.label}: click handled`, ms(quantile(r.times, 0.5)), `(min ${ms(Math.min(...r.times))}, max ${ms(Math.max(...r.times))}) budget ${warm ? BUDGET.warmMs : BUDGET.coldMs} ms`);
      line(`${a.label}:   wasm downloaded / rule file requested / downloaded`, `${ms(med('wasm'))} / ${ms(med('rulesStart'))} / ${ms(med('rulesEnd'))}`);
      line(`${a.label}:   then: rule set loaded, page rendered, click handled`, ms(quantile(r.times, 0.5) - med('rulesEnd')));
      for (const e of r.errors.slice(0, 5)) console.log(`  ERROR ${e}`);
    }
  }
}

async function main() {
  const ver = versions();
  if (ONLY === 'per-answer') return perAnswerOnly(ver);
  if (ONLY === 'start') return startOnly(ver);
  if (ONLY || process.env.BENCH_DIST) throw new Error('BENCH_ONLY takes "per-answer" or "start"; BENCH_DIST is read only with them');
  console.log(`Case Assessor browser benchmark, ${ver.date}, commit ${ver.commit}`);
  console.log(`machine: ${ver.nproc} CPUs, ${ver.cpu}; ${ver.chromium} (headless); Node ${ver.node}; ${ver.rustc}; Leptos ${ver.leptos}; ${ver.surveyjs}`);

  // Size.
  console.log('\nApp shell (release build), raw and gzip -9:');
  // The page's own files: not the <case-assessor> element's module and stylesheet, nor the service
  // worker, nor the rules reader (loaded only for a rule file without a compiled form; listed below).
  const apart = /^(sw\.js|case-assessor\.js|case-assessor-[0-9a-f]+\.css|rules-reader[-_0-9a-fbg]*\.(js|wasm))$/;
  const files = readdirSync('dist').filter((f) => /\.(wasm|js|css)$/.test(f) && !apart.test(f)).sort();
  let shell = { raw: 0, gz: 0 };
  for (const f of files) { const s = sizeOf(join('dist', f)); shell.raw += s.raw; shell.gz += s.gz; line(f, `${kb(s.gz)} gz`, `(${kb(s.raw)} raw)`); }
  line('app shell total (wasm + js + css)', `${kb(shell.gz)} gz`, `(${kb(shell.raw)} raw)  budget ${kb(BUDGET.shellGz)}, aim ${kb(BUDGET.shellAim)}: ${shell.gz <= BUDGET.shellAim ? 'PASS (within aim)' : verdict(shell.gz <= BUDGET.shellGz)}`);
  for (const f of readdirSync('dist').filter((f) => /^rules-reader.*\.(js|wasm)$/.test(f)).sort()) {
    const s = sizeOf(join('dist', f)); line(f, `${kb(s.gz)} gz`, `(${kb(s.raw)} raw)  only for a rule file without a compiled form`);
  }
  for (const f of shippedRuleSets()) {
    const s = sizeOf(join('dist/rules', f)), c = sizeOf(join('dist/rules/compiled', `${f}.bin`));
    line(`rules/${f}`, `${kb(s.gz)} gz`, `(${kb(s.raw)} raw)  loaded on demand, with its compiled form: ${kb(c.gz)} gz`);
  }

  const { synth, synthFile } = buildSite();
  let sjsSize = { raw: 0, gz: 0 };
  for (const f of ['survey.core.min.js', 'survey-js-ui.min.js', 'survey-core.fontless.min.css']) { const s = sizeOf(join(SITE, 'surveyjs', f)); sjsSize.raw += s.raw; sjsSize.gz += s.gz; }
  const synthToml = sizeOf(join(SITE, 'rules', synthFile)), synthJson = sizeOf(join(SITE, 'surveyjs/survey.json'));
  line('SurveyJS shell (survey-core + survey-js-ui + css, min)', `${kb(sjsSize.gz)} gz`, `(${kb(sjsSize.raw)} raw)`);
  line('  ratio SurveyJS / Case Assessor (gzip)', `${(sjsSize.gz / shell.gz).toFixed(1)}x`);
  line(`generated rule set: ${synthFile}`, `${kb(synthToml.gz)} gz`, `(${kb(synthToml.raw)} raw)`);
  line('  the same form as SurveyJS JSON', `${kb(synthJson.gz)} gz`, `(${kb(synthJson.raw)} raw)`);

  // The largest shipped rule set: the one with the most items.
  const shipped = shippedRuleSets().map((f) => ({ f, d: JSON.parse(tool('dump', join(SITE, 'rules', f))) }))
    .map((x) => ({ ...x, items: x.d.counts.questions + x.d.counts.facts })).sort((a, b) => b.items - a.items)[0];
  // SurveyJS's start is timed on the same rule set (its conditions read later items: see surveyjs.mjs, `forward`).
  writeFileSync(join(SITE, 'surveyjs/survey-shipped.json'), JSON.stringify(toSurvey(shipped.d, { forward: true }).survey));

  const site = await serveSite(SITE);
  const browser = await launch();
  try {
    // Start-up: our app on its first section page, SurveyJS on the same rule set's same page.
    const sd = await startDraft(browser, site.origin, shipped.d.meta.id, shipped.d);
    const sjsUrl = `${site.origin}/surveyjs/surveyjs.html?survey=survey-shipped.json&page=s_${sd.section.replace(/[^A-Za-z0-9]/g, '_')}`;
    const sjsSaved = () => Object.keys(JSON.parse(localStorage.getItem('bench-surveyjs') ?? '{}')).length;
    const starts = {};
    for (const warm of [false, true]) {
      const runs = warm ? WARM_RUNS : COLD_RUNS;
      log(`${warm ? 'repeat visit' : 'cold start'}: ${runs} runs on ${shipped.f}, then SurveyJS`);
      starts[warm] = {
        ours: await startRuns(browser, { url: sd.url, entries: sd.entries, runs, warm, sel: APP_RADIO, saved: sd.saved }),
        sjs: await startRuns(browser, { url: sjsUrl, entries: [], runs, warm, sel: SJS_RADIO, saved: sjsSaved }),
      };
    }
    for (const warm of [false, true]) {
      const { ours: cold, sjs } = starts[warm];
      const runs = warm ? WARM_RUNS : COLD_RUNS, budget = warm ? BUDGET.warmMs : BUDGET.coldMs;
      console.log(warm
        ? `\nRepeat visit: the same page again in the same browser context (HTTP cache, service worker and compiled code warm), a new tab each run, median of ${runs}:`
        : `\nCold start (first visit): navigation to the first section page (${shipped.d.meta.id}, section ${sd.section}) of an existing draft being interactive, fresh browser context each run, median of ${runs}:`);
      line('first enabled radio of an applicable question', ms(quantile(cold.found, 0.5)), `(min ${ms(Math.min(...cold.found))}, max ${ms(Math.max(...cold.found))})`);
      line('... and its click handled (answer shown and saved)', ms(quantile(cold.times, 0.5)), `budget ${budget} ms: ${verdict(quantile(cold.times, 0.5) <= budget)}`);
      const med = (k) => quantile(cold.phases.map((p) => p[k]).filter((x) => x !== undefined), 0.5);
      line('  where the time goes (medians): DOMContentLoaded', ms(med('dcl')));
      line('  wasm downloaded', ms(med('wasm')));
      line('  rule file requested (wasm compiled, app started)', ms(med('rulesStart')));
      line('  rule file downloaded', ms(med('rulesEnd')));
      line('  then: rule set loaded, page rendered, first click handled', ms(quantile(cold.times, 0.5) - med('rulesEnd')));
      if (warm) line('  runs served by the service worker', `${cold.phases.filter((p) => p.controlled).length} of ${runs}`);
      line('SurveyJS, same rule set, same page: first radio', ms(quantile(sjs.found, 0.5)), `(min ${ms(Math.min(...sjs.found))}, max ${ms(Math.max(...sjs.found))})`);
      line('SurveyJS: ... and its click handled', ms(quantile(sjs.times, 0.5)));
      line('  ratio SurveyJS / Case Assessor (click handled)', `${(quantile(sjs.times, 0.5) / quantile(cold.times, 0.5)).toFixed(2)}x`);
      for (const e of [...cold.errors, ...sjs.errors.map((e) => `SurveyJS ${e}`)]) console.log(`  ERROR ${e}`);
    }

    // Per answer: the largest shipped rule set.
    log(`per-answer latency on ${shipped.f}`);
    const shippedScript = script(shipped.d, STEPS_SHIPPED, 11);
    const shippedRuns = [];
    for (let i = 0; i < PER_ANSWER_RUNS; i++) {
      log(`  run ${i + 1} of ${PER_ANSWER_RUNS}`);
      const a = await newDraft(browser, site.origin, shipped.d.meta.id);
      shippedRuns.push(await runApp(a.page, a.draftId, shippedScript, { record: false }));
      await a.context.close();
    }
    const report = (label, r, budget) => {
      const p50 = quantile(r.dom, 0.5), p95 = quantile(r.dom, 0.95);
      line(`${label}: p50, to the last change the answer made to the DOM`, ms(p50));
      line(`${label}: p95, to the last change the answer made to the DOM`, ms(p95), budget ? `budget ${budget} ms: ${verdict(p95 <= budget)}` : '');
      line(`${label}: p50 / p95 of the click handler alone (synchronous part)`, `${ms(quantile(r.sync, 0.5))} / ${ms(quantile(r.sync, 0.95))}`);
      line(`${label}: p50 / p95 until all scheduled work has run (next task or frame)`, `${ms(quantile(r.done, 0.5))} / ${ms(quantile(r.done, 0.95))}`);
      line(`${label}: p50 / p95 including style and layout`, `${ms(quantile(r.layout, 0.5))} / ${ms(quantile(r.layout, 0.95))}`);
      line(`${label}: answers timed (skipped: not applicable or same answer)`, `${r.dom.length}`, `(${r.skipped} skipped; ${r.frames} clocks stopped by a frame)`);
      if (process.env.BENCH_RAW) writeFileSync(`${process.env.BENCH_RAW}-${label.replace(/\W+/g, '')}-${r.dom.length}.json`, JSON.stringify(r));
      line(`${label}: answers whose page changed after the clock stopped`, `${r.late}`, r.late ? 'NOTE: these figures are a lower bound' : '(the clock stopped with every consequence shown)');
      for (const e of r.errors.slice(0, 5)) console.log(`  ERROR ${e}`);
      return { p50, p95, done50: quantile(r.done, 0.5), done95: quantile(r.done, 0.95) };
    };
    console.log(`\nPer-answer latency: from clicking an answer's radio to the DOM showing every consequence, scripted sequences:`);
    console.log(`  ${shipped.d.meta.id} (largest shipped: ${shipped.d.counts.questions} questions, ${shipped.d.counts.facts} facts, ${shipped.d.counts.conditions} conditions), ${shippedScript.length} sections:`);
    const p95s = shippedRuns.map((r) => quantile(r.dom, 0.95));
    shippedRuns.forEach((r, i) => line(`Case Assessor, run ${i + 1} of ${PER_ANSWER_RUNS}: p50 / p95 (to the last DOM change)`, `${ms(quantile(r.dom, 0.5))} / ${ms(p95s[i])}`, `(${r.dom.length} answers)`));
    const p95med = quantile(p95s, 0.5);
    line(`Case Assessor: p95, median of the ${PER_ANSWER_RUNS} runs`, ms(p95med), `budget ${BUDGET.shippedP95} ms: ${verdict(p95med <= BUDGET.shippedP95)}`);
    console.log(`  the run with the median p95, in detail:`);
    report('Case Assessor', shippedRuns[p95s.indexOf(p95med)], null);

    // Per answer: the generated rule set, in our app and in SurveyJS.
    log(`per-answer latency on ${synthFile}, Case Assessor`);
    const synthScript = script(synth, STEPS_SYNTH, 12);
    const synthSteps = synthScript.flatMap((s) => s.steps);
    const facts = SYNTH_FACTS;
    const b = await newDraft(browser, site.origin, synth.meta.id, facts, synth.meta.title);
    const rOurs = await runApp(b.page, b.draftId, synthScript);
    await b.context.close();
    log(`per-answer latency on ${synthFile}, SurveyJS`);
    const rSjs = await runSurveyJS(browser, site.origin, synth, synthScript, facts);
    log(`per-answer latency on ${synthFile}, SurveyJS (idiomatic)`);
    const rIdio = await runSurveyJS(browser, site.origin, synth, synthScript, facts, 'survey-idiomatic.json');
    console.log(`  ${synth.meta.id} (generated: ${synth.counts.questions} questions, ${synth.counts.facts} facts, ${synth.counts.conditions} conditions), ${synthScript.length} sections:`);
    const ours = report('Case Assessor', rOurs, BUDGET.synthP95);
    const theirs = report('SurveyJS', rSjs, null);
    const mismatch = rOurs.sigs.map((s, i) => s !== rSjs.sigs[i]).filter(Boolean).length;
    const firstBad = rOurs.sigs.findIndex((s, i) => s !== rSjs.sigs[i]);
    line('steps where the two pages show different consequences (settled)', `${mismatch} of ${rOurs.sigs.length}`, mismatch ? 'NOT EQUIVALENT' : '(same applicability, hints, tallies, forcing rules)');
    if (firstBad >= 0) {
      let shown = 0;
      rOurs.sigs.forEach((s, i) => {
        if (s === rSjs.sigs[i] || shown++ >= 20) return;
        const x = s.split('|'), y = (rSjs.sigs[i] ?? '').split('|');
        console.log(`  step ${i} (${synthSteps[i].id} = ${synthSteps[i].value}): ours ${x.filter((e) => !y.includes(e)).slice(0, 3).join(' ')} / SurveyJS ${y.filter((e) => !x.includes(e)).slice(0, 3).join(' ')}`);
      });
    }
    for (const p of rSjs.problems.slice(0, 5)) console.log(`  SurveyJS page: ${p}`);
    console.log('  SurveyJS, idiomatic variant (two-valued conditions, no guards; see docs/benchmarks.md):');
    const idio = report('SurveyJS idiomatic', rIdio, null);
    const idioDiff = rOurs.sigs.filter((s, i) => s !== rIdio.sigs[i]).length;
    line('steps where it shows different consequences from ours', `${idioDiff} of ${rOurs.sigs.length}`, '(expected: two-valued conditions hide what ours leaves undecided)');
    for (const p of rIdio.problems.slice(0, 5)) console.log(`  SurveyJS idiomatic page: ${p}`);
    const r50 = theirs.p50 / ours.p50, r95 = theirs.p95 / ours.p95;
    const i50 = idio.p50 / ours.p50, i95 = idio.p95 / ours.p95;
    console.log('\nSide by side with SurveyJS (same form, same answers, same measurement, same browser):');
    line('per answer p50: SurveyJS / Case Assessor', `${r50.toFixed(1)}x`, `goal >= ${BUDGET.ratio}x: ${verdict(r50 >= BUDGET.ratio)}`);
    line('per answer p95: SurveyJS / Case Assessor', `${r95.toFixed(1)}x`, `goal >= ${BUDGET.ratio}x: ${verdict(r95 >= BUDGET.ratio)}`);
    line('  the same, until all scheduled work has run: p50 / p95', `${(theirs.done50 / ours.done50).toFixed(1)}x / ${(theirs.done95 / ours.done95).toFixed(1)}x`);
    line('per answer p50: SurveyJS idiomatic / Case Assessor', `${i50.toFixed(1)}x`, `goal >= ${BUDGET.ratio}x: ${verdict(i50 >= BUDGET.ratio)}`);
    line('per answer p95: SurveyJS idiomatic / Case Assessor', `${i95.toFixed(1)}x`, `goal >= ${BUDGET.ratio}x: ${verdict(i95 >= BUDGET.ratio)}`);
    line('  the same, until all scheduled work has run: p50 / p95', `${(idio.done50 / ours.done50).toFixed(1)}x / ${(idio.done95 / ours.done95).toFixed(1)}x`);
    line('  the claim: at least (the lower of the two ratios, p50 / p95)', `${Math.min(r50, i50).toFixed(1)}x / ${Math.min(r95, i95).toFixed(1)}x`);
    line('shipped size (gzip): SurveyJS / Case Assessor', `${(sjsSize.gz / shell.gz).toFixed(1)}x`);

    // Summary across assessments, in the browser (issue 19).
    log(`summary of ${SUMMARY_DRAFTS} generated assessments of the 2024 CARaG, ${SUMMARY_RUNS} runs`);
    const carag = shippedRuleSets().find((f) => f.startsWith('carag-2024'));
    const all = JSON.parse(tool('drafts', join('dist/rules', carag), String(SUMMARY_DRAFTS)));
    const per = Math.ceil(SUMMARY_DRAFTS / SUMMARY_FILES);
    const files = Array.from({ length: SUMMARY_FILES }, (_, k) => ({ name: `generated-${k + 1}.json`, mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...all, drafts: all.drafts.slice(k * per, (k + 1) * per) }, null, 2)) }));   // pretty, as the app exports
    const caragId = JSON.parse(tool('dump', join('dist/rules', carag))).meta.id;
    const sum = await summaryRuns(browser, site.origin, caragId, files, SUMMARY_DRAFTS, SUMMARY_RUNS);
    console.log(`\nSummary across assessments: ${SUMMARY_DRAFTS} generated assessments of ${caragId} in ${SUMMARY_FILES} export files (${kb(files.reduce((n, f) => n + f.buffer.length, 0))}), from files chosen to figures on screen, fresh tab each run, median of ${SUMMARY_RUNS}:`);
    line('summary table in the DOM, every assessment counted', ms(quantile(sum.dom, 0.5)), `(min ${ms(Math.min(...sum.dom))}, max ${ms(Math.max(...sum.dom))})`);
    line('... and painted (next frame)', ms(quantile(sum.painted, 0.5)), `budget ${BUDGET.summaryMs} ms: ${verdict(quantile(sum.painted, 0.5) <= BUDGET.summaryMs)}`);
    for (const e of sum.errors) console.log(`  ERROR ${e}`);
  } finally {
    await browser.close();
    await site.close();
  }
}

await main();
