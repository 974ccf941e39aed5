#!/usr/bin/env node
// Writes X.gz (gzip, encoded by Zopfli) and X.br (brotli q11) next to each file given (when they save bytes), for
// scripts/serve.mjs to send with Content-Encoding, and prints raw / gzip / brotli sizes as JSON lines (`gzipZlib9`:
// the same file through zlib level 9, for comparison).
//
//   node scripts/precompress.mjs www/watchlist.bin www/pkg/sanctions_screen_bg.wasm ...
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Zopfli (from npm, pinned in tests/e2e/package.json) writes ordinary gzip 5–10 % smaller than zlib -9, at build time
// only: every browser decodes it.
function zopfli() {
  const require = createRequire(new URL('../tests/e2e/package.json', import.meta.url));
  try {
    return require('@gfx/zopfli');
  } catch {
    console.error('@gfx/zopfli is missing from tests/e2e/node_modules: run scripts/setup.sh');
    process.exit(1);
  }
}

export async function compressedSizes(bytes) {
  const gzZlib9 = zlib.gzipSync(bytes, { level: 9 });
  // Content that does not compress (a bundle deflated inside, `--profile full`) is not worth Zopfli's time.
  const gz = gzZlib9.length < bytes.length * 0.98
    ? Buffer.from(await zopfli().gzipAsync(bytes, { numiterations: 15 }))
    : gzZlib9;
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  return { gz, gzZlib9, br };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const files = isMain ? process.argv.slice(2) : [];
if (isMain && files.length === 0) {
  console.error('usage: node scripts/precompress.mjs FILE...');
  process.exit(2);
}
for (const file of files) {
  let bytes;
  try { bytes = fs.readFileSync(file); } catch (e) {
    console.error(`cannot read ${file}: ${e.message}; build it first (make wasm / make bundle)`);
    process.exit(1);
  }
  const { gz, gzZlib9, br } = await compressedSizes(bytes);
  // A variant that saves nothing (a bundle compressed inside already) is not worth a
  // Content-Encoding: remove it so the server sends the file as it is.
  for (const [ext, data] of [['.gz', gz], ['.br', br]]) {
    if (data.length < bytes.length * 0.98) fs.writeFileSync(file + ext, data);
    else fs.rmSync(file + ext, { force: true });
  }
  console.log(JSON.stringify({ file, raw: bytes.length, gzip: gz.length, gzipZlib9: gzZlib9.length, brotli: br.length }));
}
