#!/usr/bin/env node
// Static server for www/: correct MIME types (application/wasm for instantiateStreaming), a strict
// Content-Security-Policy on every response, and precompressed files (X.br / X.gz next to X, made
// by scripts/precompress.mjs) sent with Content-Encoding when the browser accepts them; other text
// files are compressed on the fly (cached in memory), as a production CDN would.
//
//   node scripts/serve.mjs [root]        PORT (default 8080) and HOST (default 127.0.0.1) from env
//
// Also imported by tests/e2e/*.mjs: `startServer({ root, port: 0 })` resolves to { server, url }.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.ts': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const BASE_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Cross-origin isolation: gives the benchmark page 5 µs timers; harmless for same-origin assets.
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-cache',
};

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

/** The precompressed variant to send, if the client accepts it and it is not older than the file. */
function pickEncoding(file, acceptEncoding) {
  const accepts = (enc) => new RegExp(`(^|[,\\s])${enc}(;q=(?!0(\\.0*)?\\b)[0-9.]+)?\\s*(,|$)`).test(acceptEncoding ?? '');
  const mtime = fs.statSync(file).mtimeMs;
  for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    const candidate = file + ext;
    if (accepts(enc) && isFile(candidate) && fs.statSync(candidate).mtimeMs >= mtime) return { enc, file: candidate };
  }
  return null;
}

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.ts', '.wasm']);
const memo = new Map(); // file -> { mtimeMs, br, gzip }: on-the-fly compression of files without X.br / X.gz

function compressedOnTheFly(file, acceptEncoding) {
  // The bundle (.bin) gets a Content-Encoding only from X.br / X.gz (precompress.mjs writes them when they save bytes).
  if (!COMPRESSIBLE.has(path.extname(file))) return null;
  const enc = /\bbr\b/.test(acceptEncoding ?? '') ? 'br' : /\bgzip\b/.test(acceptEncoding ?? '') ? 'gzip' : null;
  if (!enc) return null;
  const { mtimeMs } = fs.statSync(file);
  let entry = memo.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs) { entry = { mtimeMs }; memo.set(file, entry); }
  if (!entry[enc]) {
    const raw = fs.readFileSync(file);
    entry[enc] = enc === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } })
      : zlib.gzipSync(raw, { level: 9 });
  }
  return { enc, body: entry[enc] };
}

export function createHandler(root) {
  root = path.resolve(root);
  return (req, res) => {
    const headers = { ...BASE_HEADERS };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname); } catch {
      res.writeHead(400, headers).end('bad request');
      return;
    }
    let file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    if (!isFile(file)) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}\n`);
      return;
    }
    headers['content-type'] = TYPES[path.extname(file)] ?? 'application/octet-stream';
    headers.vary = 'Accept-Encoding';
    const pre = pickEncoding(file, req.headers['accept-encoding']);
    if (!pre) {
      const fly = compressedOnTheFly(file, req.headers['accept-encoding']);
      if (fly) {
        headers['content-encoding'] = fly.enc;
        headers['content-length'] = fly.body.length;
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : fly.body);
        return;
      }
    }
    const send = pre ? pre.file : file;
    if (pre) headers['content-encoding'] = pre.enc;
    headers['content-length'] = fs.statSync(send).size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') { res.end(); return; }
    fs.createReadStream(send).pipe(res);
  };
}

export function startServer({ root = path.resolve(here, '..', 'www'), port = 8080, host = '127.0.0.1' } = {}) {
  const server = http.createServer(createHandler(root));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(here, '..', 'www'));
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  for (const need of ['watchlist.bin', 'pkg/sanctions_screen_bg.wasm']) {
    if (!isFile(path.join(root, need))) console.warn(`warning: ${path.join(root, need)} is missing; run \`make demo\` to build it`);
  }
  startServer({ root, port, host }).then(({ url }) => {
    console.log(`Serving ${path.relative(process.cwd(), root) || '.'} on ${url}  (Ctrl-C to stop)`);
  }, (e) => {
    console.error(`cannot listen on ${host}:${port}: ${e.message}; set PORT to a free port, e.g. PORT=8081 make demo`);
    process.exit(1);
  });
}
