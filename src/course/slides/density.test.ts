import { describe, expect, it } from 'vitest';
import { countWords, densityProblems, medianWords, type MeasuredSlide } from './density.ts';

const slide = (number: number, words: number): MeasuredSlide => ({
  number,
  title: `Slide ${number}`,
  words,
});

describe('slide density', () => {
  it('counts words, keeping identifiers and numbers whole', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  — · → ')).toBe(0);
    expect(countWords('epoll_wait returns 10,000 events; it’s O(ready).')).toBe(7);
    expect(countWords('Twisted names these addReader, addWriter')).toBe(5);
  });

  it('takes the lower middle as the median', () => {
    expect(medianWords([])).toBe(0);
    expect(medianWords([slide(1, 50), slide(2, 10), slide(3, 30)])).toBe(30);
    expect(medianWords([slide(1, 50), slide(2, 10), slide(3, 30), slide(4, 40)])).toBe(30);
  });

  it('passes a deck within both limits', () => {
    expect(densityProblems('d', [slide(1, 80), slide(2, 12), slide(3, 40)])).toEqual([]);
  });

  it('names each slide over the limit, and a deck whose median is too high', () => {
    const problems = densityProblems('the-reactor', [slide(2, 81), slide(3, 45), slide(4, 41)]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^the-reactor #2 "Slide 2": 81 words/);
    expect(problems[1]).toMatch(/median slide shows 45 words/);
  });
});
