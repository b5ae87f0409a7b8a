// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/** A new page that records page errors, console errors and any request to another origin. */
export async function openPage(browser, { origin, acceptDownloads = true, bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, acceptDownloads, bypassCSP });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => {
    const u = r.url();
    if (origin && !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`foreign request: ${u}`);
  });
  return { context, page, problems };
}

/** The rule sets the app ships, as listed in rules/index.toml. */
export function shippedRuleSets() {
  const text = readFileSync('rules/index.toml', 'utf8');
  return [...text.matchAll(/^file\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
}

/** Runs axe-core on the page and returns its violations. */
export async function axe(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export function shot(page, name) {
  return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Starts an assessment with the given rule set (by id; the test fixture "example" by default, which
 * the test server adds when started with `fixture: true`) and case reference; ends on the facts page.
 */
export async function startAssessment(page, caseRef, ruleSetId = 'example') {
  await page.locator('#start-new').click();
  await page.locator(`input[name="rule-set"][value="${ruleSetId}"]`).check();
  await page.locator('#case-ref').fill(caseRef);
  await page.locator('#create').click();
  await page.locator('h1#main-heading', { hasText: 'Case facts' }).waitFor({ timeout: 10000 });
}

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
