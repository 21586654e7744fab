import { UsageError, type Args, type OptionSpecs } from '../cli/args.js';
import { DEFAULT_API_PORT, startAnswerApi } from './answer-server.js';

export const API_OPTIONS: OptionSpecs = {
  kb: {
    type: 'string',
    value: '<dir|pack|folder>',
    description: 'a pack file, a pack folder (hot-swapped when rebuilt), or a knowledge folder (compiled once at start)',
  },
  port: { type: 'string', value: '<port>', description: `the port to listen on (default $PORT or ${DEFAULT_API_PORT}; 0 picks a free one)` },
  host: { type: 'string', value: '<address>', description: 'the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)' },
  origin: { type: 'string', value: '<origin>', description: 'the web origin allowed to call it from a browser (default *)' },
};

/** `helpline api --kb <pack> [--port 8788]`: runs until SIGINT or SIGTERM. */
export async function api(args: Args): Promise<number> {
  const kb = args.kb;
  if (typeof kb !== 'string' || !kb) throw new UsageError('missing --kb <pack.json, pack folder or knowledge folder>');
  const raw = typeof args.port === 'string' ? args.port : process.env.PORT;
  const port = raw === undefined || raw === '' ? DEFAULT_API_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${raw}`);
  const started = performance.now();
  const service = await startAnswerApi(kb, {
    port,
    host: typeof args.host === 'string' ? args.host : undefined,
    origin: typeof args.origin === 'string' ? args.origin : undefined,
    onReload: ({ pack, error }) =>
      process.stderr.write(
        pack
          ? `${new Date().toISOString()} new pack ${pack.hash} (${pack.data.articles.length} articles)\n`
          : `${new Date().toISOString()} the changed pack could not be loaded, still answering from the previous one: ${error?.message}\n`,
      ),
  });
  process.stdout.write(`Helpline answer API on ${service.url} (POST /v1/ask, GET /v1/health); loading ${kb}…\n`);
  try {
    const pack = await service.packs.ready;
    process.stdout.write(
      `ready: ${pack.data.articles.length} articles in ${pack.data.languages.join(', ')}, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } catch (e) {
    await service.close();
    throw e;
  }
  await new Promise<void>((done) => {
    const stop = () => void service.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
