import { describe, expect, it } from 'vitest';
import { seedList, seedVerdict } from './seed-text.ts';

describe('seed text', () => {
  it('joins runs of three or more with an en dash', () => {
    expect(seedList([1, 2, 3, 4])).toBe('1–4');
    expect(seedList([1, 2, 4, 6, 7, 8, 10])).toBe('1, 2, 4, 6–8, 10');
    expect(seedList([])).toBe('');
  });

  it('says which seed failed and which passed before it', () => {
    const base = { name: 'x', ms: 1 };
    expect(
      seedVerdict({
        ...base,
        passed: false,
        seed: 5,
        seedsPassed: [1, 2, 3, 4],
        seedsTried: 5,
        seedsTotal: 5,
      }),
    ).toBe('Failed under seed 5 (passed seeds 1–4)');
    expect(
      seedVerdict({
        ...base,
        passed: false,
        seed: 5,
        seedsPassed: [1, 2, 3, 4],
        seedsTried: 5,
        seedsTotal: 8,
      }),
    ).toBe('Failed under seed 5 (passed seeds 1–4; 3 more not tried)');
    expect(
      seedVerdict({
        ...base,
        passed: false,
        seed: 1,
        seedsPassed: [],
        seedsTried: 1,
        seedsTotal: 1,
      }),
    ).toBe('Failed under seed 1 (the first it tried)');
    expect(
      seedVerdict({ ...base, passed: true, seedsPassed: [1, 2, 3], seedsTried: 3, seedsTotal: 3 }),
    ).toBe('Passed under 3 seeds (1–3)');
    expect(seedVerdict({ ...base, passed: false })).toBeUndefined();
  });
});
