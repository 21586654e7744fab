/**
 * The relay's store on a real PostgreSQL database: PGlite (PostgreSQL compiled to WASM, in-process, its data
 * directory a folder) by default, or a PostgreSQL server reached with `pg` when the target is a
 * postgres:// URL. Both get the same schema and the same statements. The state is read into memory at
 * open, since the interface's reads are synchronous; every change is one transaction, applied to memory
 * and acknowledged only after COMMIT returned. Writes run one at a time, so an event's id (the count so
 * far, plus one) and an idempotency check never race another write of this process.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { CleanHandoff } from './handoff-shape.js';
import type { Conversation, Csat, Job, LiveState, RelayEvent, RelayStore } from './store.js';

/** Bumped when the tables change shape; a database written by another version is refused, not guessed at. */
export const SCHEMA_VERSION = 1;

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS relay_meta (name text PRIMARY KEY, value text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS relay_conversations (
     n bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
     id text PRIMARY KEY, key text NOT NULL UNIQUE, token text NOT NULL, handoff jsonb NOT NULL,
     state text NOT NULL, csat jsonb, created_at text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS relay_events (
     conversation text NOT NULL REFERENCES relay_conversations (id), id integer NOT NULL, key text,
     event jsonb NOT NULL, PRIMARY KEY (conversation, id), UNIQUE (conversation, key))`,
  `CREATE TABLE IF NOT EXISTS relay_jobs (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL, conversation text NOT NULL, body jsonb NOT NULL)`,
];

type Row = Record<string, unknown>;
type Query = (text: string, params?: unknown[]) => Promise<Row[]>;

/** What the store needs of a database connection: statements, and statements inside one transaction. */
interface Sql {
  readonly kind: string;
  query: Query;
  transaction<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * The databases are optional peer dependencies: the SDK and the widget never need them, and PGlite alone is
 * 21 MB. A relay without its database says which package to install.
 */
export async function importDatabase<T>(name: string, load: () => Promise<T>, why: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (module|package)/.test(String(e))) {
      throw new Error(`helpline relay needs ${name} for ${why}: npm install ${name}`);
    }
    throw e;
  }
}

async function openPglite(folder: string): Promise<Sql> {
  mkdirSync(folder, { recursive: true });
  const { PGlite } = await importDatabase('@electric-sql/pglite', () => import('@electric-sql/pglite'), 'its embedded database');
  const db = await PGlite.create(folder);
  return {
    kind: 'pglite',
    query: async (text, params) => (await db.query<Row>(text, params)).rows,
    transaction: (fn) => db.transaction((tx) => fn(async (text, params) => (await tx.query<Row>(text, params)).rows)),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Sql> {
  const { default: pg } = await importDatabase('pg', () => import('pg'), 'a postgres:// database');
  // One connection is enough (writes are serialized); the pool replaces it if the server drops it.
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('error', () => {}); // an idle connection lost: the next write gets a new one, or fails and says so
  const query: Query = async (text, params) => (await pool.query(text, params)).rows;
  await query('SELECT 1'); // a wrong URL or a server that is down fails the open, not the first handoff
  return {
    kind: 'postgresql',
    query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(async (text, params) => (await client.query(text, params)).rows);
        await client.query('COMMIT');
        client.release();
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        client.release(true);
        throw e;
      }
    },
    close: () => pool.end(),
  };
}

export class SqlStore implements RelayStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly keys = new Map<string, string>();
  /** event idempotency keys: `<conversation> <key>` → event */
  private readonly eventKeys = new Map<string, RelayEvent>();
  private readonly jobs = new Map<number, Job>();
  private queue: Promise<unknown> = Promise.resolve();
  private ok = true;

  private constructor(private readonly sql: Sql) {}

  get kind(): string {
    return this.sql.kind;
  }

  /** Opens the store: a postgres:// or postgresql:// URL, else a PGlite data directory (created if missing). */
  static async open(target: string): Promise<SqlStore> {
    const sql = isPostgresUrl(target) ? await openPostgres(target) : await openPglite(target);
    try {
      const store = new SqlStore(sql);
      await store.load();
      return store;
    } catch (e) {
      await sql.close().catch(() => {});
      throw e;
    }
  }

  byKey(key: string): Conversation | undefined {
    const id = this.keys.get(key);
    return id === undefined ? undefined : this.conversations.get(id);
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  list(): Conversation[] {
    return [...this.conversations.values()];
  }

  create(key: string, handoff: CleanHandoff): Promise<Conversation> {
    return this.write(async (q) => {
      const existing = this.byKey(key);
      if (existing) return { after: () => existing };
      const c: Conversation = {
        id: randomBytes(12).toString('base64url'),
        token: randomBytes(24).toString('base64url'),
        key,
        handoff,
        events: [],
        state: 'queued',
        createdAt: new Date().toISOString(),
      };
      await q('INSERT INTO relay_conversations (id, key, token, handoff, state, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        c.id,
        key,
        c.token,
        JSON.stringify(handoff),
        c.state,
        c.createdAt,
      ]);
      const job = await this.insertJob(q, 'handoff', c.id, { conversation: c.id, handoff });
      return {
        after: () => {
          this.addConversation(c);
          this.jobs.set(job.seq, job);
          return c;
        },
      };
    });
  }

  addEvent(conversation: string, event: Omit<RelayEvent, 'id' | 'at'>, key?: string): Promise<RelayEvent> {
    const c = this.must(conversation);
    return this.write(async (q) => {
      const seen = key ? this.eventKeys.get(`${conversation} ${key}`) : undefined;
      if (seen) return { after: () => seen };
      const ev = { ...event, id: c.events.length + 1, at: new Date().toISOString() } as RelayEvent;
      await q('INSERT INTO relay_events (conversation, id, key, event) VALUES ($1, $2, $3, $4)', [conversation, ev.id, key ?? null, JSON.stringify(ev)]);
      const state = ev.type === 'status' && ev.state ? ev.state : undefined;
      if (state) await q('UPDATE relay_conversations SET state = $2 WHERE id = $1', [conversation, state]);
      const job = await this.insertJob(q, 'event', conversation, { conversation, event: ev });
      return {
        after: () => {
          this.remember(c, ev, key);
          if (state) c.state = state;
          this.jobs.set(job.seq, job);
          return ev;
        },
      };
    });
  }

  setCsat(conversation: string, csat: Omit<Csat, 'at'>): Promise<Csat> {
    const c = this.must(conversation);
    return this.write(async (q) => {
      const answer: Csat = { ...csat, at: new Date().toISOString() };
      await q('UPDATE relay_conversations SET csat = $2 WHERE id = $1', [conversation, JSON.stringify(answer)]);
      const job = await this.insertJob(q, 'csat', conversation, { conversation, csat: answer, lang: c.handoff.lang, topic: c.handoff.topic });
      return {
        after: () => {
          c.csat = answer;
          this.jobs.set(job.seq, job);
          return answer;
        },
      };
    });
  }

  pending(): Job[] {
    return [...this.jobs.values()].sort((a, b) => a.seq - b.seq);
  }

  done(seqs: number[]): Promise<void> {
    if (!seqs.length) return Promise.resolve();
    return this.write(async (q) => {
      await q('DELETE FROM relay_jobs WHERE seq = ANY($1::bigint[])', [seqs]);
      return { after: () => void seqs.forEach((s) => this.jobs.delete(s)) };
    });
  }

  healthy(): boolean {
    return this.ok;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.sql.close();
  }

  /**
   * One transaction, after the writes before it. `fn` runs the statements and returns what to do to the
   * memory state once COMMIT has returned: a write that failed leaves memory as it was.
   */
  private write<T>(fn: (q: Query) => Promise<{ after: () => T }>): Promise<T> {
    const run = this.queue.then(async () => {
      let step: { after: () => T };
      try {
        step = await this.sql.transaction(fn);
      } catch (e) {
        this.ok = false;
        throw e;
      }
      this.ok = true;
      return step.after();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async insertJob(q: Query, kind: Job['kind'], conversation: string, body: Record<string, unknown>): Promise<Job> {
    const [row] = await q('INSERT INTO relay_jobs (kind, conversation, body) VALUES ($1, $2, $3) RETURNING seq', [kind, conversation, JSON.stringify(body)]);
    return { seq: Number(row.seq), kind, conversation, body };
  }

  private async load(): Promise<void> {
    await this.sql.transaction(async (q) => {
      // Two relays creating the tables at once would race on CREATE TABLE IF NOT EXISTS: the lock orders them.
      await q('SELECT pg_advisory_xact_lock(8787)');
      for (const s of SCHEMA) await q(s);
      await q('INSERT INTO relay_meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', ['schema', String(SCHEMA_VERSION)]);
      const [meta] = await q('SELECT value FROM relay_meta WHERE name = $1', ['schema']);
      if (meta.value !== String(SCHEMA_VERSION)) {
        throw new Error(`the relay's database has schema version ${meta.value}; this helpline reads version ${SCHEMA_VERSION}`);
      }
    });
    for (const r of await this.sql.query('SELECT id, key, token, handoff, state, csat, created_at FROM relay_conversations ORDER BY n')) {
      const c: Conversation = {
        id: r.id as string,
        key: r.key as string,
        token: r.token as string,
        handoff: r.handoff as CleanHandoff,
        events: [],
        state: r.state as LiveState,
        createdAt: r.created_at as string,
      };
      if (r.csat) c.csat = r.csat as Csat;
      this.addConversation(c);
    }
    for (const r of await this.sql.query('SELECT conversation, key, event FROM relay_events ORDER BY conversation, id')) {
      const c = this.conversations.get(r.conversation as string);
      if (c) this.remember(c, r.event as RelayEvent, (r.key as string | null) ?? undefined);
    }
    for (const r of await this.sql.query('SELECT seq, kind, conversation, body FROM relay_jobs ORDER BY seq')) {
      const seq = Number(r.seq);
      this.jobs.set(seq, { seq, kind: r.kind as Job['kind'], conversation: r.conversation as string, body: r.body as Record<string, unknown> });
    }
  }

  private addConversation(c: Conversation): void {
    this.conversations.set(c.id, c);
    this.keys.set(c.key, c.id);
  }

  private remember(c: Conversation, ev: RelayEvent, key: string | undefined): void {
    c.events.push(ev);
    if (key) this.eventKeys.set(`${c.id} ${key}`, ev);
  }

  private must(id: string): Conversation {
    const c = this.conversations.get(id);
    if (!c) throw new RangeError(`no conversation ${id}`);
    return c;
  }
}
