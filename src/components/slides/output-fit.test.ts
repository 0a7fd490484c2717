import { describe, expect, it } from 'vitest';
import { WRAP_GAIN, largestFit, preferColumns, preferWrapped } from './output-fit.ts';

describe('largestFit', () => {
  it('keeps the largest size when it fits', () => {
    expect(largestFit(12, 20, () => true)).toBe(20);
  });
  it('finds the largest size that fits, trying few sizes', () => {
    const tried: number[] = [];
    const size = largestFit(12, 20, (px) => {
      tried.push(px);
      return px <= 15;
    });
    expect(size).toBe(15);
    expect(tried.length).toBeLessThanOrEqual(6);
  });
  it('gives the floor when nothing fits', () => {
    expect(largestFit(12, 20, () => false)).toBe(12);
  });
});

describe('preferWrapped', () => {
  it('keeps whole lines unless wrapping buys a clearly larger size', () => {
    expect(preferWrapped({ size: 14, whole: true }, { size: 16, whole: true })).toBe(false);
    expect(preferWrapped({ size: 12, whole: true }, { size: 12 + WRAP_GAIN, whole: true })).toBe(
      true,
    );
  });
  it('wraps when only the wrapped output shows whole, or when neither does', () => {
    expect(preferWrapped({ size: 12, whole: false }, { size: 12, whole: true })).toBe(true);
    expect(preferWrapped({ size: 12, whole: false }, { size: 12, whole: false })).toBe(true);
  });
  it('never trades a whole output for one cut off', () => {
    expect(preferWrapped({ size: 12, whole: true }, { size: 20, whole: false })).toBe(false);
  });
});

describe('preferColumns', () => {
  it('puts the output beside the code when only there it shows whole', () => {
    expect(preferColumns({ size: 12, whole: false }, { size: 12, whole: true }, true)).toBe(true);
  });
  it('or when it shows larger there', () => {
    expect(preferColumns({ size: 13, whole: true }, { size: 15, whole: true }, true)).toBe(true);
    expect(preferColumns({ size: 15, whole: true }, { size: 15, whole: true }, true)).toBe(false);
  });
  it('never when the code would not show whole beside it, or the output not whole', () => {
    expect(preferColumns({ size: 12, whole: false }, { size: 20, whole: true }, false)).toBe(false);
    expect(preferColumns({ size: 12, whole: false }, { size: 14, whole: false }, true)).toBe(false);
  });
});
