/**
 * The relay's built-in store on real files: records survive reopening, a torn or corrupt tail (a crash in
 * the middle of a write) is cut off without harming what came before or what comes after, compaction keeps
 * the state and the unforwarded jobs, and a large log opens.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendLog, encode } from '../../src/relay/append-log.js';
import { FileStore } from '../../src/relay/file-store.js';
import { cleanHandoff, type CleanHandoff } from '../../src/relay/handoff-shape.js';
import { handoff } from './relay-helpers.js';

const folder = () => mkdtempSync(join(tmpdir(), 'helpline-store-'));
const clean = (id: string) => cleanHandoff(handoff(id)) as CleanHandoff;

describe('AppendLog', () => {
  it('reads back what was appended, in order', async () => {
    const path = join(folder(), 'log');
    const { log } = AppendLog.open<{ n: number }>(path);
    await Promise.all(Array.from({ length: 50 }, (_, n) => log.append({ n })));
    await log.close();
    const again = AppendLog.open<{ n: number }>(path);
    expect(again.records.map((r) => r.n)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(again.truncated).toBe(0);
    await again.log.close();
  });

  it('cuts a torn last record (half written before a crash), and the next record is readable', async () => {
    const path = join(folder(), 'log');
    const { log } = AppendLog.open<{ n: number }>(path);
    await log.append({ n: 1 }, { n: 2 });
    await log.close();
    const whole = encode({ n: 3, text: 'x'.repeat(1000) });
    appendFileSync(path, whole.subarray(0, 500)); // the crash
    const reopened = AppendLog.open<{ n: number }>(path);
    expect(reopened.records.map((r) => r.n)).toEqual([1, 2]);
    expect(reopened.truncated).toBe(500);
    await reopened.log.append({ n: 4 });
    await reopened.log.close();
    expect(AppendLog.open<{ n: number }>(path).records.map((r) => r.n)).toEqual([1, 2, 4]);
  });

  it('stops at a record whose checksum does not match (a corrupt tail), keeping everything before it', async () => {
    const path = join(folder(), 'log');
    const { log } = AppendLog.open<{ n: number }>(path);
    await log.append({ n: 1 }, { n: 2 }, { n: 3 });
    await log.close();
    const bytes = readFileSync(path);
    const second = encode({ n: 1 }).length;
    bytes[second + 9] ^= 0xff; // a flipped bit inside record 2's payload
    writeFileSync(path, bytes);
    const reopened = AppendLog.open<{ n: number }>(path);
    expect(reopened.records.map((r) => r.n)).toEqual([1]);
    await reopened.log.close();
  });

  it('opens a log far larger than one read (≈ 80 MB in 1 MB records)', async () => {
    const path = join(folder(), 'log');
    const { log } = AppendLog.open<{ n: number; pad: string }>(path);
    const pad = 'y'.repeat(1024 * 1024);
    for (let n = 0; n < 80; n++) await log.append({ n, pad });
    await log.close();
    expect(statSync(path).size).toBeGreaterThan(80 * 1024 * 1024);
    const reopened = AppendLog.open<{ n: number }>(path);
    expect(reopened.records).toHaveLength(80);
    expect(reopened.records[79].n).toBe(79);
    await reopened.log.close();
  });
});

describe('FileStore', () => {
  it('keeps conversations, events, surveys and the forwarding queue across a reopen', async () => {
    const dir = folder();
    const store = await FileStore.open(dir);
    const c = await store.create('k1', clean('k1'));
    const ev = await store.addEvent(c.id, { type: 'message', from: 'agent', name: 'Maria', text: 'hello' }, 'm1');
    expect(await store.addEvent(c.id, { type: 'message', from: 'agent', text: 'hello again' }, 'm1')).toEqual(ev); // same key, same event
    await store.addEvent(c.id, { type: 'status', state: 'closed' });
    await store.setCsat(c.id, { score: 4, comment: 'quick' });
    await store.done([store.pending()[0].seq]);
    await store.close();

    const again = await FileStore.open(dir);
    const got = again.get(c.id)!;
    expect(again.byKey('k1')?.id).toBe(c.id);
    expect(got.token).toBe(c.token);
    expect(got.events.map((e) => e.id)).toEqual([1, 2]);
    expect(got.state).toBe('closed');
    expect(got.csat).toMatchObject({ score: 4, comment: 'quick' });
    expect(again.pending().map((j) => j.kind)).toEqual(['event', 'event', 'csat']);
    await again.close();
  });

  it('compacts to the same state and queue, and keeps counting jobs up', async () => {
    const dir = folder();
    const store = await FileStore.open(dir);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await store.create(`c${i}`, clean(`c${i}`));
      ids.push(c.id);
      await store.addEvent(c.id, { type: 'message', from: 'user', text: `m${i}` }, `key${i}`);
    }
    const pending = store.pending();
    for (const j of pending.slice(0, 40)) await store.done([j.seq]);
    const before = store.size;
    const lastSeq = Math.max(...pending.map((j) => j.seq));
    await store.compact();
    expect(store.size).toBeLessThan(before);
    const queue = store.pending().map((j) => j.seq);
    await store.close();

    const again = await FileStore.open(dir);
    expect(again.pending().map((j) => j.seq)).toEqual(queue);
    expect(again.get(ids[29])!.events[0].text).toBe('m29');
    expect((await again.addEvent(ids[29], { type: 'message', from: 'user', text: 'again' }, 'key29')).text).toBe('m29'); // keys survive
    const c = await again.create('new', clean('new'));
    expect(again.pending().find((j) => j.conversation === c.id)!.seq).toBeGreaterThan(lastSeq);
    await again.close();
  });
});
