// Cut traces (issue 15, bad input): the runtime's `dropped` count and cut markers in the list.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kit/index.ts';
import type { KernelTrace, TraceRecord } from '../types.ts';
import { findCuts } from './cuts.ts';
import { buildTimeline, stateAt, type TimelineModel } from './lanes.ts';
import { traced } from './test-traces.ts';

const lane = (m: TimelineModel, name: string) => m.lanes.find((l) => l.name === name)!;

/** Two threads and main, 10 events apart; the first `cutAt` events replaced by a marker. */
function ringTrace(marker: TraceRecord | undefined, keepFrom: number): KernelTrace {
  const { kernels } = traced(() => {
    const k = new Kernel();
    const q = k.queue<number>();
    k.spawn(
      function* (sys) {
        for (let i = 0; i < 5; i++) yield* sys.put(q, i);
      },
      { name: 'producer' },
    );
    k.spawn(
      function* (sys) {
        for (let i = 0; i < 5; i++) {
          yield* sys.get(q);
          yield* sys.cpu(2);
        }
      },
      { name: 'consumer' },
    );
    k.run();
  });
  const whole = kernels[0]!;
  const kept = whole.events.slice(keepFrom);
  return { ...whole, events: marker ? [marker, ...kept] : kept };
}

describe('cut traces', () => {
  it('a marker first: earlier events dropped, so the lanes start as not recorded', () => {
    const whole = ringTrace(undefined, 0);
    const spawnedAt = whole.events.filter((e) => e.event === 'spawn').length;
    expect(spawnedAt).toBe(2);
    const keepFrom = whole.events.findIndex((e) => e.actor === 'consumer' && e.event === 'cpu');
    const t0 = whole.events[keepFrom]!.t;
    const trace = ringTrace(
      { t: t0, actor: 'kernel', event: 'cut', detail: `${keepFrom} earlier events dropped` },
      keepFrom,
    );
    const m = buildTimeline(trace);
    expect(m.cuts).toEqual([
      expect.objectContaining({ before: 0, dropped: keepFrom, from: 0, to: t0 }),
    ]);
    expect(m.start).toBe(t0);
    expect(m.dropped).toBe(keepFrom);
    expect(m.notes[0]).toBe(
      `The trace was cut: ${keepFrom} events were dropped before the first one kept, so nothing is known before ${t0.toFixed(3)} ms; the lanes show that stretch as not recorded.`,
    );
    // The marker is nobody's event, and a thread whose spawn was cut off is still a thread.
    expect(m.lanes.map((l) => l.name)).not.toContain('kernel');
    expect(lane(m, 'consumer').kind).toBe('thread');
    for (const l of m.lanes) expect(stateAt(l, 0)?.state).toBe('unknown');
    expect(stateAt(lane(m, 'consumer'), t0)?.state).toBe('running');
  });

  it('a marker in the middle: a gap shown as not recorded on every lane', () => {
    const whole = ringTrace(undefined, 0);
    const events = [...whole.events];
    const mid = Math.floor(events.length / 2);
    const removed = events.splice(mid, 4, {
      t: events[mid]!.t,
      actor: 'kernel',
      event: 'cut',
      detail: '4 events dropped',
    });
    const m = buildTimeline({ ...whole, events });
    const from = events[mid - 1]!.t;
    const to = events[mid + 1]!.t;
    expect(removed).toHaveLength(4);
    expect(m.cuts).toEqual([expect.objectContaining({ before: mid, dropped: 4, from, to })]);
    expect(m.notes[0]).toMatch(/^The trace has a gap: 4 events were dropped between/);
    if (to > from) expect(stateAt(lane(m, 'main'), (from + to) / 2)?.state).toBe('unknown');
    expect(m.events).toHaveLength(events.length - 1);
  });

  it('the current format: a dropped count is a cut after the last kept event', () => {
    const { events, cuts } = findCuts({
      index: 1,
      events: [{ t: 1, actor: 'main', event: 'socket', fd: 3 }],
      dropped: 12_000,
      now: 50,
      actors: [],
    });
    expect(events).toHaveLength(1);
    expect(cuts).toEqual([
      {
        before: 1,
        dropped: 12_000,
        from: 1,
        to: 1,
        statement:
          'The trace was cut: the first 1 events are shown, and 12,000 later events were dropped, so the lanes stop at 1.000 ms.',
      },
    ]);
  });

  it('does not count a marker and the dropped count twice; a marker without a count says "some"', () => {
    const base = { index: 1, now: 9, actors: [] };
    const a = findCuts({
      ...base,
      events: [
        { t: 5, actor: 'kernel', event: 'cut', detail: '300 events dropped' },
        { t: 5, actor: 'main', event: 'close', fd: 3 },
      ],
      dropped: 300,
    });
    expect(a.cuts.map((c) => [c.before, c.dropped])).toEqual([[0, 300]]);
    const b = findCuts({
      ...base,
      events: [
        { t: 5, actor: 'main', event: 'close', fd: 3 },
        { t: 6, actor: 'kernel', event: 'trace-cut' },
      ],
      dropped: 0,
    });
    expect(b.cuts).toEqual([
      expect.objectContaining({
        before: 1,
        dropped: undefined,
        statement:
          'The trace was cut: some events were dropped after the last one kept, so the lanes stop at 5.000 ms.',
      }),
    ]);
  });

  it('a whole trace has no cuts', () => {
    const m = buildTimeline(ringTrace(undefined, 0));
    expect(m.cuts).toEqual([]);
    expect(m.start).toBe(0);
    expect(m.lanes.every((l) => l.intervals.every((i) => i.state !== 'unknown'))).toBe(true);
  });
});
