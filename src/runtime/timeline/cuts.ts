/**
 * Where a trace was cut, and how to say so. Two ways to mark a cut are understood:
 *
 * - the kernel trace's `dropped` count (the kit's `Tracer` and the runtime's `TRACE_LIMITS` keep
 *   the first events and count the later ones): a cut after the last kept event;
 * - a marker event in the list, `cut` (also `trace-cut`, `dropped`), whose detail may give the
 *   count ("4,000 events dropped"): a bounded store that keeps the latest events puts one first;
 *   one in the middle marks a gap. Markers are not events of any actor: they leave the list.
 *
 * When markers give counts, `dropped` is taken to include them; only the rest is a cut at the end.
 */
import type { KernelTrace, TraceRecord } from '../types.ts';

/** Event names that mark a cut rather than something an actor did. */
export const CUT_EVENTS: ReadonlySet<string> = new Set(['cut', 'trace-cut', 'dropped']);

/** One place where events are missing. */
export interface TraceCut {
  /** Position in the kept events: the cut lies just before event `before` (0: before the first,
   * `events.length`: after the last). */
  readonly before: number;
  /** How many events are missing there, if the trace says. */
  readonly dropped: number | undefined;
  /** The stretch of virtual time the missing events fall in (ms). */
  readonly from: number;
  readonly to: number;
  /** In words, for the view. */
  readonly statement: string;
}

const n = (x: number) => x.toLocaleString('en');
const ms = (t: number) => `${t.toFixed(3)} ms`;

/** The count a marker's detail gives ("12,000 events dropped" → 12000), if any. */
function countIn(detail: string | undefined): number | undefined {
  const m = /\d[\d,_]*/.exec(detail ?? '');
  if (!m) return undefined;
  const v = Number(m[0].replace(/[,_]/g, ''));
  return Number.isSafeInteger(v) ? v : undefined;
}

/** The trace's events without cut markers, and where it was cut. */
export function findCuts(trace: KernelTrace): {
  events: readonly TraceRecord[];
  cuts: TraceCut[];
} {
  const raw = trace.events;
  let hasMarker = false;
  for (let i = 0; i < raw.length; i++) {
    const ev = raw[i]!.event; // plain comparisons: no hashing of 100,000 fresh strings
    if (ev === 'cut' || ev === 'trace-cut' || ev === 'dropped') {
      hasMarker = true;
      break;
    }
  }
  const events = hasMarker ? raw.filter((e) => !CUT_EVENTS.has(e.event)) : raw;
  const cuts: TraceCut[] = [];
  let counted = 0;
  if (hasMarker) {
    let kept = 0;
    let prevT = 0;
    for (const e of raw) {
      if (!CUT_EVENTS.has(e.event)) {
        kept++;
        prevT = e.t;
        continue;
      }
      const dropped = countIn(e.detail);
      counted += dropped ?? 0;
      const last = cuts.at(-1);
      if (last && last.before === kept) continue; // two markers in a row: one cut
      const nextT = events[kept]?.t ?? e.t;
      const many = dropped === undefined ? 'Some events were' : `${n(dropped)} events were`;
      const statement =
        kept === 0
          ? `The trace was cut: ${many.toLowerCase()} dropped before the first one kept, so nothing is known before ${ms(nextT)}; the lanes show that stretch as not recorded.`
          : kept === events.length
            ? `The trace was cut: ${many.toLowerCase()} dropped after the last one kept, so the lanes stop at ${ms(prevT)}.`
            : `The trace has a gap: ${many.toLowerCase()} dropped between ${ms(prevT)} and ${ms(nextT)}; the lanes show that stretch as not recorded.`;
      cuts.push({
        before: kept,
        dropped,
        from: kept === 0 ? 0 : prevT,
        to: kept === events.length ? prevT : nextT,
        statement,
      });
    }
  }
  const rest = trace.dropped - counted;
  const endCut = cuts.find((c) => c.before === events.length);
  if (rest > 0 && !endCut) {
    const lastT = events.at(-1)?.t ?? 0;
    cuts.push({
      before: events.length,
      dropped: rest,
      from: lastT,
      to: lastT,
      statement: `The trace was cut: the first ${n(events.length)} events are shown, and ${n(rest)} later events were dropped, so the lanes stop at ${ms(lastT)}.`,
    });
  }
  return { events, cuts };
}
