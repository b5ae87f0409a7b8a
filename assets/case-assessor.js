// The <case-assessor> element: Case Assessor inside an intranet page, with one tag:
//
//   <script type="module" src="https://apps.example.org/tools/assessor/case-assessor.js"></script>
//   <case-assessor></case-assessor>
//
// Attributes (read when the element is first put on the page):
//   rules     the folder of the rule sets (the one holding index.toml); default: `rules/` beside
//             this module
//   rule-set  the id of the one rule set new assessments use (optional)
// Events, from the element (CustomEvents that bubble out of its shadow root):
//   saved     detail: { draftId, caseReference, ruleSet: { id, version }, time } after each save
//   exported  detail: { fileName, json } when the user exports a draft (json: the file's text)
//
// This file is a template: the post-build hook tools/post-build.mjs writes dist/case-assessor.js
// from it with the build's file names. The app renders in a shadow root with the app's stylesheet
// linked (no inline style or script: the strict Content-Security-Policy holds), so the host page's
// CSS does not reach it and its CSS does not reach the host page.
const HERE = new URL('./', import.meta.url);
const APP_JS = new URL('__APP_JS__', HERE).href;
const APP_WASM = new URL('__APP_WASM__', HERE).href;
const APP_CSS = new URL('__APP_CSS__', HERE).href;

let started;
/** Loads and starts the app's WebAssembly once for the page. */
function start() {
  started ??= import(APP_JS).then((app) => app.default({ module_or_path: APP_WASM }));
  return started;
}

/** An absolute folder address (ending in "/") for the rules attribute. */
function folder(value) {
  const url = value ? new URL(value, document.baseURI) : new URL('rules/', HERE);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

class CaseAssessor extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = APP_CSS;
    const mount = document.createElement('div');
    mount.className = 'app-mount';
    mount.dataset.rules = folder(this.getAttribute('rules'));
    const fixed = this.getAttribute('rule-set');
    if (fixed) mount.dataset.ruleSet = fixed;
    mount.textContent = 'Loading Case Assessor…';
    root.append(css, mount);
    start().then(
      () => document.dispatchEvent(new CustomEvent('case-assessor:connect', { detail: mount })),
      (err) => {
        mount.textContent = 'Case Assessor could not start here: this browser may be out of date, or this page may not allow WebAssembly.';
        console.error('case-assessor:', err);
      },
    );
  }
}

if (!customElements.get('case-assessor')) customElements.define('case-assessor', CaseAssessor);
