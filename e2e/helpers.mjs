// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, and Debian's
// Firefox ESR driven by puppeteer-core over WebDriver BiDi. The helpers that only read the page
// (page.evaluate, page events) serve both.
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { existsSync, mkdirSync, readFileSync, readdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHOTS = process.env.SHOT_DIR ?? 'e2e-artifacts';
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Records page errors, console errors, failed responses and any request to another origin than
 * `origin` into `problems` (a playwright or a puppeteer page: their events read alike).
 */
export function watchProblems(page, origin, problems = []) {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (origin && !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`foreign request: ${u}`);
  });
  return problems;
}

/** A new page that records page errors, console errors and any request to another origin. */
export async function openPage(browser, { origin, acceptDownloads = true, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads, bypassCSP });
  const page = await context.newPage();
  const problems = watchProblems(page, origin);
  return { context, page, problems };
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Debian's Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi (playwright needs its
 * own patched Firefox). Throws when it is not installed: the Firefox tests fail, never skip.
 */
export async function launchFirefox() {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(`Firefox ESR is not installed (${FIREFOX_PATH}): run bash scripts/setup.sh, or apt-get install firefox-esr`);
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Refuses connections to any host but this one. Without it, a release build of Firefox ignores the
    // remote-settings server pref puppeteer sets and looks up firefox.settings.services.mozilla.com.
    env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
    // No looking up or fetching ahead the hosts of links on a page.
    extraPrefsFirefox: { 'network.dns.disablePrefetch': true, 'network.prefetch-next': false, 'network.predictor.enabled': false },
  });
}

/**
 * A new Firefox page (in its own browsing context, as a new private profile would be) that records
 * problems as `openPage` does; downloads go to `downloads`, a new empty folder.
 */
export async function openFirefoxPage(browser, { origin } = {}) {
  const downloads = mkdtempSync(join(tmpdir(), 'firefox-downloads-'));
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  const page = await context.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  const problems = watchProblems(page, origin);
  return { context, page, problems, downloads };
}

/** Runs `action` (a click that downloads a file) and gives the path of the new file in `dir`. */
export async function downloadedFile(dir, action, timeout = 10000) {
  const before = new Set(readdirSync(dir));
  await action();
  const end = Date.now() + timeout;
  for (;;) {
    const names = readdirSync(dir);
    const fresh = names.filter((f) => !before.has(f) && !f.endsWith('.part'));
    if (fresh.length === 1 && !names.some((f) => f.endsWith('.part')) && statSync(join(dir, fresh[0])).size > 0) return join(dir, fresh[0]);
    if (fresh.length > 1) throw new Error(`more than one file downloaded: ${fresh.join(', ')}`);
    if (Date.now() > end) throw new Error(`no file downloaded in ${timeout} ms (${names.join(', ')})`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Where drafts are kept in local storage. */
export const STORAGE_PREFIX = 'case-assessor/v1/';

/** Stored drafts as parsed JSON, by id. */
export async function storedDrafts(page) {
  return page.evaluate((prefix) => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith(prefix + 'draft/')) { try { out[k.slice((prefix + 'draft/').length)] = JSON.parse(localStorage.getItem(k)); } catch { out[k] = 'UNREADABLE'; } }
    }
    return out;
  }, STORAGE_PREFIX);
}

/** Every local storage entry, sorted by key. */
export async function allStorage(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
}

/** Fills this origin's local storage quota with filler entries (keys starting "fill") until a write fails. */
export async function fillStorage(page) {
  await page.evaluate(() => {
    const chunk = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 200; i++) { try { localStorage.setItem('filler-' + i, chunk); } catch { break; } }
    for (let size = 65536; size >= 1; size = Math.floor(size / 2)) {
      for (let j = 0; j < 64; j++) { try { localStorage.setItem(`fill-${size}-${j}`, 'y'.repeat(size)); } catch { break; } }
    }
  });
}

/** Removes what `fillStorage` wrote. */
export async function unfillStorage(page) {
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('fill')) localStorage.removeItem(k); });
}

/** Runs the rule authors' tool and parses its JSON output. */
export function rulesTool(...args) {
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'rules', '--', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

/** What the tests need to know about a rule set, from `rules dump`. */
export function model(dump) {
  const items = new Map();
  const sections = new Map();
  const groups = new Map();
  for (const f of dump.facts) items.set(f.id, { ...f, section: null, ancestors: [] });
  for (const s of dump.sections) {
    sections.set(s.id, s);
    for (const q of s.questions) items.set(q.id, { ...q, section: s.id, ancestors: [s] });
    for (const g of s.groups) {
      groups.set(g.id, { ...g, section: s.id });
      for (const q of g.questions) items.set(q.id, { ...q, section: s.id, group: g.id, ancestors: [s, g] });
    }
  }
  // A judgement fact is recorded in the block of the question it is beside, on that question's page.
  for (const f of dump.facts) {
    const q = f.beside && items.get(f.beside);
    if (q) items.set(f.id, { ...items.get(f.id), section: q.section, ancestors: [] });
  }
  return { dump, items, sections, groups };
}

/** How the CSV export names a fact or question in its first column: a question by its printed id,
 * a case fact by its label (fact ids are never shown). */
export const csvName = (item) => (item.kind === 'fact' ? item.text : item.id);

/** The element id of a fact or question on its page. */
export const domId = (id) => `q-${id.replace(/[^A-Za-z0-9]/g, '-')}`;

/** One CSV text as records of fields (RFC 4180). */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** The rule sets the app ships, as listed in rules/index.toml. */
export function shippedRuleSets() {
  const text = readFileSync('rules/index.toml', 'utf8');
  return [...text.matchAll(/^file\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
}

const AXE_SOURCE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/**
 * Runs axe-core on the page (playwright or puppeteer) and returns its violations. Its source is run
 * by the driver, as an added script element would be refused by the page's own CSP.
 */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

/**
 * Words on the page that speak to developers, not to an inspector: snake_case names (internal ids) and
 * "seed", in the visible text and in accessible names given by attributes. Gives each with its place.
 */
export async function jargon(page) {
  return page.evaluate(() => {
    const texts = [['text', document.body.innerText]];
    for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
        if (el.hasAttribute(a)) texts.push([`${el.tagName.toLowerCase()}[${a}]`, el.getAttribute(a)]);
      }
    }
    const found = [];
    for (const [where, t] of texts) {
      for (const m of t.matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bseed\b/gi)) found.push(`${where}: "${m[0]}" in "${t.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}"`);
    }
    return found;
  });
}

export function shot(page, name) {
  return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Starts an assessment with the given rule set (by id; the test fixture "example" by default, which
 * the test server adds when started with `fixture: true`) and case reference; ends on the facts page.
 * `title` is the rule set's title on the page (found from rules/index.toml when left out; give it for
 * a rule set served from elsewhere, such as the benchmark's generated one).
 */
export async function startAssessment(page, caseRef, ruleSetId = 'example', title = ruleSetTitle(ruleSetId)) {
  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  await page.getByRole('radio', { name: title, exact: true }).check();
  await page.getByLabel('Case reference').fill(caseRef);
  await page.getByRole('button', { name: 'Continue' }).click();
  await mainHeading(page, 'Case facts').waitFor({ timeout: 10000 });
}

/** The title the new-assessment page shows for a rule set's catalogue id (shipped, or the fixture). */
export function ruleSetTitle(id) {
  if (id === 'example') return 'Example rule set (test fixture)';
  const text = readFileSync('rules/index.toml', 'utf8');
  const entry = text.split('[[rule_set]]').find((e) => new RegExp(`^id\\s*=\\s*"${id}"`, 'm').test(e));
  const title = entry?.match(/^title\s*=\s*"([^"]+)"/m)?.[1];
  if (!title) throw new Error(`no rule set ${id} in rules/index.toml`);
  return title;
}

/** A RegExp matching `s` literally. */
export const literal = (s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The page's main heading (h1), by (part of) its text or a RegExp. */
export const mainHeading = (page, name) => page.getByRole('heading', { level: 1, name });

/**
 * A question's fieldset by its printed id (its accessible name is the id, a space, the question), or
 * a case fact's by (part of) its label.
 */
export const question = (page, idOrLabel, { fact = false } = {}) => page.getByRole('group', {
  name: fact ? idOrLabel : new RegExp(`^${literal(idOrLabel).source}\\s`),
});

/** The links of the task list (Case facts first, then each section in order). */
export const taskLinks = (page) => page.getByRole('list')
  .filter({ has: page.getByRole('link', { name: 'Case facts', exact: true }) })
  .getByRole('link');

/**
 * The "Notes and evidence" disclosure of question `id` (its name ends "for <id>" for screen readers;
 * the box inside has the same label, hidden until the disclosure is opened).
 */
export const notesToggle = (page, id) => page.getByText(`Notes and evidence for ${id}`).filter({ visible: true }).first();

/**
 * Renders the page as printed (print media) to an A4 PDF, keeps it as `SHOTS/<name>.pdf`, and gives
 * its text from pdftotext (pages separated by form feeds). Throws when pdftotext is missing: a test
 * that needs a tool fails without it (scripts/setup.sh installs poppler-utils). `layout` keeps the
 * physical layout (pdftotext -layout).
 */
export async function pdfText(page, name, { layout = true } = {}) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  writeFileSync(join(SHOTS, `${name}.pdf`), pdf);
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('pdftotext is not installed: run scripts/setup.sh (it installs poppler-utils)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'print-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  execFileSync('pdftotext', [...(layout ? ['-layout'] : []), join(dir, 'a.pdf'), join(dir, 'a.txt')]);
  return readFileSync(join(dir, 'a.txt'), 'utf8');
}
