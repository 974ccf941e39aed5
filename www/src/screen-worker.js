// Module worker that owns the WebAssembly screener, so screening never blocks the page.
//
// Protocol (all messages are structured-cloned plain objects):
//   page -> worker  { type: 'init', wasmUrl, bundleUrl }
//   worker -> page  { type: 'ready', info, timings: { wasmMs, bundleMs, totalMs } }
//                   (info: the engine's `info()`, plus `bundle_download_bytes`, the bundle's
//                   compressed size on the wire, or null when the browser does not say)
//                   { type: 'init-error', message }
//   page -> worker  { type: 'screen', id, query, options }
//   worker -> page  { type: 'result', id, result, ms }
//                   { type: 'error', id, message, fatal }
//
// A `fatal` error means the engine aborted (a Rust panic surfaces as WebAssembly.RuntimeError).
// Its heap may then be inconsistent, so this worker refuses all further work and the page
// replaces it with a fresh one.
import init, { Screener } from './pkg/sanctions_screen.js';

let screener = null;
let poisoned = null;

async function fetchBytes(url, what) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new Error(`could not download the ${what} from ${url} (${e.message}); check the URL and that the server is running`);
  }
  if (!response.ok) {
    throw new Error(`could not download the ${what} from ${url}: HTTP ${response.status}; check the URL or rebuild it with \`make demo\``);
  }
  return new Uint8Array(await response.arrayBuffer());
}

async function start({ wasmUrl, bundleUrl }) {
  const t0 = performance.now();
  // Download the bundle while the wasm compiles.
  const bundle = fetchBytes(bundleUrl, 'watchlist bundle');
  await init({ module_or_path: wasmUrl });
  const t1 = performance.now();
  const bytes = await bundle;
  const t2 = performance.now();
  screener = Screener.fromBytes(bytes);
  const t3 = performance.now();
  const info = screener.info();
  // What the bundle weighed on the wire (it is sent compressed); null when the browser does not
  // say (a cached copy, or a server without Timing-Allow-Origin on another origin).
  const timing = performance.getEntriesByName(new URL(bundleUrl, self.location.href).href)[0];
  info.bundle_download_bytes = timing?.encodedBodySize || null;
  return {
    info,
    timings: { wasmMs: t1 - t0, bundleLoadMs: t3 - t2, totalMs: t3 - t0 },
  };
}

function describeFatal(e) {
  return `the screening engine stopped on an internal error (${e.message}); this is a bug, please report it. ` +
    'Screening will restart on the next attempt.';
}

self.addEventListener('message', async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    try {
      const { info, timings } = await start(msg);
      self.postMessage({ type: 'ready', info, timings });
    } catch (e) {
      const message = e instanceof WebAssembly.RuntimeError ? describeFatal(e) : String(e.message ?? e);
      self.postMessage({ type: 'init-error', message });
    }
    return;
  }
  if (msg.type === 'screen') {
    if (poisoned) {
      self.postMessage({ type: 'error', id: msg.id, message: poisoned, fatal: true });
      return;
    }
    if (!screener) {
      self.postMessage({ type: 'error', id: msg.id, message: 'the screener is not ready yet', fatal: false });
      return;
    }
    try {
      const t0 = performance.now();
      const result = screener.screen(msg.query, msg.options ?? undefined);
      self.postMessage({ type: 'result', id: msg.id, result, ms: performance.now() - t0 });
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        poisoned = describeFatal(e);
        screener = null;
        self.postMessage({ type: 'error', id: msg.id, message: poisoned, fatal: true });
      } else {
        self.postMessage({ type: 'error', id: msg.id, message: String(e.message ?? e), fatal: false });
      }
    }
  }
});
