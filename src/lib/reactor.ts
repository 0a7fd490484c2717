/**
 * The reactor of chapter 5 ("The reactor", `/lessons/the-reactor/`) as a reusable library.
 *
 * A `Reactor` is a single-threaded event loop over one kit `Kernel`: a `while` around
 * `epoll_wait` that dispatches callbacks. Import it in snippets and exercises as
 *
 * ```ts
 * import { Kernel } from '#kit';
 * import { Reactor } from '#lib/reactor';
 *
 * const k = new Kernel();
 * const r = new Reactor(k);
 * r.callLater(100, () => console.log('100 ms', r.now()));
 * r.run(); // returns when nothing is left to wait for
 * ```
 *
 * API (the names are Twisted's and asyncio's):
 *
 * - `callSoon(fn)`: run `fn` on the next turn of the loop, after what is already queued (FIFO).
 * - `callLater(delay, fn)`: run `fn` once, no earlier than `delay` ms of virtual time from now.
 *   Returns a `DelayedCall` with `cancel()` (a no-op once fired or cancelled), `active()` and
 *   `time` (when it is due). Timers due at the same time run in the order they were scheduled
 *   (the FIFO tie-break: a min-heap ordered by `(time, sequence number)`).
 * - `addReader(fd, fn)` / `removeReader(fd)`: call `fn` whenever `fd` is readable (data, a new
 *   connection, EOF, a reset or an error). `addWriter(fd, fn)` / `removeWriter(fd)`: whenever
 *   `fd` has room to send. Adding again replaces the callback. Remove before `close(fd)`.
 * - `stop()`: `run()` returns as soon as the current callback returns. A later `run()` carries on.
 * - `run()`: loop until `stop()` or until nothing is alive: no queued `callSoon` work, no live
 *   timers (neither fired nor cancelled), no readers and no writers.
 * - `now()`: the kernel's virtual time in ms. `kernel`: the `Kernel` itself.
 *
 * One turn of the loop: (1) compute the timeout: 0 if `callSoon` work waits, else the time to
 * the earliest live timer, else -1 (block until I/O); (2) `epoll_wait`; (3) run the `callSoon`
 * callbacks queued before this turn, then the readers/writers of the ready descriptors, then
 * every due timer that existed when the timer phase began (a `callLater(0)` made by a timer
 * callback waits for the next turn, so a timer that re-arms itself cannot starve I/O).
 *
 * Errors: a callback that throws is not caught. The exception leaves `run()` (unlike Twisted's
 * reactor, which logs it and carries on), and the loop's state stays consistent, so `run()`
 * can be called again. This is deliberate: lessons show what a thrown error's stack looks like.
 *
 * Pure TypeScript over `#kit`: no DOM, no Node built-ins, so it runs in the browser worker,
 * WebContainer and on Node.
 */
import {
  EPOLLERR,
  EPOLLHUP,
  EPOLLIN,
  EPOLLOUT,
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  type Kernel,
} from '#kit';

/** A callback the reactor runs. It takes no arguments: close over what it needs. */
export type Callback = () => void;

/** What `callLater` returns (Twisted's `IDelayedCall`, reduced). */
export interface DelayedCall {
  /** Virtual time (ms) at which the call is due. */
  readonly time: number;
  /** Prevents the call. Does nothing if it has already run or been cancelled. */
  cancel(): void;
  /** True until the call has run or been cancelled. */
  active(): boolean;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: Callback;
  done: boolean;
}

/** `a` runs before `b`: earlier time first, then the one scheduled first. */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** A single-threaded event loop over the kit's epoll (see the module comment). */
export class Reactor {
  readonly #k: Kernel;
  readonly #ep: number;
  readonly #soon: Callback[] = [];
  readonly #heap: Timer[] = [];
  readonly #readers = new Map<number, Callback>();
  readonly #writers = new Map<number, Callback>();
  #pending = 0; // timers that have neither fired nor been cancelled
  #seq = 0;
  #stopped = false;

  constructor(k: Kernel) {
    this.#k = k;
    this.#ep = k.epoll_create();
  }

  /** The kernel this reactor runs on. */
  get kernel(): Kernel {
    return this.#k;
  }

  /** Virtual time in ms (the kernel's clock). */
  now(): number {
    return this.#k.now();
  }

  /** Runs `fn` on the next turn of the loop, after what is already queued. */
  callSoon(fn: Callback): void {
    this.#soon.push(fn);
  }

  /** Runs `fn` once, no earlier than `delay` ms of virtual time from now. */
  callLater(delay: number, fn: Callback): DelayedCall {
    const t: Timer = {
      at: this.#k.now() + Math.max(0, delay),
      seq: this.#seq++,
      fn,
      done: false,
    };
    this.#push(t);
    this.#pending++;
    return {
      time: t.at,
      cancel: () => {
        if (t.done) return;
        t.done = true;
        this.#pending--;
      },
      active: () => !t.done,
    };
  }

  /** Calls `fn` whenever `fd` is readable (data, a connection, EOF or an error). */
  addReader(fd: number, fn: Callback): void {
    this.#watch(fd, () => this.#readers.set(fd, fn));
  }

  /** Stops watching `fd` for reading. Call it before closing the descriptor. */
  removeReader(fd: number): void {
    this.#watch(fd, () => this.#readers.delete(fd));
  }

  /** Calls `fn` whenever `fd` can take more data (room in its send buffer). */
  addWriter(fd: number, fn: Callback): void {
    this.#watch(fd, () => this.#writers.set(fd, fn));
  }

  /** Stops watching `fd` for writing. */
  removeWriter(fd: number): void {
    this.#watch(fd, () => this.#writers.delete(fd));
  }

  /** Makes run() return as soon as the current callback returns. */
  stop(): void {
    this.#stopped = true;
  }

  /** Runs callbacks until stop() is called or nothing is left to wait for. */
  run(): void {
    const k = this.#k;
    this.#stopped = false;
    while (!this.#stopped && this.#alive()) {
      // 1. How long may we sleep? Not at all if callSoon work waits.
      while (this.#heap[0]?.done === true) this.#pop();
      const next = this.#heap[0];
      let timeout = -1;
      if (this.#soon.length > 0) timeout = 0;
      else if (next) timeout = Math.max(0, next.at - k.now());
      // 2. Sleep in the kernel until a descriptor is ready or a timer is due.
      const events = k.epoll_wait(this.#ep, 64, timeout);

      // 3. Dispatch, one callback at a time. callSoon work queued before this turn first.
      for (let n = this.#soon.length; n > 0 && !this.#stopped; n--) this.#soon.shift()!();

      for (const { fd, events: ev } of events) {
        if (this.#stopped) break;
        if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) !== 0) this.#readers.get(fd)?.();
        if (this.#stopped) break;
        if ((ev & (EPOLLOUT | EPOLLERR)) !== 0) this.#writers.get(fd)?.();
      }

      const now = k.now();
      const last = this.#seq; // timers created by timer callbacks wait a turn
      for (let t = this.#heap[0]; t && !this.#stopped; t = this.#heap[0]) {
        if (t.at > now || t.seq >= last) break;
        this.#pop();
        if (t.done) continue;
        t.done = true;
        this.#pending--;
        t.fn();
      }
    }
  }

  #alive(): boolean {
    return (
      this.#soon.length > 0 || this.#pending > 0 || this.#readers.size > 0 || this.#writers.size > 0
    );
  }

  /** Applies `change` and tells the kernel what we now want to hear about `fd`. */
  #watch(fd: number, change: () => void): void {
    const before = this.#mask(fd);
    change();
    const after = this.#mask(fd);
    if (before === after) return;
    const op = before === 0 ? EPOLL_CTL_ADD : after === 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
    if (op === EPOLL_CTL_DEL) this.#k.epoll_ctl(this.#ep, op, fd);
    else this.#k.epoll_ctl(this.#ep, op, fd, after);
  }

  #mask(fd: number): number {
    return (this.#readers.has(fd) ? EPOLLIN : 0) | (this.#writers.has(fd) ? EPOLLOUT : 0);
  }

  #push(t: Timer): void {
    const h = this.#heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop();
    if (h.length === 0 || last === undefined) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      let m = i;
      const l = 2 * i + 1;
      const r = l + 1;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
