// Zoom and pan along the virtual-time axis (issue 15, item 1).
import { describe, expect, it } from 'vitest';
import { clamp, describeViewport, fit, pan, reveal, ticks, zoom, zoomLevel } from './viewport.ts';

const all = fit(0, 100);

describe('viewport', () => {
  it('fits the whole run; an empty one gets 1 ms', () => {
    expect(all).toEqual({ from: 0, to: 100 });
    expect(fit(5, 5)).toEqual({ from: 5, to: 6 });
  });

  it('zooms around an anchor in view, keeping its place on screen', () => {
    const v = zoom(all, 2, 25, all);
    expect(v).toEqual({ from: 12.5, to: 62.5 }); // 25 stays a quarter of the way across
    expect(zoomLevel(v, all)).toBe(2);
    expect(zoom(v, 0.5, 25, all)).toEqual(all);
    // Out of view: centred on it.
    expect(zoom({ from: 0, to: 10 }, 2, 80, all)).toEqual({ from: 77.5, to: 82.5 });
  });

  it('never zooms out past the whole run or in past a microsecond', () => {
    expect(zoom(all, 0.01, 50, all)).toEqual(all);
    const tiny = zoom(all, 1e9, 50, all);
    expect(tiny.to - tiny.from).toBeCloseTo(0.001, 9);
  });

  it('pans by a share of the span and stops at the ends', () => {
    const v = { from: 40, to: 60 };
    expect(pan(v, 0.5, all)).toEqual({ from: 50, to: 70 });
    expect(pan(v, -10, all)).toEqual({ from: 0, to: 20 });
    expect(pan(v, 10, all)).toEqual({ from: 80, to: 100 });
    expect(clamp({ from: -50, to: 500 }, all)).toEqual(all);
  });

  it('reveals an event out of view by centring on it, and leaves one in view alone', () => {
    const v = { from: 40, to: 60 };
    expect(reveal(v, 50, all)).toBe(v);
    expect(reveal(v, 90, all)).toEqual({ from: 80, to: 100 });
    expect(reveal(v, 75, all)).toEqual({ from: 65, to: 85 });
  });

  it('labels ticks with as many decimals as the step needs', () => {
    expect(ticks(all).map((t) => t.label)).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(ticks({ from: 10.01, to: 10.02 }).map((t) => t.label)).toEqual([
      '10.010',
      '10.012',
      '10.014',
      '10.016',
      '10.018',
      '10.020',
    ]);
    expect(describeViewport({ from: 1, to: 2 })).toBe('1.000 ms to 2.000 ms');
  });
});
