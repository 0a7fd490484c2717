/**
 * What the timeline view shows, decided from the model alone (the view only renders it): which
 * kernels have anything to draw, the rows of the final-state table and whether it is worth
 * showing, and the event kinds an actor's filter can offer.
 */
import type { KernelTrace } from '../types.ts';
import type { TimelineModel } from './lanes.ts';

/** Said instead of a timeline when no kernel traced an event (all made with `trace: false`). */
export const NOTHING_TRACED =
  'This program turned tracing off (trace: false), so there is nothing to draw.';

/** The kernels with events to draw; a kernel made with `trace: false` has none. */
export function tracedKernels(kernels: readonly KernelTrace[]): KernelTrace[] {
  return kernels.filter((k) => k.events.length > 0);
}

/** One row of "Where every actor was at the end". */
export interface FinalRow {
  readonly actor: string;
  readonly state: string;
  /** Still waiting or runnable at the end: it never finished. */
  readonly stuck: boolean;
}

/** The final-state table: its rows, and whether the run gives a reason to show it. */
export interface FinalState {
  readonly rows: readonly FinalRow[];
  /** The trace was cut before its end: the rows are at the last event kept. */
  readonly cutAtEnd: boolean;
  /** Some actor is stuck or crashed, or the run was stopped or cut before its end. */
  readonly show: boolean;
}

const STUCK = /^(blocked|waiting|in sleep|ready|polling|runnable)/;

/**
 * Where every actor of `m` was at the end. Worth showing only when it tells something: an actor
 * that is stuck or crashed, a run that did not complete, a trace cut before its end. For a run
 * where every actor finished it is left out (it would only say "finished" on every row).
 */
export function finalState(m: TimelineModel, complete: boolean): FinalState {
  const cutAtEnd = m.cuts.some((c) => c.before === m.events.length);
  const snap = new Map<string, string>();
  for (const line of m.atEnd) {
    const k = line.indexOf(': ');
    if (k > 0) snap.set(line.slice(0, k), line.slice(k + 2));
  }
  let crashed = false;
  const rows = m.lanes.map((lane): FinalRow => {
    if (lane.ended === 'crash') crashed = true;
    const state =
      snap.get(lane.name) ??
      (lane.ended === 'exit'
        ? 'finished'
        : lane.ended === 'crash'
          ? 'crashed'
          : lane.ended === 'closed'
            ? 'closed its connection'
            : (lane.last?.label ?? lane.intervals.at(-1)?.label ?? 'no state recorded'));
    return { actor: lane.name, state, stuck: STUCK.test(state) };
  });
  const stuck = rows.some((r) => r.stuck);
  return { rows, cutAtEnd, show: stuck || crashed || !complete || cutAtEnd };
}

/** The event kinds (sorted) among the events of `actor`, or of every actor when it is ''. */
export function kindsOf(m: TimelineModel, actor: string): string[] {
  const kinds = new Set<string>();
  if (actor === '') for (const e of m.events) kinds.add(e.event);
  else {
    const lane = m.lanes.find((l) => l.name === actor);
    for (const i of lane?.events ?? []) kinds.add(m.events[i]!.event);
  }
  return [...kinds].sort();
}
