import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, verifyUserHash, SIGNATURE_HEADER } from '../../src/node/index.js';

const secret = 'whsec_test_0123456789';
const body = JSON.stringify({ id: 'h-1', reason: 'requested', priority: 'normal', transcript: [{ role: 'user', text: '提现没到账 🙁' }] });
const now = 1_790_000_000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256, as the documented header t=…,v1=…', () => {
    const header = signWebhook(body, secret, now);
    const expected = createHmac('sha256', secret).update(`${now}.${body}`, 'utf8').digest('hex');
    expect(header).toBe(`t=${now},v1=${expected}`);
    expect(signWebhook(Buffer.from(body), secret, now)).toBe(header);
    expect(SIGNATURE_HEADER).toBe('X-Helpline-Signature');
  });

  it('accepts its own signature within the tolerance, from a string or the raw bytes', () => {
    const header = signWebhook(body, secret, now);
    expect(verifyWebhook(body, header, secret, 300, now)).toBe(true);
    expect(verifyWebhook(Buffer.from(body), header, secret, 300, now + 299)).toBe(true);
    expect(verifyWebhook(body, signWebhook(body, secret), secret)).toBe(true);
  });

  it('rejects forged, altered, stale and malformed signatures', () => {
    const header = signWebhook(body, secret, now);
    const v1 = header.split('v1=')[1];
    expect(verifyWebhook(body + ' ', header, secret, 300, now)).toBe(false); // body changed
    expect(verifyWebhook(body.replace('h-1', 'h-2'), header, secret, 300, now)).toBe(false);
    expect(verifyWebhook(body, header, 'another secret', 300, now)).toBe(false);
    expect(verifyWebhook(body, header, secret, 300, now + 301)).toBe(false); // replayed later
    expect(verifyWebhook(body, header, secret, 300, now - 301)).toBe(false); // from the future
    expect(verifyWebhook(body, header, secret, 3600, now + 3000)).toBe(true);
    expect(verifyWebhook(body, `t=${now + 1},v1=${v1}`, secret, 300, now)).toBe(false); // timestamp swapped
    for (const bad of [
      undefined,
      null,
      '',
      'v1=' + v1,
      `t=${now}`,
      `t=abc,v1=${v1}`,
      `t=${now},v1=${v1.slice(2)}`,
      `t=${now},v1=${'z'.repeat(64)}`,
      `t=${now},v0=${v1}`,
      'x'.repeat(5000),
    ]) {
      expect(verifyWebhook(body, bad, secret, 300, now), String(bad)).toBe(false);
    }
    expect(verifyWebhook(body, header, '', 300, now)).toBe(false);
    expect(() => signWebhook(body, '')).toThrow(TypeError);
  });

  it('accepts any of several v1 values, so a secret can be rotated', () => {
    const oldHeader = signWebhook(body, 'old secret', now);
    const both = `${signWebhook(body, secret, now)},v1=${oldHeader.split('v1=')[1]}`;
    expect(verifyWebhook(body, both, secret, 300, now)).toBe(true);
    expect(verifyWebhook(body, both, 'old secret', 300, now)).toBe(true);
    expect(verifyWebhook(body, both, 'third secret', 300, now)).toBe(false);
  });
});

describe('verifyUserHash', () => {
  const userSecret = 'exchange-identity-secret';
  const hashOf = (id: string, key = userSecret) => createHmac('sha256', key).update(id).digest('hex');

  it("accepts the HMAC the exchange's server computed for this user id", () => {
    expect(verifyUserHash('u-42', hashOf('u-42'), userSecret)).toBe(true);
    expect(verifyUserHash('用户-7', hashOf('用户-7'), userSecret)).toBe(true);
    expect(verifyUserHash('u-42', hashOf('u-42').toUpperCase(), userSecret)).toBe(true);
  });

  it("rejects another user's hash, another secret, and anything that is not a hash", () => {
    expect(verifyUserHash('u-43', hashOf('u-42'), userSecret)).toBe(false);
    expect(verifyUserHash('u-42', hashOf('u-42', 'other'), userSecret)).toBe(false);
    expect(verifyUserHash('u-42', hashOf('u-42'), '')).toBe(false);
    expect(verifyUserHash('', hashOf(''), userSecret)).toBe(false);
    for (const bad of [undefined, null, '', 'abc', hashOf('u-42').slice(1), hashOf('u-42') + '00', 'g'.repeat(64)]) {
      expect(verifyUserHash('u-42', bad, userSecret), String(bad)).toBe(false);
    }
  });
});
