/**
 * `helpline relay [--port 8787] [--db <folder>]`: runs the relay (src/relay) until SIGINT/SIGTERM. Secrets
 * come from the environment, never the command line (where `ps` shows them): HELPLINE_AGENT_KEY for the
 * agent API, HELPLINE_WEBHOOK_SECRET to sign what is forwarded to `--forward`.
 */
import { resolve } from 'node:path';
import { UsageError, type Args, type OptionSpecs } from './args.js';
import { FileStore } from '../relay/file-store.js';
import { startRelay } from '../relay/server.js';

export const RELAY_PORT = 8787;

export const relayOptions: OptionSpecs = {
  port: { type: 'string', value: '<port>', description: `the port to listen on (default $PORT or ${RELAY_PORT}; 0 picks a free one)` },
  host: { type: 'string', value: '<address>', description: 'the address to listen on (default 127.0.0.1; 0.0.0.0 for all)' },
  db: { type: 'string', value: '<folder>', description: 'where the relay keeps its data (default ./helpline-relay)' },
  origin: { type: 'string', value: '<origins>', description: 'comma-separated page origins allowed to call it from a browser (default any)' },
  forward: { type: 'string', value: '<url>', description: 'the helpdesk webhook to forward handoffs, messages and surveys to (signed with $HELPLINE_WEBHOOK_SECRET)' },
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
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new UsageError('PostgreSQL is not supported yet (it needs a client package this build does not include); give a folder for the built-in store', { hint: false });
  }
  const forward = typeof args.forward === 'string' ? args.forward : undefined;
  if (forward && !/^https?:\/\//i.test(forward)) throw new UsageError(`--forward must be an http(s) URL, not ${forward}`);
  if (forward && !process.env.HELPLINE_WEBHOOK_SECRET) throw new UsageError('--forward needs HELPLINE_WEBHOOK_SECRET in the environment to sign with', { hint: false });
  const store = await FileStore.open(resolve(db));
  if (store.recovered.truncated) process.stderr.write(`helpline relay: cut ${store.recovered.truncated} bytes of a torn last write (a crash) off ${resolve(db)}/relay.log\n`);
  const agentKey = process.env.HELPLINE_AGENT_KEY;
  const r = await startRelay({
    store,
    port,
    host: typeof args.host === 'string' ? args.host : '127.0.0.1',
    agentKey,
    origins: typeof args.origin === 'string' ? args.origin.split(',').map((s) => s.trim()).filter(Boolean) : [],
    forwardUrl: forward,
    forwardSecret: process.env.HELPLINE_WEBHOOK_SECRET,
    ratePerMinute: rate,
    trustProxy: Boolean(args['trust-proxy']),
  });
  process.stdout.write(`helpline relay: listening on ${r.url} (data in ${resolve(db)})${agentKey ? '' : '; the agent API is off until HELPLINE_AGENT_KEY is set'}\n`);
  await new Promise<void>((done) => {
    const stop = () => void r.close().then(() => store.close()).then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
