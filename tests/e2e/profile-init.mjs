// Diagnosis of the browser init time (not a test): loads www/bench.html RUNS times in fresh pages
// and prints the init split (wasm instantiate, Screener.fromBytes); with PROFILE=1 it also takes a
// V8 CPU profile (CDP Profiler domain) of each page and prints the wasm functions with the most
// self time. EXTRA_ARGS adds Chromium arguments (separated by ';'), e.g. EXTRA_ARGS='--js-flags=--no-liftoff' to
// see what the load costs once fully optimized (diagnosis only: real users have no such flags).
//
//   node tests/e2e/profile-init.mjs            RUNS=5 PROFILE=1 TOP=25
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const www = path.resolve(here, '..', '..', 'www');
const RUNS = +(process.env.RUNS ?? 5);
const PROFILE = process.env.PROFILE === '1';
const TOP = +(process.env.TOP ?? 25);
const extra = (process.env.EXTRA_ARGS ?? '').split(';').filter(Boolean);

const { server, url } = await startServer({ root: www, port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extra],
});
const self = new Map();
let totalSamplesMs = 0;
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let cdp;
    if (PROFILE) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    await page.goto(`${url}bench.html`);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 120000 });
    const r = await page.evaluate(() => window.benchResult);
    console.log(JSON.stringify({ run, initMs: r.initMs, firstQueryMs: r.firstQueryMs, p50: r.queryMs?.p50, p99: r.queryMs?.p99, error: r.error }));
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      // Self time per function, only inside the Screener.fromBytes call (the stack contains
      // `screener_fromBytes`), so the queries do not dilute it.
      const parent = new Map();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const inLoad = new Map();
      const isLoad = (id) => {
        if (inLoad.has(id)) return inLoad.get(id);
        const n = byId.get(id);
        const name = n.callFrame.functionName;
        const v = /fromBytes|screener_fromBytes/.test(name) || (parent.has(id) && isLoad(parent.get(id)));
        inLoad.set(id, v);
        return v;
      };
      profile.samples.forEach((id, i) => {
        if (!isLoad(id)) return;
        const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const n = byId.get(id);
        const key = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
        self.set(key, (self.get(key) ?? 0) + dt);
        totalSamplesMs += dt;
      });
    }
    await context.close();
  }
  if (PROFILE) {
    const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);
    console.log(`\nself time inside fromBytes, ms per run (total ${(totalSamplesMs / RUNS).toFixed(1)}):`);
    for (const [k, v] of rows) console.log(`${(v / RUNS).toFixed(2).padStart(8)}  ${(100 * v / totalSamplesMs).toFixed(1).padStart(5)}%  ${k}`);
  }
} finally {
  await browser.close();
  server.close();
}
