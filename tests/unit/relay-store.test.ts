/**
 * The relay's SQL store on both of its databases, the same cases for each: PGlite in a temp folder (the
 * default) and a throwaway PostgreSQL cluster (tests/postgres-cluster.ts; skipped without Debian's
 * postgresql unless REQUIRE_DB=1). State and the forwarding queue survive a reopen, idempotency keys hold,
 * concurrent writes get distinct ids in order, a failed write is not acknowledged and flips healthy(), and a
 * database of another schema version is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { importDatabase, SCHEMA_VERSION, SqlStore } from '../../src/relay/sql-store.js';
import { cleanHandoff, type CleanHandoff } from '../../src/relay/handoff-shape.js';
import { havePostgres, startCluster, type Cluster } from '../postgres-cluster.js';
import { handoff } from './relay-helpers.js';

const clean = (id: string) => cleanHandoff(handoff(id)) as CleanHandoff;

interface Db {
  /** a fresh, empty database to open */
  target(): Promise<string>;
  /** runs one statement on it from outside the store */
  exec(target: string, sql: string): Promise<void>;
}

let cluster: Cluster | undefined;
let databases = 0;

const pglite: Db = {
  target: async () => mkdtempSync(join(tmpdir(), 'helpline-store-')),
  async exec(target, sql) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(target);
    await db.exec(sql);
    await db.close();
  },
};

const postgres: Db = {
  async target() {
    const name = `relay_${++databases}`;
    const c = new pg.Client(cluster!.url);
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    return cluster!.url.replace(/\/postgres$/, `/${name}`);
  },
  async exec(target, sql) {
    const c = new pg.Client(target);
    await c.connect();
    await c.query(sql);
    await c.end();
  },
};

const suites: [string, Db, boolean][] = [
  ['PGlite', pglite, true],
  ['PostgreSQL', postgres, havePostgres],
];

describe.each(suites)('SqlStore on %s', (name, db, run) => {
  beforeAll(async () => {
    if (name === 'PostgreSQL' && run) cluster = await startCluster();
  });
  afterAll(async () => {
    if (name === 'PostgreSQL') await cluster?.stop();
  });

  it.runIf(run)('keeps conversations, events, surveys and the forwarding queue across a reopen', async () => {
    const target = await db.target();
    const store = await SqlStore.open(target);
    expect(store.kind).toBe(name.toLowerCase());
    const c = await store.create('k1', clean('k1'));
    expect(await store.create('k1', clean('k1'))).toBe(c); // same key, same conversation
    const ev = await store.addEvent(c.id, { type: 'message', from: 'agent', name: 'Maria', text: 'hello' }, 'm1');
    expect(await store.addEvent(c.id, { type: 'message', from: 'agent', text: 'hello again' }, 'm1')).toEqual(ev); // same key, same event
    await store.addEvent(c.id, { type: 'status', state: 'closed' });
    await store.setCsat(c.id, { score: 4, comment: 'quick' });
    await store.done([store.pending()[0].seq]);
    await store.close();

    const again = await SqlStore.open(target);
    const got = again.get(c.id)!;
    expect(again.byKey('k1')?.id).toBe(c.id);
    expect(got.token).toBe(c.token);
    expect(got.handoff).toEqual(c.handoff);
    expect(got.events.map((e) => e.id)).toEqual([1, 2]);
    expect(got.events[0]).toEqual(ev);
    expect(got.state).toBe('closed');
    expect(got.csat).toMatchObject({ score: 4, comment: 'quick' });
    expect(again.pending().map((j) => j.kind)).toEqual(['event', 'event', 'csat']);
    expect((await again.addEvent(c.id, { type: 'message', from: 'user', text: 'x' }, 'm1')).text).toBe('hello'); // keys survive
    await again.close();
  });

  it.runIf(run)('gives concurrent events distinct ids in order, and keeps counting jobs up after a reopen', async () => {
    const target = await db.target();
    const store = await SqlStore.open(target);
    const c = await store.create('k', clean('k'));
    const evs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.addEvent(c.id, { type: 'message', from: 'user', text: `m${i}` }, i % 2 ? `key${i}` : undefined)),
    );
    expect(evs.map((e) => e.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const seqs = store.pending().map((j) => j.seq);
    await store.done(seqs);
    expect(store.pending()).toEqual([]);
    await store.close();

    const again = await SqlStore.open(target);
    expect(again.pending()).toEqual([]);
    expect(again.get(c.id)!.events.map((e) => e.text)).toEqual(evs.map((e) => e.text));
    const d = await again.create('later', clean('later'));
    expect(again.pending().find((j) => j.conversation === d.id)!.seq).toBeGreaterThan(Math.max(...seqs));
    await again.close();
  });

  it.runIf(run)('does not acknowledge a write the database refused, and says it is unhealthy until one succeeds', async () => {
    const target = await db.target();
    const store = await SqlStore.open(target);
    const c = await store.create('k', clean('k'));
    // PostgreSQL's jsonb refuses a NUL character: a real refusal, from the database itself
    await expect(store.addEvent(c.id, { type: 'message', from: 'user', text: 'lost\u0000?' })).rejects.toThrow(/\\u0000|unicode/i);
    expect(store.healthy()).toBe(false);
    expect(store.get(c.id)!.events).toEqual([]); // memory is what the database has
    expect(store.pending()).toHaveLength(1); // the handoff's job only: the failed event's job rolled back with it
    await store.setCsat(c.id, { score: 5 });
    expect(store.healthy()).toBe(true);
    await store.close();
    const again = await SqlStore.open(target);
    expect(again.pending().map((j) => j.kind)).toEqual(['handoff', 'csat']);
    await again.close();
  });

  it.runIf(run)('refuses a database written with another schema version, naming both', async () => {
    const target = await db.target();
    await (await SqlStore.open(target)).close();
    await db.exec(target, `UPDATE relay_meta SET value = '${SCHEMA_VERSION + 1}' WHERE name = 'schema'`);
    await expect(SqlStore.open(target)).rejects.toThrow(`schema version ${SCHEMA_VERSION + 1}; this helpline reads version ${SCHEMA_VERSION}`);
  });
});

describe('the relay without its database package', () => {
  it('says which package to install', async () => {
    const missing = () => import('helpline-no-such-database' as string);
    await expect(importDatabase('@electric-sql/pglite', missing, 'its embedded database')).rejects.toThrow(
      'helpline relay needs @electric-sql/pglite for its embedded database: npm install @electric-sql/pglite',
    );
    // Other failures pass through as they are.
    await expect(importDatabase('pg', () => Promise.reject(new Error('disk full')), 'a postgres:// database')).rejects.toThrow('disk full');
  });
});
