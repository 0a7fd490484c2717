import { describe, expect, it } from 'vitest';
import { clamp, first, formatHash, last, next, parseHash, prev } from './position.ts';

// Three slides: the title (no steps), one with two steps, one with none.
const shape = [0, 2, 0];

describe('stepping through a deck', () => {
  it('reveals steps one at a time before moving on', () => {
    const moments = [first()];
    for (let i = 0; i < 5; i++) moments.push(next(moments.at(-1)!, shape));
    expect(moments.map(formatHash)).toEqual(['#1', '#2', '#2.1', '#2.2', '#3', '#3']);
  });

  it('going back returns to the previous slide as it was left, all steps shown', () => {
    expect(prev({ slide: 2, step: 0 }, shape)).toEqual({ slide: 1, step: 2 });
    expect(prev({ slide: 1, step: 1 }, shape)).toEqual({ slide: 1, step: 0 });
    expect(prev(first(), shape)).toEqual(first());
  });

  it('the last moment is the last slide complete', () => {
    expect(last(shape)).toEqual({ slide: 2, step: 0 });
    expect(last([0, 3])).toEqual({ slide: 1, step: 3 });
    expect(last([])).toEqual({ slide: 0, step: 0 });
  });

  it('clamps stale links into the deck', () => {
    expect(clamp({ slide: 40, step: 9 }, shape)).toEqual({ slide: 2, step: 0 });
    expect(clamp({ slide: 1, step: 9 }, shape)).toEqual({ slide: 1, step: 2 });
    expect(clamp({ slide: -3, step: -1 }, shape)).toEqual({ slide: 0, step: 0 });
  });
});

describe('URL fragments', () => {
  it('reads slide and step numbers (1-based slides)', () => {
    expect(parseHash('#7')).toEqual({ kind: 'position', position: { slide: 6, step: 0 } });
    expect(parseHash('#7.2')).toEqual({ kind: 'position', position: { slide: 6, step: 2 } });
    expect(parseHash('')).toEqual({ kind: 'none' });
    expect(parseHash('#')).toEqual({ kind: 'none' });
  });

  it('treats anything else as an element id, so heading links open their slide', () => {
    expect(parseHash('#what-blocking-means')).toEqual({
      kind: 'anchor',
      id: 'what-blocking-means',
    });
    expect(parseHash('#7.x')).toEqual({ kind: 'anchor', id: '7.x' });
    expect(parseHash('#%E0%A4%A')).toEqual({ kind: 'none' });
  });

  it('round-trips', () => {
    for (const pos of [first(), { slide: 6, step: 2 }, { slide: 11, step: 0 }]) {
      const t = parseHash(formatHash(pos));
      expect(t).toEqual({ kind: 'position', position: pos });
    }
  });
});
