/**
 * The relay's built-in store: the state in memory, every change in an AppendLog (`relay.log` in the folder)
 * before it is acknowledged, rebuilt from the log on start. Each change that the helpdesk must hear about
 * is its own forwarding job (its record's `seq`), so a change and its job are one durable write; `done`
 * records mark jobs forwarded. Compaction rewrites the log as the current state when done-marks pile up.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppendLog } from './append-log.js';
import type { CleanHandoff } from './handoff-shape.js';
import type { Conversation, Csat, Job, RelayEvent, RelayStore } from './store.js';

type Rec =
  | { t: 'conv'; seq: number; id: string; key: string; token: string; handoff: CleanHandoff; at: string; sent?: true }
  | { t: 'event'; seq: number; conv: string; ev: RelayEvent; key?: string; sent?: true }
  | { t: 'csat'; seq: number; conv: string; csat: Csat; sent?: true }
  | { t: 'done'; seqs: number[] }
  /** written first by compaction: job numbers keep counting up from here */
  | { t: 'seq'; seq: number };

/** Compact once this many done-marks have been written since the last compaction. */
const COMPACT_AFTER = 20_000;

export class FileStore implements RelayStore {
  readonly kind = 'file';
  private readonly conversations = new Map<string, Conversation>();
  private readonly keys = new Map<string, string>();
  /** event idempotency keys: `<conversation> <key>` → event */
  private readonly eventKeys = new Map<string, RelayEvent>();
  private readonly jobs = new Map<number, Job>();
  private seq = 0;
  private doneMarks = 0;
  private compacting?: Promise<void>;
  private ok = true;
  /** what recovery found: records read and bytes of torn tail cut off */
  readonly recovered: { records: number; truncated: number };

  private constructor(private readonly log: AppendLog<Rec>, records: Rec[], truncated: number) {
    for (const r of records) this.apply(r);
    this.recovered = { records: records.length, truncated };
  }

  /** Opens the store in a folder (created if missing). */
  static async open(folder: string): Promise<FileStore> {
    const { log, records, truncated } = AppendLog.open<Rec>(join(folder, 'relay.log'));
    const store = new FileStore(log, records, truncated);
    if (store.doneMarks > COMPACT_AFTER / 2) await store.compact();
    return store;
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

  async create(key: string, handoff: CleanHandoff): Promise<Conversation> {
    const existing = this.byKey(key);
    if (existing) return existing;
    const rec: Rec = { t: 'conv', seq: ++this.seq, id: randomBytes(12).toString('base64url'), key, token: randomBytes(24).toString('base64url'), handoff, at: new Date().toISOString() };
    await this.write(rec);
    return this.conversations.get(rec.id)!;
  }

  async addEvent(conversation: string, event: Omit<RelayEvent, 'id' | 'at'>, key?: string): Promise<RelayEvent> {
    const c = this.must(conversation);
    const seen = key ? this.eventKeys.get(`${conversation} ${key}`) : undefined;
    if (seen) return seen;
    const ev = { ...event, id: c.events.length + 1 + this.inFlight(conversation), at: new Date().toISOString() } as RelayEvent;
    const rec: Rec = { t: 'event', seq: ++this.seq, conv: conversation, ev, ...(key ? { key } : {}) };
    this.reserve(conversation, +1);
    try {
      await this.write(rec);
    } finally {
      this.reserve(conversation, -1);
    }
    return ev;
  }

  async setCsat(conversation: string, csat: Omit<Csat, 'at'>): Promise<Csat> {
    this.must(conversation);
    const rec: Rec = { t: 'csat', seq: ++this.seq, conv: conversation, csat: { ...csat, at: new Date().toISOString() } };
    await this.write(rec);
    return rec.csat;
  }

  pending(): Job[] {
    return [...this.jobs.values()].sort((a, b) => a.seq - b.seq);
  }

  async done(seqs: number[]): Promise<void> {
    if (!seqs.length) return;
    await this.write({ t: 'done', seqs });
    if (this.doneMarks >= COMPACT_AFTER) await this.compact();
  }

  healthy(): boolean {
    return this.ok;
  }

  close(): Promise<void> {
    return this.log.close();
  }

  /** The log's size in bytes. */
  get size(): number {
    return this.log.size;
  }

  /** Rewrites the log as the current state: done-marks become flags on the records they marked. */
  compact(): Promise<void> {
    this.compacting ??= (async () => {
      await this.log.idle(); // writes already under way land first, so the snapshot has them
      const jobOf = new Map<string, number>();
      for (const j of this.jobs.values()) {
        const ev = j.kind === 'event' ? (j.body as { event: RelayEvent }).event.id : '';
        jobOf.set(`${j.kind} ${j.conversation} ${ev}`, j.seq);
      }
      const keyOf = new Map<RelayEvent, string>();
      for (const [k, ev] of this.eventKeys) keyOf.set(ev, k.slice(k.indexOf(' ') + 1));
      const flag = (seq: number | undefined) => (seq === undefined ? { seq: 0, sent: true as const } : { seq });
      const records: Rec[] = [{ t: 'seq', seq: this.seq }];
      for (const c of this.conversations.values()) {
        records.push({ t: 'conv', id: c.id, key: c.key, token: c.token, handoff: c.handoff, at: c.createdAt, ...flag(jobOf.get(`handoff ${c.id} `)) });
        for (const ev of c.events) {
          const key = keyOf.get(ev);
          records.push({ t: 'event', conv: c.id, ev, ...(key ? { key } : {}), ...flag(jobOf.get(`event ${c.id} ${ev.id}`)) });
        }
        if (c.csat) records.push({ t: 'csat', conv: c.id, csat: c.csat, ...flag(jobOf.get(`csat ${c.id} `)) });
      }
      await this.log.rewrite(records);
      this.doneMarks = 0;
    })().finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  private readonly reserved = new Map<string, number>();
  /** Events being written: the next event's id counts them, so two at once never share an id. */
  private inFlight(conversation: string): number {
    return this.reserved.get(conversation) ?? 0;
  }
  private reserve(conversation: string, n: number): void {
    this.reserved.set(conversation, this.inFlight(conversation) + n);
  }

  private must(id: string): Conversation {
    const c = this.conversations.get(id);
    if (!c) throw new RangeError(`no conversation ${id}`);
    return c;
  }

  private async write(rec: Rec): Promise<void> {
    await this.compacting;
    try {
      await this.log.append(rec);
    } catch (e) {
      this.ok = false;
      throw e;
    }
    this.ok = true;
    this.apply(rec);
  }

  /** One record into the state (on start, and after each durable write). */
  private apply(r: Rec): void {
    if (r.t === 'seq') {
      this.seq = Math.max(this.seq, r.seq);
      return;
    }
    if (r.t === 'done') {
      for (const s of r.seqs) this.jobs.delete(s);
      this.doneMarks++;
      return;
    }
    this.seq = Math.max(this.seq, r.seq);
    if (r.t === 'conv') {
      this.conversations.set(r.id, { id: r.id, token: r.token, key: r.key, handoff: r.handoff, events: [], state: 'queued', createdAt: r.at });
      this.keys.set(r.key, r.id);
      if (!r.sent) this.jobs.set(r.seq, { seq: r.seq, kind: 'handoff', conversation: r.id, body: { conversation: r.id, handoff: r.handoff } });
      return;
    }
    const c = this.conversations.get(r.conv);
    if (!c) return;
    if (r.t === 'event') {
      // events are applied in id order; one that arrived out of order by a write race is sorted in
      c.events.push(r.ev);
      if (c.events.length > 1 && c.events[c.events.length - 2].id > r.ev.id) c.events.sort((a, b) => a.id - b.id);
      if (r.ev.type === 'status' && r.ev.state) c.state = r.ev.state;
      if (r.key) this.eventKeys.set(`${r.conv} ${r.key}`, r.ev);
      if (!r.sent) this.jobs.set(r.seq, { seq: r.seq, kind: 'event', conversation: r.conv, body: { conversation: r.conv, event: r.ev } });
    } else {
      c.csat = r.csat;
      if (!r.sent) this.jobs.set(r.seq, { seq: r.seq, kind: 'csat', conversation: r.conv, body: { conversation: r.conv, csat: r.csat, lang: c.handoff.lang, topic: c.handoff.topic } });
    }
  }
}
