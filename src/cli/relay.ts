/**
 * `helpline relay [--port 8787] [--db <folder>|<postgres-url>]`: runs the relay (src/relay) until SIGINT/SIGTERM.
 * Its data lives in PGlite (a folder) or a PostgreSQL server (a postgres:// URL). Secrets
 * come from the environment, never the command line (where `ps` shows them): HELPLINE_AGENT_KEY for the
 * agent API, HELPLINE_WEBHOOK_SECRET to sign what is forwarded to `--forward`.
 */
import { resolve } from 'node:path';
import { UsageError, type Args, type OptionSpecs } from './args.js';
import { isPostgresUrl, SqlStore } from '../relay/sql-store.js';
import { startRelay } from '../relay/server.js';

export const RELAY_PORT = 8787;

export const relayOptions: OptionSpecs = {
  port: { type: 'string', value: '<port>', description: `the port to listen on (default $PORT or ${RELAY_PORT}; 0 picks a free one)` },
  host: { type: 'string', value: '<address>', description: 'the address to listen on (default 127.0.0.1; 0.0.0.0 for all)' },
  db: {
    type: 'string',
    value: '<folder|url>',
    description: 'its database: a folder for the embedded PostgreSQL (PGlite; default ./helpline-relay), or a postgres:// URL',
  },
  origin: { type: 'string', value: '<origins>', description: 'comma-separated page origins allowed to call it from a browser (default any)' },
  forward: {
    type: 'string',
    value: '<url>',
    description: 'the helpdesk webhook to forward handoffs, messages and surveys to (signed with $HELPLINE_WEBHOOK_SECRET)',
  },
  rate: { type: 'string', value: '<n>', description: 'requests per client per minute (default 120; 0 for no limit)' },
  'trust-proxy': { type: 'boolean', description: 'take the client address from X-Forwarded-For (only behind your own proxy)' },
};

export async function relay(args: Args): Promise<number> {
  const rawPort = typeof args.port === 'string' ? args.port : process.env.PORT;
  const port = rawPort === undefined || rawPort === '' ? RELAY_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${rawPort}`);
  const rate = args.rate === undefined ? 120 : Number(args.rate);
  if (!Number.isInteger(rate) || rate < 0) throw new UsageError(`--rate must be a whole number, 0 or more, not ${args.rate}`);
  const db = typeof args.db === 'string' ? args.db : 'helpline-relay';
  const forward = typeof args.forward === 'string' ? args.forward : undefined;
  if (forward && !/^https?:\/\//i.test(forward)) throw new UsageError(`--forward must be an http(s) URL, not ${forward}`);
  if (forward && !process.env.HELPLINE_WEBHOOK_SECRET)
    throw new UsageError('--forward needs HELPLINE_WEBHOOK_SECRET in the environment to sign with', { hint: false });
  const target = isPostgresUrl(db) ? db : resolve(db);
  // the URL's password stays out of messages
  const where = isPostgresUrl(db) ? redactUrl(db) : target;
  let store: SqlStore;
  try {
    store = await SqlStore.open(target);
  } catch (e) {
    throw new Error(`cannot open the database ${where}: ${(e as Error).message}`);
  }
  const agentKey = process.env.HELPLINE_AGENT_KEY;
  const r = await startRelay({
    store,
    port,
    host: typeof args.host === 'string' ? args.host : '127.0.0.1',
    agentKey,
    origins:
      typeof args.origin === 'string'
        ? args.origin
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    forwardUrl: forward,
    forwardSecret: process.env.HELPLINE_WEBHOOK_SECRET,
    ratePerMinute: rate,
    trustProxy: Boolean(args['trust-proxy']),
  });
  process.stdout.write(
    `helpline relay: listening on ${r.url} (data in ${store.kind} ${where})${agentKey ? '' : '; the agent API is off until HELPLINE_AGENT_KEY is set'}\n`,
  );
  await new Promise<void>((done) => {
    const stop = () =>
      void r
        .close()
        .then(() => store.close())
        .then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
