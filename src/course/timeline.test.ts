import { describe, expect, it } from 'vitest';
import { layoutTimeline, tickStep } from './timeline.ts';

describe('timeline layout', () => {
  it('picks 1-2-5 tick steps', () => {
    expect(tickStep(1500)).toBe(500);
    expect(tickStep(60)).toBe(10);
    expect(tickStep(0)).toBe(1);
  });

  it('shares one time scale across groups and stacks lanes', () => {
    const l = layoutTimeline(
      [
        {
          title: 'A',
          bars: [
            { lane: 'x', label: 'x', start: 0, end: 100 },
            { lane: 'y', label: 'y', start: 100, end: 300 },
          ],
        },
        { title: 'B', bars: [{ lane: 'x', label: 'x', start: 0, end: 100 }] },
      ],
      520,
    );
    const [a, b] = l.groups;
    expect(a!.bars[0]!.w).toBeCloseTo(b!.bars[0]!.w);
    expect(a!.bars[1]!.x).toBeCloseTo(a!.bars[0]!.x + a!.bars[0]!.w);
    expect(a!.lanes.map((x) => x.name)).toEqual(['x', 'y']);
    expect(b!.y).toBeGreaterThan(a!.lanes[1]!.y);
    expect(l.ticks.at(-1)!.label).toBe('300 ms');
  });
});
