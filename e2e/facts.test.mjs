// End-to-end test of derived fact relevance on the 2024 CARaG: the Case facts page asks only the
// facts that can still change something, grouped by the sections that use them; a change that makes
// a section stop or start applying is announced next to the fact; a fact no longer asked keeps its
// answer; section pages show the facts they depend on; the task list counts only the facts asked.
// Controls are found by role and accessible name. Run after `trunk build --release`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch, openPage, axe, shot } from './helpers.mjs';

let browser, srv;
before(async () => { browser = await launch(); srv = await serve({ root: process.env.E2E_DIST ?? 'dist', prefix: '/' }); });
after(async () => { await browser?.close(); await srv?.close(); });

const INSPECTION = 'In which inspection is this case being assessed?';
const UPW = 'Does the sentence include an unpaid work requirement?';
const POST_RELEASE = /^Is this a post-release case/;
const PSR = /^Was a pre-sentence report \(of any type\) prepared within the previous 12 months/;

/** The fact's fieldset (a group named by its question) and, after it, its status line. */
function fact(root, name) {
  const opts = { name, exact: typeof name === 'string' };
  const group = root.getByRole('group', opts);
  // `has` is matched inside each block, so it takes a locator from the page, not from `root`.
  const page = typeof root.page === 'function' ? root.page() : root;
  const entry = root.locator('.app-fact').filter({ has: page.getByRole('group', opts) });
  return { group, status: entry.getByRole('status') };
}

/** How many facts the page asks (each is a group in an .app-fact block). */
async function asked(page) {
  return page.locator('.app-fact').count();
}

test('2024 CARaG, PDU case: fewer facts asked, grouped by section; a change is announced next to the fact', async () => {
  const { context, page, problems } = await openPage(browser, { origin: srv.origin, bypassCSP: true });
  await page.goto(srv.url);
  await page.getByRole('button', { name: 'Start a new assessment' }).click();
  await page.getByRole('radio', { name: /PDU and regional domain two standards/ }).check();
  await page.getByRole('textbox', { name: 'Case reference' }).fill('FACTS-1');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Case facts' }).waitFor({ timeout: 10000 });
  const draft = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);

  // Nothing recorded: every fact may still matter.
  const all = await asked(page);
  assert.ok(all >= 50, `all facts asked at first (${all})`);
  assert.ok(await page.getByRole('heading', { level: 2, name: 'Facts used by several sections' }).isVisible());
  assert.ok(await page.getByRole('heading', { level: 2, name: 'Statutory victim work' }).isVisible());

  // A regional case with an unpaid work requirement first: the answer is kept when it stops being asked.
  await fact(page, INSPECTION).group.getByRole('radio', { name: 'Regional inspection' }).check();
  await fact(page, UPW).group.getByRole('radio', { name: 'Yes' }).check();
  const regional = await asked(page);
  assert.ok(regional < all / 2, `a regional case is asked ${regional} of ${all} facts`);

  // PDU inspection: the regional facts go, the PDU facts come, and the change is said next to the fact.
  await fact(page, INSPECTION).group.getByRole('radio', { name: 'PDU inspection' }).check();
  const said = fact(page, INSPECTION).status;
  await said.filter({ hasText: 'Statutory victim work no longer applies.' }).waitFor();
  assert.match(await said.innerText(), /Unpaid work no longer applies\./);
  assert.match(await said.innerText(), /Court work now applies\./);
  assert.equal(await fact(page, UPW).group.count(), 0, 'the unpaid work fact is not asked in a PDU case');
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Statutory victim work' }).isVisible(), false);

  // A community order: the resettlement facts go too.
  const pdu = await asked(page);
  await fact(page, POST_RELEASE).group.getByRole('radio', { name: 'No' }).check();
  await fact(page, POST_RELEASE).status.filter({ hasText: 'Resettlement no longer applies.' }).waitFor();
  const community = await asked(page);
  assert.ok(community < pdu && pdu < all, `facts asked: ${all} at first, ${pdu} for PDU, ${community} for a PDU community order`);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'facts-pdu-community-order');

  // The task list counts only the facts asked (none of them answered but two).
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(draft)}`);
  await page.getByRole('heading', { level: 1, name: 'Case FACTS-1' }).waitFor();
  assert.equal(await page.locator('#facts-status').innerText(), 'In progress');
  const progress = await page.locator('#progress').innerText();

  // A section page shows the facts it depends on, editable there.
  await page.getByRole('link', { name: /^Court work/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Court work' }).waitFor();
  const region = page.getByRole('region', { name: 'Case facts for this section' });
  await region.waitFor();
  const psr = fact(region, PSR);
  assert.match(await region.innerText(), /Decides whether this section applies/);
  await psr.group.getByRole('radio', { name: 'No' }).check();
  await psr.status.filter({ hasText: 'Court work no longer applies.' }).waitFor();
  await page.locator('#section-na').waitFor();
  assert.deepEqual(await axe(page), []);
  await psr.group.getByRole('radio', { name: 'Yes' }).check();
  await psr.status.filter({ hasText: 'Court work now applies.' }).waitFor();

  // Back to a regional inspection: the unpaid work fact is asked again, with its answer kept.
  await page.goto(`${srv.url}#/draft/${encodeURIComponent(draft)}/facts`);
  await page.getByRole('heading', { level: 1, name: 'Case facts' }).waitFor();
  await fact(page, INSPECTION).group.getByRole('radio', { name: 'Regional inspection' }).check();
  await fact(page, UPW).group.waitFor();
  assert.ok(await fact(page, UPW).group.getByRole('radio', { name: 'Yes' }).isChecked(), 'the kept answer shows again');
  assert.notEqual(progress, '');
  assert.deepEqual(problems, []);
  await context.close();
});
