/**
 * From a kit kernel's trace to a timeline: one lane per actor (main, each thread or cooperative
 * task, each scripted client or service), the state of each over virtual time, and its events as
 * marks. Pure TypeScript, no DOM: `src/components/workbench/timeline-view.ts` draws the result.
 *
 * The kit records an event when a call completes (`accept`, `recv`, `epoll_wait`…), when a call
 * blocks on data (`block`, for recv and send), when a task gets the CPU (`switch`), is preempted
 * (`preempt`), starts CPU work (`cpu`), is spawned, exits or crashes. States between two events of
 * an actor are derived from those boundaries:
 *
 * - after `block`: blocked in that call on that descriptor, until the actor's next event;
 * - after `preempt` or `spawn`: ready (waiting for the CPU) until it gets the CPU back;
 * - after `cpu`: running for the work's length;
 * - otherwise, time that passes before the actor's next event was spent waiting in that next
 *   call if it is one that can wait (blocked in `accept` on fd 3; waiting in `epoll_wait` on
 *   fd 5) and the gap is longer than {@link EPSILON_MS}; a shorter gap is running (syscall cost).
 *   A gap before anything else is `waiting`: off the CPU for a reason the trace does not record
 *   (sleep, join, run() or a queue).
 * - after an actor's last event, where it was when the trace was taken (the kit's own account,
 *   as in a deadlock report), if the trace is whole.
 *
 * A cut trace (see `cuts.ts`): events the kit or the runtime dropped leave a stretch of every lane
 * `unknown` (not recorded), said in words in `notes`; nothing is guessed across it.
 *
 * - after `wake` (kits that trace wake-ups): ready until the `switch` that gives it the CPU.
 *
 * Greenlets (`src/lib/greenlet.ts`, gevent) are not kernel tasks: the kernel sees one thread,
 * main, and records every call as main's. The greenlet library adds a `greenlet` event (actor
 * `main`, detail `to <name>`) at each switch; from there on main's events belong to that
 * greenlet's lane (kind `greenlet`), and a greenlet switched out is `suspended` until it is
 * switched back in. A greenlet that finishes leaves `exit <name>` just before the switch to its
 * parent: its lane ends there (`ended: 'exit'`). After a cut, until the next switch, main's
 * events go to main's lane.
 *
 * Limits: with a trace that has no `wake` events, time spent ready between a wake-up and getting
 * the CPU counts as blocked, and a task woken while the CPU is free is indistinguishable from one
 * that never waited.
 */
import type { ActorSnapshot, KernelTrace, TraceRecord } from '../types.ts';
import { findCuts, type TraceCut } from './cuts.ts';

/** What an actor is doing during an interval. Every state has its own pattern and label. */
export type LaneState =
  | 'running'
  | 'ready'
  | 'blocked'
  | 'polling'
  | 'sleeping'
  | 'waiting'
  | 'connected'
  | 'busy'
  | 'suspended'
  | 'unknown';

/** Who the lane belongs to. */
export type LaneKind = 'main' | 'thread' | 'task' | 'greenlet' | 'peer';

/** One stretch of one state, in virtual ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
  readonly state: LaneState;
  /** In words: `blocked in recv on fd 4 (waiting for data)`. */
  readonly label: string;
}

/** One actor's lane. */
export interface Lane {
  readonly name: string;
  readonly kind: LaneKind;
  readonly intervals: readonly Interval[];
  /** Indexes (into {@link TimelineModel.events}) of this actor's events. */
  readonly events: readonly number[];
  /** How the lane ended before the end of the timeline, if it did. */
  readonly ended?: 'exit' | 'crash' | 'closed';
  /** Its state at the end of the timeline (unless it ended), which may last no time at all. */
  readonly last?: { readonly state: LaneState; readonly label: string };
}

/** A trace event as the timeline keeps it (the kit's record, unchanged). */
export type TimelineEvent = TraceRecord;

/** Everything the view draws, for one kernel. */
export interface TimelineModel {
  /** 1 for the program's first kernel… */
  readonly kernel: number;
  readonly lanes: readonly Lane[];
  /** The trace's events in order, cut markers left out. */
  readonly events: readonly TimelineEvent[];
  /** For each event, the index of its actor's lane in {@link lanes}. */
  readonly eventLane: Int32Array;
  /** Where events were dropped (none for a whole trace). */
  readonly cuts: readonly TraceCut[];
  /** Virtual time where the trace's record starts: 0, or the first kept event after a cut. */
  readonly start: number;
  /** The axis: 0 to `end` virtual ms. */
  readonly end: number;
  /** Events left out, wherever they were (the sum over {@link cuts}; unknown counts add 0). */
  readonly dropped: number;
  /** Sentences to show above the lanes: a cut trace, a snapshot taken before the end. */
  readonly notes: readonly string[];
  /** Where every live task was when the trace was taken ("main: blocked in accept on fd 3…"). */
  readonly atEnd: readonly string[];
}

/** Shorter gaps between an actor's events count as running (syscall costs are µs). */
export const EPSILON_MS = 0.01;

/** The legend: each state's name and meaning. */
export const STATES: Readonly<Record<LaneState, { name: string; meaning: string }>> = {
  running: { name: 'running', meaning: 'on the CPU' },
  ready: { name: 'ready', meaning: 'runnable, waiting for the CPU' },
  blocked: { name: 'blocked', meaning: 'blocked in a call (accept, recv, send, connect, join…)' },
  polling: { name: 'polling', meaning: 'waiting in select, poll or epoll_wait' },
  sleeping: { name: 'sleeping', meaning: 'in sleep' },
  waiting: {
    name: 'waiting',
    meaning: 'off the CPU; the trace does not say why (sleep, join, run() or a queue)',
  },
  connected: { name: 'connected', meaning: 'a peer: connected (or listening), idle' },
  busy: { name: 'request in flight', meaning: 'a peer: waiting for a reply, or preparing one' },
  suspended: {
    name: 'switched out',
    meaning: 'a greenlet suspended in switch() while another greenlet runs on the thread',
  },
  unknown: { name: 'not recorded', meaning: 'events were dropped from the trace here' },
};

const POLLERS = new Set(['select', 'poll', 'epoll_wait']);
const BLOCKERS = new Set(['accept', 'connect', 'recv', 'send', 'sendall', 'join', 'get', 'put']);
const UNTRACED = 'waiting (the trace does not say for what: sleep, join, run() or a queue)';

/** The state of an actor waiting in `call`. */
function waitState(call: string): LaneState {
  if (POLLERS.has(call)) return 'polling';
  if (call === 'sleep') return 'sleeping';
  if (BLOCKERS.has(call) || call === 'run') return 'blocked';
  return 'waiting';
}

const onFd = (fd: number | undefined) => (fd === undefined ? '' : ` on fd ${fd}`);

/** Labels made so far, by call and descriptor: a long trace repeats a few of them many times. */
const waitLabels = new Map<string, Map<number, { state: LaneState; label: string }>>();

/** The state and words for time spent waiting before (or in) call event `c`. */
function waitedIn(c: TraceRecord): { state: LaneState; label: string } | undefined {
  if (c.detail === 'EAGAIN') return undefined; // a non-blocking call never waits
  const polling = POLLERS.has(c.event);
  if (!polling && !BLOCKERS.has(c.event)) return undefined;
  let byFd = waitLabels.get(c.event);
  if (!byFd) waitLabels.set(c.event, (byFd = new Map()));
  const key = c.fd ?? -1;
  let why = byFd.get(key);
  if (!why) {
    why = polling
      ? { state: 'polling', label: `waiting in ${c.event}${onFd(c.fd)}` }
      : { state: 'blocked', label: `blocked in ${c.event}${onFd(c.fd)}` };
    if (byFd.size < 10_000) byFd.set(key, why);
  }
  return why;
}

/** An actor's state from the kit's snapshot (`accept on fd 3 (…)`, `sleep until 5.000 ms`). */
function fromSnapshot(a: ActorSnapshot): { state: LaneState; label: string } {
  if (a.state === 'ready') return { state: 'ready', label: 'ready, waiting for the CPU' };
  if (a.state === 'running') return { state: 'running', label: 'running' };
  const call = /^[A-Za-z_]+/.exec(a.waitingFor)?.[0] ?? '';
  const state = waitState(call);
  const verb = state === 'polling' ? 'waiting in' : state === 'sleeping' ? 'in' : 'blocked in';
  return { state, label: `${verb} ${a.waitingFor || 'a call'}` };
}

/** Milliseconds in the kit's `… N ms of work` / `N ms of CPU left` details. */
function msIn(detail: string | undefined): number {
  const m = /^([\d.]+) ms/.exec(detail ?? '');
  return m ? Number(m[1]) : 0;
}

/** What explains the time after an actor's event, until something says otherwise. */
type Cause =
  | { readonly kind: 'explicit'; readonly state: LaneState; readonly label: string }
  | { readonly kind: 'implicit'; readonly hint?: { state: LaneState; label: string } };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class LaneBuilder {
  readonly intervals: Mutable<Interval>[] = [];
  readonly events: number[] = [];
  kind: LaneKind;
  ended: Lane['ended'];
  last: Lane['last'];
  start: number;
  readonly name: string;

  constructor(name: string, kind: LaneKind, start: number) {
    this.name = name;
    this.kind = kind;
    this.start = start;
  }

  push(start: number, end: number, state: LaneState, label: string): void {
    // The state the lane is in at its last moment, even when that moment has no length (a
    // greenlet switched out by the last event of the trace).
    this.last = { state, label };
    if (end - start < 1e-9) return; // float noise: 60.753 - 60.753000000000004
    const last = this.intervals.at(-1);
    if (last && last.state === state && last.label === label && last.end >= start) {
      last.end = end;
      return;
    }
    this.intervals.push({ start, end, state, label });
  }
}

/** The greenlet library's switch event (src/kit/trace.ts `GREEN_SWITCH_EVENT`). */
export const GREEN_SWITCH = 'greenlet';

/** Trace events that are not system calls: scheduling, peers' network events, greenlet switches. */
const NOT_CALLS: ReadonlySet<string> = new Set([
  'switch',
  'preempt',
  'wake',
  'block',
  'cpu',
  'exit',
  'crash',
  'syn-retry',
  'connect-fail',
  'reset',
  GREEN_SWITCH,
]);

/** True when a trace event is a system call (what the counters and the health flags count). */
export function isSyscallEvent(event: string): boolean {
  return !NOT_CALLS.has(event);
}
/** What a greenlet switched out is doing. */
const SWITCHED_OUT = {
  state: 'suspended',
  label: 'switched out: suspended in switch() until a greenlet switches back to it',
} as const;
/** Said above the lanes of a trace with greenlet switches. */
export const GREENLET_NOTE =
  "Greenlets are not kernel threads: the kernel sees one thread, main, and every system call is main's. The greenlet library records each switch in the trace, and the timeline gives main's events to the greenlet running at that moment, one lane each.";

/** The greenlet a `greenlet` switch event goes to ('main' for main's own context). */
function switchTarget(e: TraceRecord): string | undefined {
  if (e.event !== GREEN_SWITCH || e.actor !== 'main') return undefined;
  return e.detail?.startsWith('to ') ? e.detail.slice(3) : undefined;
}

/** The greenlet a `greenlet` event says has finished (detail `exit <greenlet>`). */
function greenExit(e: TraceRecord): string | undefined {
  if (e.event !== GREEN_SWITCH || e.actor !== 'main') return undefined;
  return e.detail?.startsWith('exit ') ? e.detail.slice(5) : undefined;
}

/** Events only a task (main, a thread, a cooperative task) records; peers never carry an fd. */
const TASK_EVENTS = new Set(['switch', 'preempt', 'cpu', 'block', 'spawn', 'exit', 'crash']);

/** Builds the timeline of one kernel's trace. */
export function buildTimeline(trace: KernelTrace, complete = true): TimelineModel {
  const { events: raw, cuts } = findCuts(trace);
  const lanes: LaneBuilder[] = [];
  const byName = new Map<string, number>();
  const laneOf = (name: string, kind: LaneKind, start: number): number => {
    let i = byName.get(name);
    if (i === undefined) {
      i = lanes.length;
      byName.set(name, i);
      lanes.push(new LaneBuilder(name, kind, start));
    }
    return i;
  };
  // Greenlet lanes have names of their own (a greenlet may be called like a kit actor).
  const greenLanes = new Map<string, number>();
  const greenLaneOf = (name: string, start: number): number => {
    if (name === 'main') return laneOf('main', 'main', start);
    let i = greenLanes.get(name);
    if (i === undefined) {
      i = lanes.length;
      greenLanes.set(name, i);
      lanes.push(new LaneBuilder(name, 'greenlet', start));
    }
    return i;
  };
  /** The greenlet running on main's thread (its lane), or -1 for main itself. */
  let green = -1;
  /** For each lane, the greenlet switch events that took the thread from it (indexes). */
  const switchedOut = new Map<number, number[]>();
  const cutAt = new Set(cuts.map((c) => c.before));
  const known = new Set<string>(); // actors whose kind a spawn told
  const eventLane = new Int32Array(raw.length);
  let lastActor: string | undefined;
  let lastLane = 0;
  for (let index = 0; index < raw.length; index++) {
    const e = raw[index] as TraceRecord;
    if (e.event === 'spawn' && e.detail !== undefined) {
      const cooperative = e.detail.endsWith(' (cooperative)');
      const name = cooperative ? e.detail.slice(0, -' (cooperative)'.length) : e.detail;
      laneOf(e.actor, e.actor === 'main' ? 'main' : 'thread', e.t);
      const j = laneOf(name, cooperative ? 'task' : 'thread', e.t);
      (lanes[j] as LaneBuilder).kind = cooperative ? 'task' : 'thread';
      known.add(name);
    }
    if (cutAt.has(index)) green = -1; // switches may be among the dropped events
    const to = switchTarget(e);
    const finished = to === undefined ? greenExit(e) : undefined;
    let lane: number;
    if (finished !== undefined) {
      // The end of the greenlet running now: on its lane, which ends there (see taskLane).
      lane = greenLaneOf(finished, e.t);
      lastActor = undefined;
    } else if (to !== undefined) {
      const from = green >= 0 ? green : laneOf('main', 'main', e.t);
      lane = greenLaneOf(to, e.t);
      green = to === 'main' ? -1 : lane;
      if (from !== lane) {
        let list = switchedOut.get(from);
        if (!list) switchedOut.set(from, (list = []));
        list.push(index);
      }
      lastActor = undefined;
    } else if (green >= 0 && e.actor === 'main') {
      lane = green;
    } else {
      // Runs of one actor's events are common: skip the map lookup for them.
      lane =
        e.actor === lastActor
          ? lastLane
          : laneOf(e.actor, e.actor === 'main' ? 'main' : 'peer', e.t);
      lastActor = e.actor;
      lastLane = lane;
    }
    (lanes[lane] as LaneBuilder).events.push(index);
    eventLane[index] = lane;
  }
  const startCut = cuts.find((c) => c.before === 0 && raw.length > 0);
  const endCut = cuts.find((c) => c.before === raw.length);
  const first = startCut ? (raw[0]?.t ?? 0) : 0;
  const lastT = raw.at(-1)?.t ?? 0;
  const end = endCut ? lastT : Math.max(lastT, trace.now);
  const snapshots = new Map(trace.actors.map((a) => [a.actor, a]));
  // A task whose spawn was cut off is still a task: the kit's snapshot lists it, or it made calls.
  for (const l of lanes)
    if (l.kind === 'peer' && !known.has(l.name)) {
      const snap = snapshots.get(l.name);
      if (snap) l.kind = snap.cooperative ? 'task' : 'thread';
      else if (l.events.some((i) => raw[i]!.fd !== undefined || TASK_EVENTS.has(raw[i]!.event)))
        l.kind = 'thread';
    }
  // A task that never appears in the trace (main that only computed) still has a lane if it was
  // waiting when the trace was taken: that is where a deadlock shows.
  for (const a of trace.actors)
    if (!endCut && a.state === 'blocked' && !byName.has(a.actor))
      laneOf(a.actor, a.actor === 'main' ? 'main' : a.cooperative ? 'task' : 'thread', first);
  if (byName.has('main')) (lanes[byName.get('main') as number] as LaneBuilder).start = first;

  // `T2 switch from T1`: T1 left the CPU then (it blocked, yielded or slept untraced).
  const leftCpu = new Map<string, number[]>();
  for (const e of raw)
    if (e.event === 'switch' && e.detail?.startsWith('from ')) {
      const who = e.detail.slice('from '.length);
      let list = leftCpu.get(who);
      if (!list) leftCpu.set(who, (list = []));
      list.push(e.t);
    }
  // Main's state when the trace was taken is the state of the greenlet running then.
  const mainNow = green >= 0 ? green : byName.get('main');
  for (const [i, lane] of lanes.entries()) {
    const greenlet = lane.kind === 'greenlet' || lane.kind === 'main';
    const snapshot =
      endCut || (greenlet && i !== mainNow)
        ? undefined
        : snapshots.get(lane.kind === 'greenlet' ? 'main' : lane.name);
    if (lane.kind === 'peer') peerLane(lane, raw, end);
    else
      taskLane(
        lane,
        raw,
        end,
        snapshot,
        lane.kind === 'greenlet' ? [] : (leftCpu.get(lane.name) ?? []),
        startCut !== undefined && !known.has(lane.name),
        switchedOut.get(i) ?? [],
      );
    // Before the first kept event of a trace cut at its start, nothing is known.
    if (startCut && first > 0) lane.intervals.unshift(unknownFrom(0, first));
  }
  for (const c of cuts)
    if (c.before > 0 && c.before < raw.length)
      for (const lane of lanes) blankOut(lane, c.from, c.to);

  const notes = cuts.map((c) => c.statement);
  if (greenLanes.size > 0) notes.push(GREENLET_NOTE);
  if (!complete) notes.push(INCOMPLETE_NOTE);
  const atEnd = endCut
    ? []
    : trace.actors
        .filter((a) => a.state !== 'done')
        .map((a) => `${a.actor}: ${fromSnapshot(a).label}`);
  const ordered = greenLanes.size > 0 ? besideMain(lanes, eventLane) : lanes;
  return {
    kernel: trace.index,
    lanes: ordered.map((l) => ({
      name: l.name,
      kind: l.kind,
      intervals: l.intervals,
      events: l.events,
      ...(l.ended ? { ended: l.ended } : l.last ? { last: l.last } : {}),
    })),
    events: raw,
    eventLane,
    cuts,
    start: first,
    end,
    dropped: cuts.reduce((n, c) => n + (c.dropped ?? 0), 0),
    notes,
    atEnd,
  };
}

/** Puts the greenlet lanes right after main's (the thread they share); renumbers `eventLane`. */
function besideMain(lanes: readonly LaneBuilder[], eventLane: Int32Array): LaneBuilder[] {
  const order: number[] = [];
  const green = [...lanes.keys()].filter((i) => lanes[i]!.kind === 'greenlet');
  for (const [i, l] of lanes.entries()) {
    if (l.kind === 'greenlet') continue;
    order.push(i);
    if (l.kind === 'main') order.push(...green.splice(0));
  }
  order.push(...green);
  const at = new Int32Array(lanes.length);
  for (const [pos, i] of order.entries()) at[i] = pos;
  for (let k = 0; k < eventLane.length; k++) eventLane[k] = at[eventLane[k]!]!;
  return order.map((i) => lanes[i]!);
}

/** Said above the lanes of a trace taken while the program still ran (near the time limit). */
export const INCOMPLETE_NOTE =
  'The program was stopped at the time limit. This trace was sent shortly before, while it still ran, so the events of its last moments may be missing.';

const unknownFrom = (start: number, end: number): Mutable<Interval> => ({
  start,
  end,
  state: 'unknown',
  label: 'not recorded: events dropped from the trace',
});

/** Replaces what a lane shows between `from` and `to` by "not recorded". */
function blankOut(lane: LaneBuilder, from: number, to: number): void {
  if (to <= from) return;
  const out: Mutable<Interval>[] = [];
  for (const iv of lane.intervals) {
    if (iv.end <= from || iv.start >= to) {
      out.push(iv);
      continue;
    }
    if (iv.start < from) out.push({ ...iv, end: from });
    if (out.at(-1)?.state !== 'unknown') out.push(unknownFrom(from, to));
    if (iv.end > to) out.push({ ...iv, start: to });
  }
  lane.intervals.splice(0, lane.intervals.length, ...out);
}

/** Main, a thread or a cooperative task: CPU states derived at event boundaries. */
function taskLane(
  lane: LaneBuilder,
  raw: readonly TraceRecord[],
  end: number,
  snapshot: ActorSnapshot | undefined,
  leftCpu: readonly number[],
  spawnCut: boolean,
  switchedOut: readonly number[],
): void {
  const evs = lane.events;
  let left = 0; // next index into leftCpu
  let out = 0; // next index into switchedOut
  let cursor = lane.start;
  let cause: Cause =
    lane.kind === 'main' || spawnCut
      ? { kind: 'implicit' }
      : { kind: 'explicit', state: 'ready', label: 'ready: spawned, waiting for the CPU' };
  let cpuLeft = 0;

  /** Fills [from, to) given the cause, looking at the actor's events from `k` on to explain it. */
  const fill = (from: number, to: number, k: number) => {
    // A greenlet switch that took the thread before event k: suspended from then until event k
    // (its switch back in, or the end).
    const before = k < evs.length ? (evs[k] as number) : Infinity;
    let gone: number | undefined;
    while (out < switchedOut.length && (switchedOut[out] as number) < before)
      gone = (raw[switchedOut[out++] as number] as TraceRecord).t;
    if (gone !== undefined) {
      const at = Math.min(Math.max(gone, from), to);
      if (cause.kind === 'explicit') lane.push(from, at, cause.state, cause.label);
      else {
        const run = Math.min(cpuLeft, at - from);
        if (run > 0) lane.push(from, from + run, 'running', 'running (computing)');
        cpuLeft -= Math.max(0, run);
        lane.push(from + Math.max(0, run), at, 'running', 'running');
      }
      lane.push(at, to, SWITCHED_OUT.state, SWITCHED_OUT.label);
      return;
    }
    if (to <= from) return;
    if (cause.kind === 'explicit') {
      lane.push(from, to, cause.state, cause.label);
      return;
    }
    const run = Math.min(cpuLeft, to - from);
    if (run > 0) {
      lane.push(from, from + run, 'running', 'running (computing)');
      cpuLeft -= run;
      from += run;
    }
    // Running until another task took the CPU from it, if one did.
    while (left < leftCpu.length && (leftCpu[left] as number) < from) left++;
    const away = leftCpu[left];
    const switched = away !== undefined && away < to;
    if (switched) {
      lane.push(from, away, 'running', 'running');
      from = away;
      left++;
    } else if (to - from <= EPSILON_MS) {
      lane.push(from, to, 'running', 'running');
      return;
    }
    if (to <= from) return;
    let why: { state: LaneState; label: string } | undefined;
    const next = k < evs.length ? (raw[evs[k] as number] as TraceRecord) : undefined;
    if (next === undefined) {
      // Where the kit says it is now, unless it is running again (then the wait is untraced).
      why = snapshot && snapshot.state !== 'running' ? fromSnapshot(snapshot) : cause.hint;
    } else if (next.event === 'switch') {
      // Off the CPU until the switch back; the call it then completes says what it waited in.
      const after = k + 1 < evs.length ? (raw[evs[k + 1] as number] as TraceRecord) : undefined;
      if (after && after.t - next.t <= EPSILON_MS) why = waitedIn(after);
      why ??= cause.hint;
    } else {
      why = waitedIn(next) ?? cause.hint;
    }
    why ??= { state: 'waiting', label: UNTRACED };
    lane.push(from, to, why.state, why.label);
  };

  for (let k = 0; k < evs.length; k++) {
    const e = raw[evs[k] as number] as TraceRecord;
    fill(cursor, e.t, k);
    cursor = Math.max(cursor, e.t);
    switch (e.event) {
      case 'block': {
        const [call = 'a call', ...rest] = (e.detail ?? '').split(': ');
        const state = waitState(call);
        const why = rest.length > 0 ? ` (${rest.join(': ')})` : '';
        const verb =
          state === 'polling' ? 'waiting in' : state === 'sleeping' ? 'in' : 'blocked in';
        cause = { kind: 'explicit', state, label: `${verb} ${call}${onFd(e.fd)}${why}` };
        break;
      }
      case 'wake': {
        // Woken: ready until a switch gives it the CPU; with no switch next, the CPU was free.
        const next = evs[k + 1];
        cause =
          next !== undefined && (raw[next] as TraceRecord).event === 'switch'
            ? { kind: 'explicit', state: 'ready', label: 'ready: woken, waiting for the CPU' }
            : { kind: 'implicit' };
        break;
      }
      case 'preempt':
        cpuLeft = msIn(e.detail);
        cause = {
          kind: 'explicit',
          state: 'ready',
          label: 'ready: preempted (time slice used up), waiting for the CPU',
        };
        break;
      case 'cpu':
        cpuLeft += msIn(e.detail);
        cause = { kind: 'implicit' };
        break;
      case 'exit':
      case 'crash':
        lane.ended = e.event;
        return;
      case GREEN_SWITCH:
        // A greenlet's own lane holds only its `exit` (switches are main's events).
        if (greenExit(e) !== undefined) {
          lane.ended = 'exit';
          return;
        }
        cause = { kind: 'implicit' };
        break;
      case 'connect':
        // Traced when the handshake starts; a blocking connect then waits for it.
        cause = {
          kind: 'implicit',
          hint: { state: 'blocked', label: `blocked in connect${onFd(e.fd)}` },
        };
        break;
      default:
        cause = { kind: 'implicit' };
    }
  }
  // Still waiting when the trace was taken: the kit's own account of the wait says more (a
  // deadlock report names what would end it: "no client is connecting to localhost:81").
  if (snapshot?.state === 'blocked' && cause.kind === 'explicit' && cause.state !== 'ready') {
    const now = fromSnapshot(snapshot);
    if (now.state === cause.state) cause = { kind: 'explicit', ...now };
  }
  fill(cursor, end, evs.length);
}

/** A scripted client or service: connected, or with a request in flight, until it closes. */
function peerLane(lane: LaneBuilder, raw: readonly TraceRecord[], end: number): void {
  let cursor = lane.start;
  let inFlight = 0;
  let service = false;
  let open = false;
  const idle = () => (service ? 'listening' : 'connected, idle');
  const busy = () =>
    service
      ? `preparing ${inFlight === 1 ? 'a reply' : `${inFlight} replies`}`
      : 'waiting for the reply';
  const fill = (to: number) => {
    if (open)
      lane.push(cursor, to, inFlight > 0 ? 'busy' : 'connected', inFlight > 0 ? busy() : idle());
    cursor = Math.max(cursor, to);
  };
  for (const i of lane.events) {
    const e = raw[i] as TraceRecord;
    fill(e.t);
    switch (e.event) {
      case 'listen':
        service = true;
        open = true;
        break;
      case 'connect':
        open = true;
        break;
      case 'send':
      case 'request':
        open = true;
        inFlight++;
        break;
      case 'reply':
        inFlight = Math.max(0, inFlight - 1);
        break;
      case 'close':
      case 'failed':
      case 'vanish':
        if (!service) {
          lane.ended = 'closed';
          return;
        }
        break;
    }
  }
  fill(end);
}

/** `12.345 ms`. */
export function fmt(ms: number): string {
  return `${ms.toFixed(3)} ms`;
}

/** The interval of `lane` at time `t` (the one starting at `t` if two meet there). */
export function stateAt(lane: Lane, t: number): Interval | undefined {
  const ivs = lane.intervals;
  // The last interval starting at or before t.
  let lo = 0;
  let hi = ivs.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((ivs[mid] as Interval).start <= t) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const iv = ivs[at];
  if (!iv) return undefined;
  return t < iv.end || (t === iv.end && at === ivs.length - 1) ? iv : undefined;
}

/** One event in words, for the step display and the live announcement. */
export function describeEvent(model: TimelineModel, i: number): string {
  const e = model.events[i];
  if (!e) return 'No events.';
  const lane = model.lanes[model.eventLane[i] ?? 0] as Lane;
  const parts = [
    `Event ${(i + 1).toLocaleString('en')} of ${model.events.length.toLocaleString('en')}`,
    fmt(e.t),
    e.actor,
    e.event,
  ];
  if (e.fd !== undefined) parts.push(`fd ${e.fd}`);
  if (e.detail !== undefined && e.detail !== '') parts.push(e.detail);
  // What the actor does from this event on (the interval this event starts or is inside).
  const after = e.event === 'exit' || e.event === 'crash' ? undefined : stateAt(lane, e.t);
  if (after) parts.push(`then ${after.label}`);
  return parts.join(' · ');
}
