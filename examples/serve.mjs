#!/usr/bin/env node
// Serves the demo exchange (examples/exchange), the widget (dist/helpline.js) and the sample pack, under a
// strict Content-Security-Policy (no inline scripts or styles), as a careful exchange would.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'examples', 'exchange');
const port = Number(process.env.PORT ?? 5173);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const ROUTES = { '/helpline.js': join(root, 'dist', 'helpline.js') };

const server = createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    return void res.writeHead(400).end('bad request'); // a malformed %-escape must not take the server down
  }
  const file = ROUTES[path] ?? join(site, normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(site + sep) && !Object.values(ROUTES).includes(file)) return void res.writeHead(403).end('forbidden');
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`Helpline demo exchange: http://localhost:${server.address().port}/`));
