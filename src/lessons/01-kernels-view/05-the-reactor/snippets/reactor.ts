// @runtime browser
import {
  Kernel,
  EPOLLIN,
  EPOLLOUT,
  EPOLLHUP,
  EPOLLERR,
  EPOLL_CTL_ADD,
  EPOLL_CTL_MOD,
  EPOLL_CTL_DEL,
} from '#kit';

type Callback = () => void;
interface Timer {
  at: number;
  seq: number;
  fn: Callback;
  cancelled: boolean;
}

// #region heap
/** A binary min-heap of timers: earliest first, FIFO among equals. */
class TimerHeap {
  #a: Timer[] = [];
  get size(): number {
    return this.#a.length;
  }
  peek(): Timer | undefined {
    return this.#a[0];
  }
  #less(i: number, j: number): boolean {
    const x = this.#a[i]!;
    const y = this.#a[j]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
  #swap(i: number, j: number): void {
    [this.#a[i], this.#a[j]] = [this.#a[j]!, this.#a[i]!];
  }
  push(t: Timer): void {
    this.#a.push(t);
    for (let i = this.#a.length - 1; i > 0;) {
      const up = (i - 1) >> 1; // sift up while smaller than parent
      if (!this.#less(i, up)) break;
      this.#swap(i, up);
      i = up;
    }
  }
  pop(): Timer | undefined {
    const top = this.#a[0];
    const last = this.#a.pop();
    if (this.#a.length > 0 && last) {
      this.#a[0] = last; // sift the last one down from the root
      for (let i = 0; ;) {
        let m = i;
        for (const c of [2 * i + 1, 2 * i + 2])
          if (c < this.#a.length && this.#less(c, m)) m = c;
        if (m === i) break;
        this.#swap(i, m);
        i = m;
      }
    }
    return top;
  }
}
// #endregion

// #region state
class Reactor {
  readonly #k: Kernel;
  readonly #ep: number;
  // #region slide-queues
  #soon: Callback[] = [];
  #timers = new TimerHeap();
  #liveTimers = 0;
  #seq = 0;
  #readers = new Map<number, Callback>();
  #writers = new Map<number, Callback>();
  // #endregion
  #stopped = false;
  // #endregion

  constructor(k: Kernel) {
    this.#k = k;
    this.#ep = k.epoll_create();
  }
  callSoon(fn: Callback): void {
    this.#soon.push(fn);
  }
  callLater(delay: number, fn: Callback): { cancel(): void } {
    const at = this.#k.now() + delay;
    const timer: Timer = { at, seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(timer);
    this.#liveTimers++;
    return {
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        this.#liveTimers--;
      },
    };
  }
  addReader(fd: number, fn: Callback): void {
    this.#watch(fd, () => this.#readers.set(fd, fn));
  }
  removeReader(fd: number): void {
    this.#watch(fd, () => this.#readers.delete(fd));
  }
  addWriter(fd: number, fn: Callback): void {
    this.#watch(fd, () => this.#writers.set(fd, fn));
  }
  removeWriter(fd: number): void {
    this.#watch(fd, () => this.#writers.delete(fd));
  }
  stop(): void {
    this.#stopped = true;
  }
  /** Tells the kernel what we now want to hear about `fd`. */
  #watch(fd: number, change: () => void): void {
    const before = this.#mask(fd);
    change();
    const after = this.#mask(fd);
    if (before === after) return;
    const op =
      before === 0
        ? EPOLL_CTL_ADD
        : after === 0
          ? EPOLL_CTL_DEL
          : EPOLL_CTL_MOD;
    this.#k.epoll_ctl(this.#ep, op, fd, after);
  }
  #mask(fd: number): number {
    return (
      (this.#readers.has(fd) ? EPOLLIN : 0) |
      (this.#writers.has(fd) ? EPOLLOUT : 0)
    );
  }
  #alive(): boolean {
    return (
      this.#soon.length > 0 ||
      this.#liveTimers > 0 ||
      this.#readers.size > 0 ||
      this.#writers.size > 0
    );
  }
  // #region run
  run(): void {
    this.#stopped = false;
    const k = this.#k;
    while (!this.#stopped && this.#alive()) {
      // 1. How long may we sleep? Not at all if callSoon work waits.
      while (this.#timers.peek()?.cancelled) this.#timers.pop();
      const next = this.#timers.peek();
      let timeout = -1; // no timer, nothing queued: wait for I/O
      if (this.#soon.length > 0) timeout = 0;
      else if (next) timeout = Math.max(0, next.at - k.now());
      // #region slide-dispatch
      // 2. Sleep in the kernel until an fd is ready or a timer is due.
      const events = k.epoll_wait(this.#ep, 64, timeout);
      // 3. Dispatch. Each callback runs to completion, one at a time.
      for (let n = this.#soon.length; n > 0 && !this.#stopped; n--) {
        this.#soon.shift()!(); // only what was queued before this turn
      }
      for (const { fd, events: ev } of events) {
        const readable = ev & (EPOLLIN | EPOLLHUP | EPOLLERR);
        if (readable && !this.#stopped) this.#readers.get(fd)?.();
        if (ev & EPOLLOUT && !this.#stopped) this.#writers.get(fd)?.();
      }
      // #endregion
      const now = k.now();
      const last = this.#seq; // timers made from here on wait a turn
      for (let t = this.#timers.peek(); t && !this.#stopped;) {
        if (t.at > now || t.seq >= last) break;
        this.#timers.pop();
        if (!t.cancelled) {
          t.cancelled = true; // fired: no longer keeps the loop alive
          this.#liveTimers--;
          t.fn();
        }
        t = this.#timers.peek();
      }
    }
  }
  // #endregion
}

// A program with no sockets at all: only timers and callSoon.
const k = new Kernel();
const r = new Reactor(k);
const log = (what: string) =>
  console.log(`${String(Math.round(k.now())).padStart(4)} ms  ${what}`);

r.callLater(300, () => log('C  callLater(300)'));
r.callLater(100, () => log('A  callLater(100)'));
r.callLater(100, () => {
  log('B  callLater(100), scheduled after A');
  r.callSoon(() => log('D  callSoon, queued by B'));
  r.callLater(0, () => log('E  callLater(0), queued by B'));
});
const never = r.callLater(200, () => log('this timer was cancelled'));
r.callSoon(() => {
  log('F  callSoon from the main program: cancels the 200 ms timer');
  never.cancel();
});
r.run();
log('run() returned: no callbacks, timers or descriptors left');
