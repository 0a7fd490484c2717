/** The event trace: what happened, when, to whom. Exportable as JSON and as readable text. */

/** One trace entry. `t` is virtual ms. */
export interface TraceEvent {
  readonly t: number;
  readonly actor: string;
  readonly event: string;
  readonly fd?: number;
  readonly detail?: string;
  /** Only on the `cut` marker of a full trace: how many events were dropped there. */
  readonly dropped?: number;
}

/** Short, quoted preview of data for the trace (exactly what `JSON.stringify` writes). */
export function preview(data: string, max = 24): string {
  const n = data.length > max ? max : data.length;
  // Printable ASCII without quote or backslash needs no escaping: skip JSON.stringify (per event).
  for (let i = 0; i < n; i++) {
    const ch = data.charCodeAt(i);
    if (ch < 0x20 || ch > 0x7e || ch === 0x22 || ch === 0x5c)
      return JSON.stringify(data.length > max ? `${data.slice(0, max)}…` : data);
  }
  return data.length > max ? `"${data.slice(0, max)}…"` : `"${data}"`;
}

/**
 * A detail made when the event is read, not when it is recorded: `fmt(arg, n)`. Only the latest
 * events of a long trace are kept (see {@link Tracer}), so most of a long run's details would be
 * made for nothing: an echo run of 10,000 connections records about a million events and keeps
 * 100,000. `fmt` must be a module-level function of its two arguments alone (no closure, so
 * recording allocates nothing) and `arg` a value that cannot change later (a string, a number).
 */
export type DetailFn<A> = (arg: A, n: number) => string;

/**
 * Strings longer than this are not kept for a lazy detail: the detail is made at once instead,
 * so the ring never holds on to large payloads (a detail shows 24 characters of them).
 */
export const LAZY_ARG_MAX = 64;

/** One event object, with `fd` and `detail` only when given (so JSON and key order stay the same). */
function traceEvent(
  t: number,
  actor: string,
  event: string,
  fd: number | undefined,
  detail: string | undefined,
): TraceEvent {
  return fd === undefined
    ? detail === undefined
      ? { t, actor, event }
      : { t, actor, event, detail }
    : detail === undefined
      ? { t, actor, event, fd }
      : { t, actor, event, fd, detail };
}

/** The event that stands where a full trace dropped events (`k.trace()` and the text show it). */
export const CUT_EVENT = 'cut';

/**
 * A watcher of every trace: `onEvents` is called after each `every` events a tracer records. The
 * browser worker sets one so that a program stuck in a synchronous loop of kernel calls still
 * gets its trace to the page before the time limit ends it (its timers cannot fire then).
 * `onEvents` should be cheap most of the time (read a clock, compare) and must not throw.
 */
export interface TraceWatch {
  readonly every: number;
  readonly onEvents: () => void;
}

let watch: TraceWatch | undefined;

/**
 * Watches the tracers created from now on (`undefined`: none). Tracers created while no watch is
 * set keep the plain `add`, so the kit pays nothing for the feature unless a runtime asks for it.
 */
export function watchTraces(w: TraceWatch | undefined): void {
  watch =
    w === undefined ? undefined : { every: Math.max(1, Math.floor(w.every)), onEvents: w.onEvents };
}

/**
 * The event a user-space switch between greenlets leaves in the trace: actor `main` (the kernel
 * sees one thread: greenlets are not kernel tasks), detail `to <greenlet>`, or `exit <greenlet>`
 * when one finishes. The greenlet library (`src/lib/greenlet.ts`) reports its switches with
 * {@link traceGreenSwitch} and ends with {@link traceGreenExit}; the timeline gives main's events
 * after a switch to that greenlet's lane, and ends the lane at its exit.
 */
export const GREEN_SWITCH_EVENT = 'greenlet';
/** The name main's own context has in `greenlet` events. */
export const MAIN_CONTEXT = 'main';

/** Greenlet switches a tracer holds between two events; older ones are forgotten. */
const MAX_PENDING = 32;

/** Tracers that receive greenlet switches, once {@link recordGreenSwitches} was called. */
let greenTargets: WeakRef<Tracer>[] | undefined;

/**
 * From now on, tracers that record (`trace: true`) also receive greenlet switches. The greenlet
 * library calls it when it is loaded, so a program that never imports it pays nothing.
 */
export function recordGreenSwitches(): void {
  greenTargets ??= [];
}

/**
 * A switch to another greenlet (`key`, the greenlet object; `null` for main's own context),
 * named `name`, reported to every live tracer. Switches cost no virtual time and no system call,
 * so the kit's clock does not move until the next kernel call: each tracer records the switch
 * with the time of its next event (keeping the last 32 switches made between two events). Names are made unique per trace in order of appearance: `worker`,
 * `worker (2)`…
 */
export function traceGreenSwitch(key: object | null, name: string): void {
  forEachGreenTarget((t) => t.greenSwitch(key, name));
}

/**
 * Greenlet `key` (named `name` when it was first switched to) has finished: its `run` returned or
 * raised. Recorded like a switch, as a `greenlet` event of main whose detail is `exit <greenlet>`
 * (a thread's end is an `exit` event of its own), just before the switch to its parent.
 */
export function traceGreenExit(key: object, name: string): void {
  forEachGreenTarget((t) => t.greenExit(key, name));
}

/** Calls `f` with every live tracer that receives greenlet switches, dropping dead ones. */
function forEachGreenTarget(f: (t: Tracer) => void): void {
  const list = greenTargets;
  if (list === undefined || list.length === 0) return;
  let live = 0;
  for (let i = 0; i < list.length; i++) {
    const t = (list[i] as WeakRef<Tracer>).deref();
    if (t === undefined) continue;
    list[live++] = list[i] as WeakRef<Tracer>;
    f(t);
  }
  list.length = live;
}

/**
 * A bounded trace store. It keeps the first `ceil(limit / 2)` events and, in a ring, the last
 * `floor(limit / 2)`; events pushed out of the ring are counted in `dropped`. `events()` gives
 * the first events, then (when some were dropped) one `cut` marker event saying how many, then
 * the last events, so the start of a run and where it ended are both there.
 */
export class Tracer {
  readonly on: boolean;
  readonly limit: number;
  /** How many of the first events are always kept. */
  readonly headMax: number;
  /** How many of the latest events the ring keeps. */
  readonly tailMax: number;
  /** Events recorded and then dropped from the ring. */
  dropped = 0;
  readonly #head: TraceEvent[] = [];
  /**
   * The ring of the latest events, one array per field (no object per event: a long traced run
   * overwrites the ring many times, and objects living that long would all reach the old
   * generation before they are dropped). `events()` builds the objects.
   */
  readonly #ringT: number[] = [];
  readonly #ringActor: string[] = [];
  readonly #ringEvent: string[] = [];
  readonly #ringFd: (number | undefined)[] = [];
  /** A string, or a lazy detail's function, whose arguments are in the next two arrays. */
  readonly #ringDetail: (string | DetailFn<never> | undefined)[] = [];
  readonly #ringArg: unknown[] = [];
  readonly #ringNum: number[] = [];
  /** Next slot of the ring to overwrite, once it is full. */
  #next = 0;
  /** Virtual time (ms) of the first and last dropped events. */
  #cutFrom = 0;
  #cutTo = 0;

  /** The watch set when this tracer was created, if any. */
  readonly #watch: TraceWatch | undefined;
  /** `add` has been replaced by the watching one (see {@link Tracer.#watched}). */
  #wrapped = false;
  /** Details of greenlet events since the last event, not yet stamped (at most {@link MAX_PENDING}). */
  #pending: string[] | undefined;
  /** Greenlet names given in this trace, by greenlet. */
  #names: Map<object, string> | undefined;
  #taken: Set<string> | undefined;

  constructor(on: boolean, limit: number) {
    this.on = on;
    this.limit = Number.isFinite(limit) ? Math.floor(limit) : Infinity;
    this.headMax = Number.isFinite(limit) ? Math.ceil(this.limit / 2) : Infinity;
    this.tailMax = Number.isFinite(limit) ? this.limit - this.headMax : 0;
    this.#watch = on ? watch : undefined;
    if (this.#watch !== undefined) this.#watched();
    if (on && greenTargets !== undefined) greenTargets.push(new WeakRef(this));
  }

  /**
   * Replaces `add`, for this tracer only, by one that first stamps a pending greenlet switch and
   * then counts events for the watch. Tracers with neither keep the prototype's `add` untouched.
   */
  #watched(): void {
    if (this.#wrapped) return;
    this.#wrapped = true;
    const plain = Tracer.prototype.add;
    const plainLazy = Tracer.prototype.addLazy;
    const w = this.#watch;
    let left = w?.every ?? 0;
    const before = (tNs: number): void => {
      const p = this.#pending;
      if (p !== undefined && p.length > 0) {
        for (const detail of p)
          plain.call(this, tNs, MAIN_CONTEXT, GREEN_SWITCH_EVENT, undefined, detail);
        p.length = 0;
      }
    };
    const after = (): void => {
      if (w !== undefined && --left <= 0) {
        left = w.every;
        w.onEvents();
      }
    };
    this.add = (tNs, actor, event, fd, detail) => {
      before(tNs);
      plain.call(this, tNs, actor, event, fd, detail);
      after();
    };
    this.addLazy = (tNs, actor, event, fd, fmt, arg, n) => {
      before(tNs);
      plainLazy.call(this, tNs, actor, event, fd, fmt as DetailFn<unknown>, arg, n);
      after();
    };
  }

  /**
   * A greenlet switch (see {@link traceGreenSwitch}), recorded with the time of the next event:
   * the clock does not move between two kernel calls, so the next call starts when the switch
   * happened (its event may come a syscall's cost later). Until an event follows, `events()`
   * shows the switch at the last event's time.
   */
  greenSwitch(key: object | null, name: string): void {
    if (!this.on) return;
    this.#pend(`to ${key === null ? MAIN_CONTEXT : this.#greenName(key, name)}`);
  }

  /** A greenlet finished (see {@link traceGreenExit}): `exit <its name in this trace>`. */
  greenExit(key: object, name: string): void {
    if (!this.on) return;
    this.#pend(`exit ${this.#greenName(key, name)}`);
  }

  /** The greenlet's name in this trace: `name`, made unique (`worker (2)`) on first sight. */
  #greenName(key: object, name: string): string {
    const names = (this.#names ??= new Map());
    const known = names.get(key);
    if (known !== undefined) return known;
    const taken = (this.#taken ??= new Set([MAIN_CONTEXT]));
    const base = name === '' ? 'greenlet' : name;
    let unique = base;
    for (let n = 2; taken.has(unique); n++) unique = `${base} (${n})`;
    taken.add(unique);
    names.set(key, unique);
    return unique;
  }

  /** Queues a greenlet event's detail, stamped with the time of the next event. */
  #pend(detail: string): void {
    const p = (this.#pending ??= []);
    if (p.length === MAX_PENDING) p.shift();
    p.push(detail);
    this.#watched();
  }

  /** Appends one event; `tNs` is virtual nanoseconds. */
  add(tNs: number, actor: string, event: string, fd?: number, detail?: string): void {
    this.#record(tNs, actor, event, fd, detail, undefined, 0);
  }

  /**
   * Appends one event whose detail is `fmt(arg, n)`, made only if the event is still kept when
   * the trace is read (see {@link DetailFn}); the text is exactly what `add` with the made
   * detail would have kept. A string `arg` longer than {@link LAZY_ARG_MAX} is not kept: then
   * the detail is made at once.
   */
  addLazy<A>(
    tNs: number,
    actor: string,
    event: string,
    fd: number | undefined,
    fmt: DetailFn<A>,
    arg: A,
    n: number,
  ): void {
    if (typeof arg === 'string' && arg.length > LAZY_ARG_MAX)
      this.#record(tNs, actor, event, fd, fmt(arg, n), undefined, 0);
    else this.#record(tNs, actor, event, fd, fmt as DetailFn<never>, arg, n);
  }

  #record(
    tNs: number,
    actor: string,
    event: string,
    fd: number | undefined,
    detail: string | DetailFn<never> | undefined,
    arg: unknown,
    num: number,
  ): void {
    const t = tNs / 1e6;
    if (this.#head.length < this.headMax) {
      // The first events are all kept: their details are made now.
      const d = typeof detail === 'function' ? (detail as DetailFn<unknown>)(arg, num) : detail;
      this.#head.push(traceEvent(t, actor, event, fd, d));
      return;
    }
    const n = this.#ringT.length;
    if (n < this.tailMax) {
      this.#ringT.push(t);
      this.#ringActor.push(actor);
      this.#ringEvent.push(event);
      this.#ringFd.push(fd);
      this.#ringDetail.push(detail);
      this.#ringArg.push(arg);
      this.#ringNum.push(num);
      return;
    }
    if (this.tailMax === 0) {
      if (this.dropped++ === 0) this.#cutFrom = t;
      this.#cutTo = t;
      return;
    }
    // The ring is full: the oldest event in it is dropped.
    const i = this.#next;
    const old = this.#ringT[i] as number;
    if (this.dropped++ === 0) this.#cutFrom = old;
    this.#cutTo = old;
    this.#ringT[i] = t;
    this.#ringActor[i] = actor;
    this.#ringEvent[i] = event;
    this.#ringFd[i] = fd;
    this.#ringDetail[i] = detail;
    this.#ringArg[i] = arg;
    this.#ringNum[i] = num;
    this.#next = i + 1 === this.tailMax ? 0 : i + 1;
  }

  /** Number of events `events()` returns (the cut marker and unstamped switches included). */
  get size(): number {
    return (
      this.#head.length +
      this.#ringT.length +
      (this.dropped > 0 ? 1 : 0) +
      (this.#pending?.length ?? 0)
    );
  }

  /**
   * The kept events in order, with a `cut` marker where events were dropped (a new array).
   * Greenlet switches made since the last event come last, at that event's time.
   */
  events(): TraceEvent[] {
    const out = this.#head.slice();
    if (this.dropped > 0) out.push(this.#marker());
    const n = this.#ringT.length;
    for (let i = this.#next; i < n; i++) out.push(this.#ringAt(i));
    for (let i = 0; i < this.#next; i++) out.push(this.#ringAt(i));
    const p = this.#pending;
    if (p !== undefined && p.length > 0) {
      const t = this.last()?.t ?? 0;
      for (const detail of p)
        out.push({ t, actor: MAIN_CONTEXT, event: GREEN_SWITCH_EVENT, detail });
    }
    return out;
  }

  /** The last event recorded, if any. */
  last(): TraceEvent | undefined {
    const n = this.#ringT.length;
    if (n === 0) return this.#head.at(-1);
    return this.#ringAt((this.#next === 0 ? n : this.#next) - 1);
  }

  #ringAt(i: number): TraceEvent {
    const d = this.#ringDetail[i];
    return traceEvent(
      this.#ringT[i] as number,
      this.#ringActor[i] as string,
      this.#ringEvent[i] as string,
      this.#ringFd[i],
      typeof d === 'function'
        ? (d as DetailFn<unknown>)(this.#ringArg[i], this.#ringNum[i] as number)
        : d,
    );
  }

  #marker(): TraceEvent {
    const from = this.#cutFrom.toFixed(3);
    const to = this.#cutTo.toFixed(3);
    const kept =
      this.tailMax > 0
        ? `the trace keeps the first ${this.headMax} and the last ${this.tailMax} events`
        : `the trace keeps the first ${this.headMax} events`;
    return {
      t: this.#cutFrom,
      actor: 'trace',
      event: CUT_EVENT,
      detail: `${this.dropped} events dropped from ${from} ms to ${to} ms (${kept}; traceLimit ${this.limit})`,
      dropped: this.dropped,
    };
  }

  /** One line per event: time, actor, event, descriptor, detail. */
  text(): string {
    const lines = this.events().map((e) => {
      if (e.event === CUT_EVENT && e.actor === 'trace' && e.dropped !== undefined)
        return `(trace limit reached: ${e.detail ?? ''})`;
      const fd = e.fd === undefined ? '' : `fd ${e.fd}`;
      const line = `${e.t.toFixed(3).padStart(10)} ms  ${e.actor.padEnd(10)} ${e.event.padEnd(12)} ${fd.padEnd(7)} ${e.detail ?? ''}`;
      return line.trimEnd();
    });
    return lines.join('\n');
  }

  /** The events as a JSON array (stable key order). */
  json(): string {
    return JSON.stringify(this.events());
  }
}
