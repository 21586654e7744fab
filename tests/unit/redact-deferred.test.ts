/**
 * The script-tag file's redaction (rollup.config.mjs puts bip39-deferred.ts in place of the list data, as this
 * mock does): before a pack arrives a phrase is found by its shape; the official lists a pack carries are
 * recognised and kept; lists that are not the official ones are not shared between bots.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/safety/bip39-data.js', async () => await import('../../src/safety/bip39-deferred.js'));

const { redactSecrets } = await import('../../src/safety/redact.js');
const { adoptOfficialLists, hasAllOfficialLists, listsFor } = await import('../../src/safety/word-lists.js');
const { officialSets } = await import('../../tools/gen-bip39.js');

const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

describe('redaction in the browser files', () => {
  it('finds a phrase by its shape before any list arrived, and never silently', () => {
    expect(hasAllOfficialLists()).toBe(false);
    expect(listsFor()).toEqual([]);
    expect(redactSecrets(`my seed ${phrase}`).found).toEqual(['mnemonic']);
    expect(redactSecrets('I sent 0.5 BTC yesterday, it has not arrived').found).toEqual([]);
  });

  it('does not share a changed list, and keeps the official ones a pack carries', () => {
    const sets = officialSets();
    const forged = { ...sets[0], data: sets[0].data.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    adoptOfficialLists([forged]);
    expect(hasAllOfficialLists()).toBe(false);
    const typed = 'ocean table wheel frozen minute castle garden pilot rocket simple vacuumm';
    expect(redactSecrets(`My seed: ${typed}`).found).toEqual([]);
    adoptOfficialLists(sets);
    expect(hasAllOfficialLists()).toBe(true);
    // With the lists, an 11-word phrase with a typo is found (the shape alone needs 12 exact words).
    expect(redactSecrets(`My seed: ${typed}`).found).toEqual(['mnemonic']);
    adoptOfficialLists([]);
    expect(hasAllOfficialLists()).toBe(true);
  });
});
