/**
 * Loop-health flags drawn from a timeline: only what the trace supports.
 *
 * - A long run: an event loop (a task that waits in `select`, `poll` or `epoll_wait`) or a
 *   cooperative task (or greenlet) on the CPU for {@link LONG_RUN_MS} or more without a syscall. Nothing else
 *   on that loop (or no other cooperative task) could run meanwhile. Time on the CPU comes from
 *   the lanes (`cpu` work, syscall costs); a syscall inside the stretch splits it.
 * - Late timers: a `block` event for a sleep that says when it ends (`sleep: until 5.000 ms`),
 *   then the task's next event other than its `wake` (it got the CPU back: a `switch`, or its
 *   next call) more than {@link LATE_MS} after that. Timeouts of `select`/`poll`/`epoll_wait` and
 *   a program's own timer lists are not in the trace with their due time; when no sleep is either,
 *   {@link TimelineHealth.timersTraced} is false and the view says lateness cannot be told.
 * - Slow clients: a scripted client whose `reply` came more than {@link SLOW_CLIENT_MS} after its
 *   request (`… after 310.000 ms`), or whose request was still unanswered that long when the trace
 *   ends.
 */
import { fmt, isSyscallEvent, type Lane, type TimelineModel } from './lanes.ts';

/** A stretch on the CPU at least this long without a syscall is flagged (virtual ms). */
export const LONG_RUN_MS = 50;
/** A timer that fires more than this late is flagged (virtual ms). */
export const LATE_MS = 1;
/** A client waiting longer than this for a reply is flagged (virtual ms). */
export const SLOW_CLIENT_MS = 100;
/**
 * A wait counts as longer than {@link SLOW_CLIENT_MS} only past this margin: a reply timed by a
 * 100 ms timer arrives a few µs of syscall cost after it, which is not "more than 100 ms" to a
 * reader of `100.0 ms`.
 */
export const SLOW_MARGIN_MS = 0.5;
/** Long runs listed one by one; more are summed up in one line. */
export const MAX_LONG_RUNS = 5;

/** One flag: a sentence and the event to jump to. */
export interface HealthFlag {
  readonly kind: 'long-run' | 'late-timers' | 'slow-clients';
  readonly text: string;
  /** Index into the model's events: the moment the flag is about. */
  readonly event: number;
}

export interface TimelineHealth {
  readonly flags: readonly HealthFlag[];
  /** False when the trace records no timer deadline at all (lateness cannot be told). */
  readonly timersTraced: boolean;
}

const POLLERS = new Set(['select', 'poll', 'epoll_wait']);
const ms1 = (x: number) => `${x.toFixed(1)} ms`;

/** The index (into the model's events) of the lane's last event at or before `t`, else its first. */
function eventAt(m: TimelineModel, lane: Lane, t: number): number {
  const evs = lane.events;
  let lo = 0;
  let hi = evs.length - 1;
  let at = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (m.events[evs[mid]!]!.t <= t + 1e-9) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return evs[at] ?? 0;
}

function longRuns(m: TimelineModel): HealthFlag[] {
  const found: { lane: Lane; start: number; length: number; loop: boolean }[] = [];
  for (const lane of m.lanes) {
    if (lane.kind === 'peer') continue;
    const loop = lane.events.some((i) => POLLERS.has(m.events[i]!.event));
    if (!loop && lane.kind !== 'task' && lane.kind !== 'greenlet') continue;
    const calls = lane.events
      .filter((i) => isSyscallEvent(m.events[i]!.event))
      .map((i) => m.events[i]!.t);
    let c = 0; // next call time to look at
    const close = (start: number, end: number) => {
      // Split [start, end) at the calls strictly inside it.
      while (c < calls.length && calls[c]! <= start) c++;
      let from = start;
      while (c < calls.length && calls[c]! < end) {
        if (calls[c]! - from >= LONG_RUN_MS)
          found.push({ lane, start: from, length: calls[c]! - from, loop });
        from = calls[c]!;
        c++;
      }
      if (end - from >= LONG_RUN_MS) found.push({ lane, start: from, length: end - from, loop });
    };
    let runStart = -1;
    let runEnd = -1;
    for (const iv of lane.intervals) {
      if (iv.state === 'running') {
        if (runStart >= 0 && iv.start <= runEnd + 1e-9) runEnd = iv.end;
        else {
          if (runStart >= 0) close(runStart, runEnd);
          runStart = iv.start;
          runEnd = iv.end;
        }
      }
    }
    if (runStart >= 0) close(runStart, runEnd);
  }
  found.sort((a, b) => b.length - a.length || a.start - b.start);
  const flags: HealthFlag[] = found.slice(0, MAX_LONG_RUNS).map((f) => ({
    kind: 'long-run',
    text: f.loop
      ? `${f.lane.name} ran for ${ms1(f.length)} without a syscall at ${fmt(f.start)}: it blocked its event loop, so nothing else on that loop was served.`
      : f.lane.kind === 'greenlet'
        ? `${f.lane.name} ran for ${ms1(f.length)} without a syscall or a switch at ${fmt(f.start)}: a greenlet that does not switch holds up the other greenlets.`
        : `${f.lane.name} ran for ${ms1(f.length)} without a syscall at ${fmt(f.start)}: a cooperative task that does not yield holds up the other tasks.`,
    event: eventAt(m, f.lane, f.start),
  }));
  if (found.length > MAX_LONG_RUNS) {
    const rest = found.slice(MAX_LONG_RUNS);
    const first = rest.reduce((a, b) => (b.start < a.start ? b : a));
    flags.push({
      kind: 'long-run',
      text: `${rest.length} more stretches of ${ms1(LONG_RUN_MS)} or more without a syscall (the earliest at ${fmt(first.start)}).`,
      event: eventAt(m, first.lane, first.start),
    });
  }
  return flags;
}

function lateTimers(m: TimelineModel): { flag?: HealthFlag; traced: boolean } {
  let traced = false;
  let late = 0;
  let worst = 0;
  let worstEvent = 0;
  for (const lane of m.lanes) {
    const evs = lane.events;
    for (let k = 0; k < evs.length; k++) {
      const e = m.events[evs[k]!]!;
      if (e.event !== 'block') continue;
      const due = /^sleep\b.*?\buntil ([\d.]+) ms/.exec(e.detail ?? '');
      if (!due) continue;
      traced = true;
      let next = evs[k + 1];
      if (next !== undefined && m.events[next]!.event === 'wake') next = evs[k + 2];
      if (next === undefined) continue;
      const by = m.events[next]!.t - Number(due[1]);
      if (by > LATE_MS) {
        late++;
        if (by > worst) {
          worst = by;
          worstEvent = next;
        }
      }
    }
  }
  if (late === 0) return { traced };
  const e = m.events[worstEvent]!;
  return {
    traced,
    flag: {
      kind: 'late-timers',
      text: `${late} ${late === 1 ? 'timer' : 'timers'} fired late (by up to ${ms1(worst)}; the latest: ${e.actor} at ${fmt(e.t)}).`,
      event: worstEvent,
    },
  };
}

function slowClients(m: TimelineModel): HealthFlag | undefined {
  const slow = new Map<string, { wait: number; event: number; open: boolean }>();
  for (const lane of m.lanes) {
    if (lane.kind !== 'peer') continue;
    let sentAt: number | undefined;
    let sentEvent = 0;
    for (const i of lane.events) {
      const e = m.events[i]!;
      if (e.event === 'send') {
        sentAt = e.t;
        sentEvent = i;
      } else if (e.event === 'reply') {
        const after = /after ([\d.]+) ms$/.exec(e.detail ?? '');
        const wait = after ? Number(after[1]) : sentAt === undefined ? 0 : e.t - sentAt;
        sentAt = undefined;
        const best = slow.get(lane.name);
        if (wait > SLOW_CLIENT_MS + SLOW_MARGIN_MS && (!best || wait > best.wait))
          slow.set(lane.name, { wait, event: sentEvent, open: false });
      } else if (e.event === 'close' || e.event === 'failed' || e.event === 'vanish')
        sentAt = undefined;
    }
    // A request still unanswered when the trace ends.
    if (sentAt !== undefined && m.end - sentAt > SLOW_CLIENT_MS + SLOW_MARGIN_MS) {
      const best = slow.get(lane.name);
      if (!best || m.end - sentAt > best.wait)
        slow.set(lane.name, { wait: m.end - sentAt, event: sentEvent, open: true });
    }
  }
  if (slow.size === 0) return undefined;
  const [name, worst] = [...slow].reduce((a, b) => (b[1].wait > a[1].wait ? b : a));
  const n = slow.size;
  return {
    kind: 'slow-clients',
    text: `${n} ${n === 1 ? 'client' : 'clients'} waited more than ${SLOW_CLIENT_MS} ms for a reply (the longest: ${name}, ${ms1(worst.wait)}${worst.open ? ' and still waiting when the trace ends' : ''}, from ${fmt(m.events[worst.event]!.t)}).`,
    event: worst.event,
  };
}

/** True when some actor waited in `select`, `poll` or `epoll_wait`: the trace has an event loop. */
export function hasEventLoop(m: TimelineModel): boolean {
  return m.events.some((e) => POLLERS.has(e.event));
}

/** The health section's heading: "Loop health" only for a trace with an event loop. */
export function healthTitle(m: TimelineModel): string {
  return hasEventLoop(m) ? 'Loop health' : 'Run health';
}

/** The flags of a timeline, in order: long runs, late timers, slow clients. */
export function loopHealth(m: TimelineModel): TimelineHealth {
  const flags = longRuns(m);
  const timers = lateTimers(m);
  if (timers.flag) flags.push(timers.flag);
  const clients = slowClients(m);
  if (clients) flags.push(clients);
  return { flags, timersTraced: timers.traced };
}
