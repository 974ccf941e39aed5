#!/usr/bin/env node
// Writes X.gz (gzip -9) and X.br (brotli q11) next to each file given (when they save bytes), for scripts/serve.mjs to
// send with Content-Encoding, and prints raw / gzip / brotli sizes as JSON lines.
//
//   node scripts/precompress.mjs www/watchlist.bin www/pkg/sanctions_screen_bg.wasm ...
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export function compressedSizes(bytes) {
  const gz = zlib.gzipSync(bytes, { level: 9 });
  const br = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  return { gz, br };
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
  const { gz, br } = compressedSizes(bytes);
  // A variant that saves nothing (the bundle is compressed inside already) is not worth a
  // Content-Encoding: remove it so the server sends the file as it is.
  for (const [ext, data] of [['.gz', gz], ['.br', br]]) {
    if (data.length < bytes.length * 0.98) fs.writeFileSync(file + ext, data);
    else fs.rmSync(file + ext, { force: true });
  }
  console.log(JSON.stringify({ file, raw: bytes.length, gzip: gz.length, brotli: br.length }));
}
