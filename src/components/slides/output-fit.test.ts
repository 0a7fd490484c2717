import { describe, expect, it } from 'vitest';
import { largestFit } from './output-fit.ts';

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
