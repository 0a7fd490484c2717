/**
 * The counters at each event of a timeline, computed from the trace alone: syscalls so far,
 * context switches, descriptors open, bytes sent and received by the program, connections
 * accepted, and how many tasks were running, ready or waiting right after the event.
 *
 * What counts (the kit's trace format, `src/kit/trace.ts`):
 * - a syscall is an event of a task (main, a thread, a cooperative task) other than the
 *   scheduler's own records (`switch`, `preempt`, `wake`, `block`, `cpu`, `exit`, `crash`) and the
 *   network's notes on a socket (`syn-retry`, `connect-fail`, `reset`); a call that blocked
 *   counts once, when it completes;
 * - descriptors: `socket`, `epoll_create` and `accept` (its detail `fd N from …`) open one,
 *   `close` closes one; only descriptors seen opening are counted, so after a cut at the start
 *   the count is "since the trace starts";
 * - bytes: the counts in the details of `recv` (`"…" (N bytes)`) and `send`/`sendall`
 *   (`N of M bytes …`).
 *
 * Typed arrays hold the running totals, filled on demand up to the furthest event asked for, so
 * opening the view costs nothing and each later question costs O(lanes · log n) plus the events
 * not counted yet.
 */
import { isSyscallEvent, stateAt, type LaneState, type TimelineModel } from './lanes.ts';

/** The counters right after one event. */
export interface Counters {
  readonly syscalls: number;
  readonly contextSwitches: number;
  readonly openFds: number;
  readonly accepted: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /** Tasks (not peers) by state right after the event. */
  readonly running: number;
  readonly ready: number;
  /** Blocked in a call, polling, sleeping or off the CPU for an untraced reason. */
  readonly waiting: number;
  /** Peers with a request in flight. */
  readonly requestsInFlight: number;
}

const WAITING: ReadonlySet<LaneState> = new Set(['blocked', 'polling', 'sleeping', 'waiting']);

/** Computes the running totals of a model once; `at(i)` reads them. */
export class CounterTable {
  readonly #model: TimelineModel;
  readonly #syscalls: Uint32Array;
  readonly #switches: Uint32Array;
  readonly #fds: Uint32Array;
  readonly #accepted: Uint32Array;
  readonly #sent: Float64Array;
  readonly #received: Float64Array;

  readonly #isTask: boolean[];
  readonly #open = new Set<number>();
  /** Events counted so far (the arrays are filled up to here, on demand). */
  #done = 0;
  #calls = 0;
  #switchCount = 0;
  #acceptCount = 0;
  #sentBytes = 0;
  #receivedBytes = 0;

  constructor(model: TimelineModel) {
    this.#model = model;
    const n = model.events.length;
    this.#syscalls = new Uint32Array(n);
    this.#switches = new Uint32Array(n);
    this.#fds = new Uint32Array(n);
    this.#accepted = new Uint32Array(n);
    this.#sent = new Float64Array(n);
    this.#received = new Float64Array(n);
    this.#isTask = model.lanes.map((l) => l.kind !== 'peer');
  }

  /** Counts events up to and including `last` (once: later calls continue where this stopped). */
  #fill(last: number): void {
    const model = this.#model;
    const open = this.#open;
    for (let i = this.#done; i <= last; i++) {
      const e = model.events[i]!;
      if (e.event === 'switch') this.#switchCount++;
      if (this.#isTask[model.eventLane[i]!]) {
        if (isSyscallEvent(e.event)) this.#calls++;
        switch (e.event) {
          case 'socket':
          case 'epoll_create':
            if (e.fd !== undefined && e.detail !== 'EAGAIN') open.add(e.fd);
            break;
          case 'accept': {
            const fd = /^fd (\d+)/.exec(e.detail ?? '');
            if (fd) {
              open.add(Number(fd[1]));
              this.#acceptCount++;
            }
            break;
          }
          case 'close':
            if (e.fd !== undefined) open.delete(e.fd);
            break;
          case 'recv': {
            const b = /\((\d+) bytes\)$/.exec(e.detail ?? '');
            if (b) this.#receivedBytes += Number(b[1]);
            break;
          }
          case 'send':
          case 'sendall': {
            const b = /^(\d+) of \d+ bytes/.exec(e.detail ?? '');
            if (b) this.#sentBytes += Number(b[1]);
            break;
          }
        }
      }
      this.#syscalls[i] = this.#calls;
      this.#switches[i] = this.#switchCount;
      this.#fds[i] = open.size;
      this.#accepted[i] = this.#acceptCount;
      this.#sent[i] = this.#sentBytes;
      this.#received[i] = this.#receivedBytes;
    }
    this.#done = Math.max(this.#done, last + 1);
  }

  /** The counters right after event `i` (undefined past the ends). */
  at(i: number): Counters | undefined {
    const m = this.#model;
    const e = m.events[i];
    if (!e) return undefined;
    if (i >= this.#done) this.#fill(i);
    let running = 0;
    let ready = 0;
    let waiting = 0;
    let inFlight = 0;
    for (const lane of m.lanes) {
      const s = stateAt(lane, e.t)?.state;
      if (s === undefined) continue;
      if (lane.kind === 'peer') {
        if (s === 'busy') inFlight++;
      } else if (s === 'running') running++;
      else if (s === 'ready') ready++;
      else if (WAITING.has(s)) waiting++;
    }
    return {
      syscalls: this.#syscalls[i]!,
      contextSwitches: this.#switches[i]!,
      openFds: this.#fds[i]!,
      accepted: this.#accepted[i]!,
      bytesSent: this.#sent[i]!,
      bytesReceived: this.#received[i]!,
      running,
      ready,
      waiting,
      requestsInFlight: inFlight,
    };
  }
}

/** The counters in words, one `name: value` pair each, in a fixed order. */
export function describeCounters(c: Counters, sinceCut: boolean): [string, string][] {
  const since = sinceCut ? ' (since the trace starts)' : '';
  const n = (x: number) => x.toLocaleString('en');
  return [
    [`Syscalls so far${since}`, n(c.syscalls)],
    ['Context switches', n(c.contextSwitches)],
    ['Tasks running / ready / waiting', `${c.running} / ${c.ready} / ${c.waiting}`],
    [`Descriptors open${since}`, n(c.openFds)],
    ['Connections accepted', n(c.accepted)],
    ['Bytes sent / received', `${n(c.bytesSent)} / ${n(c.bytesReceived)}`],
    ['Requests in flight (peers)', n(c.requestsInFlight)],
  ];
}
