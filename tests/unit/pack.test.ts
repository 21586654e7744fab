import { describe, expect, it } from 'vitest';
import { compileKnowledge } from '../../src/node/index.js';
import { loadPack, PackError, PACK_VERSION } from '../../src/pack/pack.js';
import { fixture } from '../helpers.js';

describe('pack', () => {
  const { text } = compileKnowledge(fixture('kb-mini'));

  it('is deterministic: the same folder gives the same bytes', () => {
    expect(compileKnowledge(fixture('kb-mini')).text).toBe(text);
  });

  it('loads from text or from a parsed object, and keeps its languages and articles', () => {
    for (const source of [text, JSON.parse(text)]) {
      const pack = loadPack(source);
      expect(pack.version).toBe(PACK_VERSION);
      expect(pack.data.languages).toEqual(['en', 'es', 'zh']);
      expect(pack.data.articles.filter((a) => a.lang === 'zh').map((a) => a.id)).toEqual(['withdrawal-fees', 'withdrawal-pending']);
      expect(JSON.stringify(pack.data.articles)).not.toContain('questions');
    }
  });

  it('refuses a pack of another format version, and says what to do', () => {
    const newer = text.replace(`"version":${PACK_VERSION}`, `"version":${PACK_VERSION + 1}`);
    expect(() => loadPack(newer)).toThrow(PackError);
    expect(() => loadPack(newer)).toThrow(new RegExp(`version ${PACK_VERSION + 1} is not supported.*update Helpline`));
    const older = { ...JSON.parse(text), version: 0 };
    expect(() => loadPack(older)).toThrow(/rebuild it/);
  });

  it('detects a damaged or edited pack by its hash', () => {
    const edited = text.replace('network fee', 'network fie');
    expect(() => loadPack(edited)).toThrow(/damaged/);
    expect(() => loadPack(text.slice(0, text.length / 2))).toThrow(PackError);
    expect(() => loadPack('<html>404</html>')).toThrow(/not a Helpline pack/);
    expect(() => loadPack('{"format":"other"}')).toThrow(/not a Helpline pack/);
  });
});
