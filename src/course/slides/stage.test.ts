import { describe, expect, it } from 'vitest';
import { fitScale, formatElapsed, printFit } from './stage.ts';

describe('stage scaling', () => {
  it('fits 16:9 into any box, letterboxed', () => {
    expect(fitScale(1920, 1080)).toBe(1.5);
    expect(fitScale(1280, 1000)).toBe(1);
    expect(fitScale(2000, 360)).toBe(0.5);
    expect(fitScale(0, 0)).toBe(1);
  });

  it('shrinks only overflowing slides for print', () => {
    expect(printFit(500)).toBe(1);
    expect(printFit(1440)).toBe(0.5);
  });
});

describe('presenter timer', () => {
  it('formats elapsed time', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(61_900)).toBe('1:01');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5)).toBe('0:00');
  });
});
