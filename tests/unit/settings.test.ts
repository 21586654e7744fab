import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsOf } from '../../src/pack/settings.js';

describe('settingsOf', () => {
  it('takes the defaults, then what the pack stores, then the overrides', () => {
    expect(settingsOf()).toEqual(DEFAULT_SETTINGS);
    expect(settingsOf({ answer: 0.5, clarify: 0.2 })).toMatchObject({ answer: 0.5, clarify: 0.2, intent: DEFAULT_SETTINGS.intent });
    expect(settingsOf({ answer: 0.5, clarify: 0.2 }, { answer: 0.4 })).toMatchObject({ answer: 0.4, clarify: 0.2 });
  });

  it('ignores an override left undefined (a flag not given)', () => {
    expect(settingsOf({ answer: 0.5 }, { answer: undefined }).answer).toBe(0.5);
  });
});
