import { createServer, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

/** A handoff as the widget POSTs it. */
export function handoff(id: string, text = 'my withdrawal is stuck') {
  return {
    id,
    reason: 'requested',
    priority: 'normal',
    team: 'withdrawals',
    lang: 'en',
    topic: 'withdrawal-pending',
    transcript: [{ role: 'user', text, at: new Date().toISOString() }],
    live: true,
    createdAt: new Date().toISOString(),
  };
}

export async function call(base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {}) {
  const res = await fetch(base + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...(init.body !== undefined || init.raw !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers };
}

/** Bytes straight onto a socket (for request lines no HTTP client would send); resolves with the answer. */
export function rawRequest(port: number, bytes: string, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

/** Reads a server-sent event stream until `count` data events arrived. */
export async function readEvents(url: string, count: number, headers: Record<string, string> = {}): Promise<{ id?: string; data: any }[]> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
  const reader = res.body!.getReader();
  const events: { id?: string; data: any }[] = [];
  let buf = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += new TextDecoder().decode(value);
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data) events.push({ id, data: JSON.parse(data) });
    }
  }
  controller.abort();
  return events;
}

/** A helpdesk webhook stand-in: records what it receives, answers what `status` says. */
export async function helpdesk(status: (n: number) => number = () => 200) {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let n = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const code = status(++n);
    if (code < 300) received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(code).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    received,
    attempts: () => n,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function until(ok: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
