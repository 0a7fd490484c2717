import { describe, expect, it } from 'vitest';
import { DEFAULT_LEGEND, layoutTimeline, legendEntries, tickStep } from './timeline.ts';

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

describe('timeline legend', () => {
  const bars = [
    { lane: 'w1', label: 'waiting in get()', start: 0, end: 5, kind: 'idle' as const },
    { lane: 'w1', label: 'fetch /', start: 5, end: 9 },
    { lane: 'w2', label: 'parse', start: 0, end: 1, kind: 'work' as const },
  ];
  it('has one entry per kind drawn, solid first, with the chart’s own words', () => {
    expect(legendEntries([{ title: 'g', bars }], { idle: 'waiting for a URL' })).toEqual([
      { kind: 'work', label: DEFAULT_LEGEND.work },
      { kind: 'wait', label: DEFAULT_LEGEND.wait },
      { kind: 'idle', label: 'waiting for a URL' },
    ]);
  });
  it('leaves out kinds no bar uses (a bar without a kind is hatched)', () => {
    expect(legendEntries([{ title: 'g', bars: [bars[1]!] }]).map((e) => e.kind)).toEqual(['wait']);
  });
});
