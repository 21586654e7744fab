// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandoffOutbox, KEEPALIVE_MAX, type DeliveryResult } from '../../widget/handoff-outbox.js';
import { webhookStandIn, until } from './webhook-stand-in.js';

/** The real fetch, with each request's keepalive flag noted. */
function recordingFetch(log: boolean[]): typeof fetch {
  return (input, init) => {
    log.push(Boolean(init?.keepalive));
    return fetch(input, init);
  };
}

/** Every outbox a test made: one left listening for `online` would take the next test's handoffs (same storage). */
const made: HandoffOutbox[] = [];
class TestOutbox extends HandoffOutbox {
  constructor(...args: ConstructorParameters<typeof HandoffOutbox>) {
    super(...args);
    made.push(this);
  }
}

describe('HandoffOutbox', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => made.splice(0).forEach((o) => o.stop()));

  it('sends a handoff made while another POST is in flight right after it, without a reload', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const hook = await webhookStandIn();
    const results: DeliveryResult[] = [];
    const slowFirst: typeof fetch = async (input, init) => {
      if (JSON.parse(String(init!.body)).id === 'a') await gate;
      return fetch(input, init);
    };
    const outbox = new TestOutbox(hook.url, 'helpline:outbox', { fetch: slowFirst, onResult: (r) => results.push(r) });
    const first = outbox.send({ id: 'a' });
    await new Promise((r) => setTimeout(r, 20));
    void outbox.send({ id: 'b' }); // while 'a' is in flight
    release();
    await first;
    await until(() => hook.received.length === 2, 'both POSTs');
    expect(hook.received.map((r) => r.key)).toEqual(['a', 'b']);
    expect(results.filter((r) => r.delivery === 'delivered').map((r) => r.id)).toEqual(['a', 'b']);
    expect(outbox.pending()).toEqual([]);
    await hook.close();
  });

  it('sends at once when the browser is back online, not after the backoff', async () => {
    const hook = await webhookStandIn();
    let online = false;
    const flaky: typeof fetch = (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
    const results: DeliveryResult[] = [];
    // A backoff of an hour: only the online event can deliver within the test.
    const outbox = new TestOutbox(hook.url, 'helpline:outbox', { fetch: flaky, baseDelay: 3_600_000, onResult: (r) => results.push(r) });
    await outbox.send({ id: 'offline' });
    expect(results.map((r) => r.delivery)).toEqual(['sending', 'retrying']);
    online = true;
    window.dispatchEvent(new Event('online'));
    await until(() => hook.received.length === 1, 'the POST after the online event');
    expect(results.at(-1)).toMatchObject({ id: 'offline', delivery: 'delivered' });
    outbox.stop();
    await hook.close();
  });

  it('aborts an attempt that hangs and retries it', async () => {
    const hook = await webhookStandIn((_r, n) => (n === 1 ? { status: 200, hang: true } : 201));
    const results: DeliveryResult[] = [];
    const outbox = new TestOutbox(hook.url, 'helpline:outbox', { timeout: 200, baseDelay: 10, onResult: (r) => results.push(r) });
    await outbox.send({ id: 'slow' });
    expect(results.map((r) => r.delivery)).toEqual(['sending', 'retrying']);
    await until(() => results.some((r) => r.delivery === 'delivered'), 'the retry');
    expect(hook.received.map((r) => r.key)).toEqual(['slow', 'slow']);
    outbox.stop();
    await hook.close();
  });

  it('sends a body over 64 KiB without keepalive, small ones with it, and the big one blocks nothing', async () => {
    const hook = await webhookStandIn();
    const keepalive: boolean[] = [];
    const outbox = new TestOutbox(hook.url, 'helpline:outbox', { fetch: recordingFetch(keepalive) });
    await outbox.send({ id: 'big', transcript: 'x'.repeat(KEEPALIVE_MAX + 10_000) } as { id: string });
    await outbox.send({ id: 'small' });
    expect(hook.received.map((r) => r.key)).toEqual(['big', 'small']);
    expect(hook.received[0].body.transcript).toHaveLength(KEEPALIVE_MAX + 10_000);
    expect(keepalive).toEqual([false, true]);
    await hook.close();
  });

  it('a failing handoff does not hold back the next one', async () => {
    const hook = await webhookStandIn((r) => (r.key === 'down' ? 503 : 200));
    const outbox = new TestOutbox(hook.url, 'helpline:outbox', { baseDelay: 60_000 });
    await outbox.send({ id: 'down' });
    await outbox.send({ id: 'up' });
    expect(hook.received.some((r) => r.key === 'up')).toBe(true);
    expect(outbox.pending().map((p) => p.id)).toEqual(['down']);
    outbox.stop();
    await hook.close();
  });

  it('two tabs queueing at once keep every handoff (one key per handoff)', async () => {
    const hook = await webhookStandIn(() => 503);
    const tabA = new TestOutbox(hook.url, 'helpline:outbox', { baseDelay: 60_000 });
    const tabB = new TestOutbox(hook.url, 'helpline:outbox', { baseDelay: 60_000 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? tabA : tabB).send({ id: `h${i}` })));
    expect(new Set(tabA.pending().map((p) => p.id)).size).toBe(20);
    // a stale copy of the list written back by one tab cannot erase the other's: nothing is written as a list
    expect(localStorage.getItem('helpline:outbox')).toBeNull();
    tabA.stop();
    tabB.stop();
    await hook.close();
  });

  it('moves a list left by an earlier version to per-handoff keys and sends it', async () => {
    localStorage.setItem('helpline:outbox', JSON.stringify([{ id: 'old' }]));
    const hook = await webhookStandIn();
    const outbox = new TestOutbox(hook.url);
    await outbox.flush();
    expect(hook.received.map((r) => r.key)).toEqual(['old']);
    expect(localStorage.getItem('helpline:outbox')).toBeNull();
    await hook.close();
  });

  it('drops a handoff the server refuses for good (4xx) and says so', async () => {
    const hook = await webhookStandIn(() => 403);
    const results: DeliveryResult[] = [];
    const outbox = new TestOutbox(hook.url, 'helpline:outbox', { onResult: (r) => results.push(r) });
    await outbox.send({ id: 'x' });
    expect(results.at(-1)).toEqual({ id: 'x', delivery: 'failed', status: 403 });
    expect(outbox.pending()).toEqual([]);
    await hook.close();
  });
});
