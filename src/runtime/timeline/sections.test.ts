// What the timeline view shows (sections.ts): traced kernels, the final-state table, filter kinds.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kit/index.ts';
import { buildTimeline } from './lanes.ts';
import { finalState, kindsOf, tracedKernels } from './sections.ts';
import { traced } from './test-traces.ts';

/** A program that finishes: main and one thread both exit. */
function finished() {
  return traced(() => {
    const k = new Kernel();
    k.spawn(function* (sys) {
      yield* sys.sleep(3);
    });
    k.sleep(5);
  }).kernels[0]!;
}

describe('tracedKernels', () => {
  it('leaves out kernels made with trace: false, which have actors but no events', () => {
    const { kernels } = traced(() => {
      new Kernel({ trace: false }).sleep(1);
      new Kernel().sleep(1);
    });
    expect(kernels).toHaveLength(2);
    expect(kernels[0]!.events).toHaveLength(0);
    expect(tracedKernels(kernels).map((k) => k.index)).toEqual([2]);
    expect(tracedKernels(kernels.slice(0, 1))).toEqual([]);
  });
});

describe('finalState', () => {
  it('is left out for a run where every actor finished', () => {
    const f = finalState(buildTimeline(finished()), true);
    expect(f.show).toBe(false);
    expect(f.rows.every((r) => !r.stuck)).toBe(true);
    expect(f.rows).toContainEqual({ actor: 'T1', state: 'finished', stuck: false });
  });

  it('is shown, with the stuck actor marked, for a deadlock', () => {
    const [trace] = traced(() => {
      const k = new Kernel();
      const s = k.socket();
      k.bind(s, 81);
      k.listen(s);
      k.accept(s); // nobody ever connects
    }).kernels;
    const f = finalState(buildTimeline(trace!), true);
    expect(f.show).toBe(true);
    expect(f.rows).toContainEqual({
      actor: 'main',
      state: 'blocked in accept on fd 3 (no client is connecting to localhost:81)',
      stuck: true,
    });
  });

  it('is shown for a run stopped before it completed', () => {
    const trace = finished();
    expect(finalState(buildTimeline(trace, false), false).show).toBe(true);
  });
});

describe('kindsOf', () => {
  it('offers only the kinds of events the chosen actor has', () => {
    const m = buildTimeline(finished());
    const all = kindsOf(m, '');
    const main = kindsOf(m, 'main');
    const thread = m.lanes.find((l) => l.name !== 'main')!.name;
    expect(all).toEqual([...new Set(m.events.map((e) => e.event))].sort());
    for (const k of main)
      expect(m.events.some((e) => e.actor === 'main' && e.event === k)).toBe(true);
    expect(main).toContain('spawn');
    expect(kindsOf(m, thread)).not.toContain('spawn');
    expect(kindsOf(m, 'nobody')).toEqual([]);
  });
});
