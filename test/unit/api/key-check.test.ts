import { KeyTable, sameKey } from '../../../src/api/key-check.js';

describe('sameKey', () => {
  const KEY = 'admin-key-0123456789';

  it('accepts exactly the key', () => {
    expect(sameKey(KEY, KEY)).toBe(true);
    expect(sameKey('ключ-ü', 'ключ-ü')).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a prefix', KEY.slice(0, -1)],
    ['longer', `${KEY}x`],
    ['same length, one character off', `${KEY.slice(0, -1)}8`],
    ['other case', KEY.toUpperCase()],
  ])('refuses a key that is %s, without throwing on its length', (_what, given) => {
    expect(sameKey(given, KEY)).toBe(false);
  });

  it('refuses a missing key even when the expected one is empty', () => {
    expect(sameKey(undefined, '')).toBe(false);
  });
});

describe('A KeyTable', () => {
  it('finds a value by its exact key only', () => {
    const table = new KeyTable([
      ['k'.repeat(20), 'acme'],
      ['z'.repeat(20), 'zeta'],
    ]);
    expect(table.get('k'.repeat(20))).toBe('acme');
    expect(table.get('z'.repeat(20))).toBe('zeta');
    expect(table.get('k'.repeat(19))).toBeUndefined();
    expect(table.get(undefined)).toBeUndefined();
  });
});
