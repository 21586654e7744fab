/**
 * Property tests of the redaction on generated inputs (bench/redaction-cases.ts), fixed seeds. The same
 * generators, with more cases, give the figures of `npm run bench:redaction`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactSecrets } from '../../src/safety/redact.js';
import {
  LABELLED,
  NOT_SECRET,
  UI_LANGS,
  keptWords,
  labelledCase,
  leaksSecret,
  phraseCase,
  redactCase,
  type LabelledKind,
} from '../../bench/redaction-cases.js';

const SEED = 20261202;

describe('redaction properties', () => {
  it('leaves no more than two words of a seed phrase with up to two typos, in any list, shape or split', () => {
    fc.assert(
      fc.property(phraseCase(), (c) => {
        const out = redactCase(c);
        expect(keptWords(out, c), out).toBeLessThanOrEqual(2);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  for (const kind of Object.keys(LABELLED) as LabelledKind[]) {
    it(`removes every labelled ${kind} in the ten UI languages`, () => {
      for (const lang of UI_LANGS) {
        fc.assert(
          fc.property(labelledCase(kind, lang), (c) => {
            const out = redactSecrets(c.text).text;
            expect(leaksSecret(out, c.secret), `${lang}: ${out}`).toBe(false);
          }),
          { seed: SEED, numRuns: 40 },
        );
      }
    });
  }

  for (const [name, arb] of Object.entries(NOT_SECRET)) {
    it(`leaves ${name}s alone`, () => {
      fc.assert(
        fc.property(arb, (text) => {
          expect(redactSecrets(text), text).toEqual({ text, found: [] });
        }),
        { seed: SEED, numRuns: 300 },
      );
    });
  }
});
