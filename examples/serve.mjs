#!/usr/bin/env node
// Serves the demo exchange (examples/exchange), the widget (dist/helpline.js, the loader, and the widget code it
// imports) and the sample pack, as a CDN would: compressed (brotli or gzip, per Accept-Encoding), hashed files
// cached forever (immutable), the rest revalidated; under a strict Content-Security-Policy (no inline scripts or
// styles), as a careful exchange would. The pack is a folder (examples/exchange/pack/, `npm start` builds it);
// examples/exchange/pack.json, the single file, is served too when it is there.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'examples', 'exchange');
const dist = join(root, 'dist');
const port = Number(process.env.PORT ?? 5173);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** A content hash in the name (helpline-widget.<hash>.js, en.<hash>.json): the content never changes under it. */
const HASHED = /\.[0-9A-Za-z_-]{8,}\.(js|json)$/;
const COMPRESSIBLE = /\.(html|js|css|json|svg)$/;

/** Compressed once per file version, not once per request. */
const cache = new Map();
async function body(file) {
  const { mtimeMs, size } = await stat(file);
  const key = `${file}:${mtimeMs}:${size}`;
  let b = cache.get(file);
  if (b?.key !== key) {
    const raw = await readFile(file);
    const small = raw.length < 1024 || !COMPRESSIBLE.test(file);
    b = {
      key,
      raw,
      gzip: small ? undefined : gzipSync(raw, { level: 9 }),
      br: small ? undefined : brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    };
    cache.set(file, b);
  }
  return b;
}

function resolveFile(path) {
  if (path === '/helpline.js' || /^\/helpline-[a-z-]+\.[\w-]+\.js$/.test(path)) return join(dist, path.slice(1));
  const file = join(site, normalize(path === '/' ? '/index.html' : path.endsWith('/') ? path + 'index.html' : path).replace(/^(\.\.[/\\])+/, ''));
  return file.startsWith(site + sep) ? file : undefined;
}

const server = createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return void res.writeHead(400).end('bad request'); // a malformed %-escape must not take the server down
  }
  // A pack folder's address is the folder: its manifest answers for it.
  if (path.endsWith('/pack/')) path += 'manifest.json';
  const file = resolveFile(path);
  if (!file) return void res.writeHead(403).end('forbidden');
  try {
    const b = await body(file);
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = b.br && /\bbr\b/.test(accepts) ? 'br' : b.gzip && /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
    const sent = encoding ? b[encoding] : b.raw;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Length': sent.length,
      ...(b.gzip ? { Vary: 'Accept-Encoding' } : {}),
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : sent);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`Helpline demo exchange: http://localhost:${server.address().port}/`));
