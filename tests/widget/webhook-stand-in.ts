import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface Received {
  path: string;
  key: string | undefined;
  keepalive?: boolean;
  body: any;
}

/**
 * A real HTTP server standing in for an exchange's handoff webhook: records every POST and answers with the
 * status `respond` picks (CORS open, as a webhook for a widget must be).
 */
export async function webhookStandIn(respond: (req: Received, n: number) => number | { status: number; body?: unknown; hang?: boolean } = () => 200) {
  const received: Received[] = [];
  const hung: (() => void)[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const r: Received = { path: req.url ?? '', key: req.headers['idempotency-key'] as string | undefined, body: text ? JSON.parse(text) : undefined };
    received.push(r);
    const answer = respond(r, received.length);
    const { status, body, hang } = typeof answer === 'number' ? { status: answer, body: {} } : answer;
    if (hang) {
      hung.push(() => res.destroy());
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    received,
    close: () => {
      hung.forEach((h) => h());
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Waits until `ok()` holds (polling), failing after `ms` with `what`. */
export async function until(ok: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
