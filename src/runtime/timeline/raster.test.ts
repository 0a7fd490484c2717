// Drawing only what is visible, with sub-pixel intervals merged (issue 15, item 1).
import { describe, expect, it } from 'vitest';
import type { Interval, LaneState } from './lanes.ts';
import { markColumns, rasterize } from './raster.ts';

const iv = (start: number, end: number, state: LaneState): Interval => ({
  start,
  end,
  state,
  label: state,
});

describe('rasterize', () => {
  it('draws wide intervals as they are, clipped to the view', () => {
    const ivs = [iv(0, 10, 'running'), iv(10, 50, 'blocked'), iv(50, 100, 'running')];
    expect(rasterize(ivs, { from: 5, to: 55 }, 100)).toEqual([
      { x0: 0, x1: 10, state: 'running', label: 'running' },
      { x0: 10, x1: 90, state: 'blocked', label: 'blocked' },
      { x0: 90, x1: 100, state: 'running', label: 'running' },
    ]);
    expect(rasterize(ivs, { from: 200, to: 300 }, 100)).toEqual([]);
  });

  it('merges 100,000 sub-pixel intervals into at most one segment per pixel', () => {
    const ivs: Interval[] = [];
    for (let i = 0; i < 100_000; i++) ivs.push(iv(i, i + 1, i % 2 ? 'running' : 'ready'));
    const segs = rasterize(ivs, { from: 0, to: 100_000 }, 500);
    expect(segs.length).toBeLessThanOrEqual(500);
    expect(segs.every((s) => s.state === 'mixed')).toBe(true);
    expect(segs[0]!.x0).toBe(0);
    expect(segs.at(-1)!.x1).toBeCloseTo(500, 5);
    // Zoomed in, the same intervals are drawn one by one again.
    const close = rasterize(ivs, { from: 1000, to: 1010 }, 500);
    expect(close.map((s) => s.state)).toEqual(
      Array.from({ length: 10 }, (_, k) => (k % 2 ? 'running' : 'ready')),
    );
  });

  it('keeps the state of a pixel whose tiny intervals all agree', () => {
    const ivs = [iv(0, 0.3, 'blocked'), iv(0.3, 0.6, 'blocked'), iv(0.6, 1, 'blocked')];
    const segs = rasterize([...ivs, iv(1, 100, 'running')], { from: 0, to: 100 }, 100);
    expect(segs).toEqual([
      { x0: 0, x1: 1, state: 'blocked', label: 'blocked' },
      { x0: 1, x1: 100, state: 'running', label: 'running' },
    ]);
    // A pixel shared by two states is drawn as mixed.
    const shared = rasterize(
      [iv(0, 0.5, 'blocked'), iv(0.5, 100, 'running')],
      { from: 0, to: 100 },
      100,
    );
    expect(shared[0]).toMatchObject({ x0: 0, x1: 1, state: 'mixed' });
    expect(shared[1]).toMatchObject({ x0: 1, x1: 100, state: 'running' });
  });
});

describe('markColumns', () => {
  it('gives each pixel with events once, only in view', () => {
    const times = Float64Array.from({ length: 100_000 }, (_, i) => i / 1000);
    const cols = markColumns(times, { from: 10, to: 20 }, 200);
    expect(cols).toHaveLength(200);
    expect(cols[0]).toBe(0);
    expect(cols.at(-1)).toBe(199);
    expect(markColumns(times, { from: 200, to: 300 }, 200)).toEqual([]);
  });
});
