// End-to-end test of the demo page (www/index.html) in the system Chromium, driven by
// playwright-core. Needs www/watchlist.bin (real lists) and www/pkg/ (make bundle wasm).
//
//   node tests/e2e/e2e.mjs            exit 0 when every check passes; screenshot in target/demo.png
//
// It records every request the page (and its worker) makes, and fails on any request made after
// the assets were loaded: screening must happen entirely on the device.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, CSP } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const www = path.join(repo, 'www');
for (const need of ['watchlist.bin', 'pkg/sanctions_screen_bg.wasm']) {
  if (!fs.existsSync(path.join(www, need))) {
    console.error(`missing www/${need}: run \`make bundle wasm\` first`);
    process.exit(1);
  }
}

const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 60000);

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name}${detail ? `\n    ${detail}` : ''}`); }
}

const { server, url } = await startServer({ root: www, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);

  // ---- record everything -------------------------------------------------------------------
  const requests = [];
  let assetsLoaded = false;
  const late = [];
  const onRequest = (r) => {
    requests.push(r.url());
    if (assetsLoaded) late.push(r.url());
  };
  context.on('request', onRequest);
  const wire = {};
  context.on('requestfinished', async (r) => {
    try {
      const res = await r.response();
      const sizes = await r.sizes();
      wire[new URL(r.url()).pathname] = { encoding: res?.headers()['content-encoding'] ?? 'identity', bytes: sizes.responseBodySize };
    } catch { /* page closing */ }
  });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => w.on?.('console', (m) => { if (m.type() === 'error') problems.push(`worker console.error: ${m.text()}`); }));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
        .observe({ type: 'longtask', buffered: true });
    } catch { /* longtask unsupported */ }
  });

  // ---- load ----------------------------------------------------------------------------------
  const t0 = Date.now();
  const response = await page.goto(url, { waitUntil: 'load' });
  check('page served with the strict CSP header', response.headers()['content-security-policy'] === CSP);
  try {
    await page.waitForSelector('body[data-ready="1"]', { timeout: TIMEOUT });
  } catch (e) {
    console.log(`page never became ready; problems: ${JSON.stringify(problems)}`);
    throw e;
  }
  console.log(`# ready in ${Date.now() - t0} ms after navigation`);
  await page.waitForLoadState('networkidle');
  assetsLoaded = true;
  const loadedRequests = [...requests];
  check('assets are all same-origin', loadedRequests.every((u) => u.startsWith(url)), JSON.stringify(loadedRequests));
  check('the worker downloaded the bundle and the wasm',
    loadedRequests.some((u) => u.endsWith('/watchlist.bin')) && loadedRequests.some((u) => u.endsWith('.wasm')), JSON.stringify(loadedRequests));
  const info = await page.evaluate(() => document.querySelector('#console-screen').info());
  check('wasm arrives compressed; the bundle is compressed (Content-Encoding, or its own codec when not stored)',
    wire['/pkg/sanctions_screen_bg.wasm']?.encoding !== 'identity' && (wire['/watchlist.bin']?.encoding !== 'identity' || info.codec !== 'stored'),
    JSON.stringify({ wire, codec: info.codec }));
  console.log(`# wire bytes: ${JSON.stringify(wire)}`);
  const footer = await page.textContent('#lists-line');
  check('footer names the lists and their dates', /OFAC SDN \(\d{4}-\d\d-\d\d/.test(footer) && /Bundle \d+ KB downloaded, \d+ KB unpacked/.test(footer), footer);
  // `make bundle` dates OFAC SDN with --as-of; the non-SDN files carry no date, so theirs is the
  // files' modification time and must read as such, not as a publication date.
  check('a date taken from the files is shown as a file date',
    /OFAC consolidated \(non-SDN\) \(file dated \d{4}-\d\d-\d\d/.test(footer) && !/OFAC SDN \(file dated/.test(footer), footer);

  // ---- programmatic screening through the console element ---------------------------------------
  const screen = (query) => page.evaluate(async (q) => {
    const el = document.querySelector('#console-screen');
    const seen = new Promise((resolve) => el.addEventListener('screening-result', (e) => resolve(e.detail), { once: true }));
    const detail = await el.screen(q);
    const event = await seen;
    return { detail, sameAsEvent: event === detail };
  }, query);

  const song = await screen({ name: 'SONG Kum Hyok' });
  check('listed name SONG Kum Hyok → match 49970', song.detail.decision === 'match' && song.detail.matches[0]?.id === '49970',
    JSON.stringify(song.detail.matches.slice(0, 2).map((m) => [m.id, m.name, m.score])));
  check('screen() resolves to the event detail', song.sameAsEvent);
  const receipt = song.detail.receipt;
  check('receipt is {decision, bundleChecksum, screenedAt} with no personal data',
    JSON.stringify(Object.keys(receipt).sort()) === '["bundleChecksum","decision","screenedAt"]' &&
    receipt.decision === 'match' && /^[0-9a-f]{8}$/.test(receipt.bundleChecksum) && !JSON.stringify(receipt).toLowerCase().includes('song'),
    JSON.stringify(receipt));

  const variant = await screen({ name: 'Song Geum-hyeok' });
  check('romanization variant Song Geum-hyeok → match or review', variant.detail.decision !== 'clear',
    JSON.stringify(variant.detail.matches.slice(0, 2).map((m) => [m.id, m.name, m.score])));
  const reordered = await screen('Kum-Hyok Song');
  check('reordered, hyphenated Kum-Hyok Song → match 49970', reordered.detail.decision === 'match' && reordered.detail.matches[0]?.id === '49970');
  const ordinary = await screen({ name: 'Maria Garcia Lopez' });
  check('ordinary name Maria Garcia Lopez → clear', ordinary.detail.decision === 'clear',
    JSON.stringify(ordinary.detail.matches.slice(0, 2).map((m) => [m.id, m.name, m.score])));
  const email = await screen({ email: 'wangge327@yahoo.com' });
  check('listed email alone → match 49970', email.detail.decision === 'match' && email.detail.matches[0]?.id === '49970',
    JSON.stringify(email.detail.matches.slice(0, 1).map((m) => [m.id, m.explanation.identifier])));
  const company = await screen({ name: 'JINYONG IT COOPERATION COMPANY' });
  check('exact listed alias JINYONG IT COOPERATION COMPANY → 43379 reported', company.detail.matches.some((m) => m.id === '43379'),
    JSON.stringify(company.detail.matches.slice(0, 2).map((m) => [m.id, m.name, m.score])));

  // ---- the console UI: an example chip renders ranked, explained matches ---------------------
  await page.click('.chip[data-name="Kum-Hyok Song"]');
  await page.waitForFunction(() => document.querySelector('#results')?.textContent.includes('49970'));
  const firstRow = await page.textContent('#results .match-list li');
  check('console shows the ranked match with token pairs', firstRow.includes('49970') && firstRow.includes('Listed token'), firstRow.slice(0, 200));

  // ---- keyboard only: tab to the signup fields, type, hear the status -------------------------
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  let focused = '';
  for (let i = 0; i < 20 && focused !== 'fullname'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.id ?? '');
  }
  check('Tab reaches the name field', focused === 'fullname', `focus stopped on #${focused}`);
  await page.keyboard.type('Kum Hyok Song', { delay: 15 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('applicant@example.com', { delay: 5 });
  const statusSel = '#signup-screen';
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('.box').dataset.state === 'match', statusSel);
  const live = await page.evaluate((sel) => {
    const status = document.querySelector(sel).shadowRoot.querySelector('[role="status"]');
    return { live: status.getAttribute('aria-live'), text: status.textContent };
  }, statusSel);
  check('live region announces the match, what matched and why', live.live === 'polite' && live.text.includes('49970') && /name \d+%/.test(live.text), live.text);
  // Tab onward to the widget's "Why?" toggle and open it with the keyboard.
  let inWidget = false;
  for (let i = 0; i < 10 && !inWidget; i++) {
    await page.keyboard.press('Tab');
    inWidget = await page.evaluate((sel) => document.activeElement === document.querySelector(sel) &&
      document.querySelector(sel).shadowRoot.activeElement?.tagName === 'SUMMARY', statusSel);
  }
  check('Tab reaches the widget\'s details toggle', inWidget);
  await page.keyboard.press('Enter');
  const open = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('details').open, statusSel);
  check('Enter opens the details', open);
  // Submitting by keyboard is blocked on a match.
  await page.focus('button[type="submit"].primary');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#form-note').textContent.includes('cannot open'));
  check('submit is blocked on a match', true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(repo, 'target', 'demo.png'), fullPage: true });

  // ---- hostile input: 100 KB, control and zero-width characters; the page stays responsive ----
  const huge = 'Ж\u200b\u0000A'.repeat(25600); // 100 KB of Cyrillic, zero-width space, NUL, ASCII
  await page.evaluate(() => { window.__longTasks.length = 0; });
  await page.fill('#fullname', huge);
  const ping0 = Date.now();
  await page.evaluate(() => 1);
  const pingMs = Date.now() - ping0;
  await page.waitForFunction((sel) => ['clear', 'review', 'match', 'error'].includes(document.querySelector(sel).shadowRoot.querySelector('.box').dataset.state) &&
    document.querySelector(sel).shadowRoot.querySelector('.message').textContent.length > 0 &&
    !document.querySelector(sel).shadowRoot.querySelector('.message').textContent.includes('Kum Hyok'), statusSel);
  const hostile = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('[role="status"]').textContent, statusSel);
  check('100 KB input → a clear outcome', hostile.length > 0 && hostile.length < 600, hostile.slice(0, 200));
  const controls = await screen({ name: 'S\u0000O\u0007NG\u200b K\u202eum\u200d Hyok\uFEFF \uD800 \u{1F600}', country: '\u0000', dob: '\u200b' })
    .then((r) => r.detail.decision, (e) => `error: ${e.message}`);
  check('control, zero-width and lone-surrogate characters → a decision or an error', typeof controls === 'string' && controls.length > 0, controls);
  const longTasks = await page.evaluate(() => window.__longTasks);
  check('page stays responsive (no main-thread task over 1 s, ping under 1 s)', longTasks.every((d) => d < 1000) && pingMs < 1000,
    `ping ${pingMs} ms, long tasks ${JSON.stringify(longTasks)}`);
  await page.fill('#fullname', '');

  // ---- global checks -------------------------------------------------------------------------
  const violations = await page.evaluate(() => window.__cspViolations);
  check('no CSP violations', violations.length === 0, JSON.stringify(violations));
  check('no console errors or warnings', problems.length === 0, JSON.stringify(problems));
  check('no network request after the assets loaded', late.length === 0, JSON.stringify(late));
  check('screenshot written to target/demo.png', fs.statSync(path.join(repo, 'target', 'demo.png')).size > 10000);
} catch (e) {
  failed++;
  console.log(`not ok - unexpected failure: ${e.stack ?? e}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
