// Loads www/watchlist.bin with the built engine (www/pkg) in Node, for counting the bundle load in
// instructions, which a busy machine does not disturb (docs/EMBED.md, the wasm profile). Run it
// twice under valgrind, with and without `load`; the difference is the load:
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//     node --liftoff-only --no-wasm-tier-up --single-threaded tests/e2e/load-node.mjs www load
//
// `--liftoff-only --no-wasm-tier-up` counts V8's baseline code (where a browser runs most of the
// load); `--no-liftoff --no-wasm-lazy-compilation` counts its optimizing tier (compiled before the
// load). Diagnosis only: browsers run with neither flag.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(process.argv[2] ?? 'www');
const load = process.argv[3] === 'load';
const { default: init, Screener } = await import(pathToFileURL(path.join(root, 'pkg', 'sanctions_screen.js')).href);
await init({ module_or_path: fs.readFileSync(path.join(root, 'pkg', 'sanctions_screen_bg.wasm')) });
const bytes = new Uint8Array(fs.readFileSync(path.join(root, 'watchlist.bin')));
const t0 = performance.now();
if (load) Screener.fromBytes(bytes);
console.log(JSON.stringify({ root, load, ms: +(performance.now() - t0).toFixed(1) }));
