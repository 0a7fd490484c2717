/**
 * aio: `async`/`await` on the kit, after Python's asyncio.
 *
 * The kit is synchronous: a blocking call such as `k.epoll_wait(ep, 64, 100)` runs the simulation
 * and returns at a later *virtual* time. A promise continuation, on the other hand, runs only
 * when the JavaScript stack has unwound and the engine drains its microtask queue. A `while`
 * loop around `epoll_wait` would never let an `await` resume. So the event loop here is itself
 * an `async` function: it lets the microtasks drain, then sleeps in the kit until the earliest
 * timer or the first ready socket, then resolves the promises of whoever was waiting, and
 * repeats. Chapter 8 explains it; chapters 11 and 12 build servers on it.
 *
 * ```ts
 * import { Kernel } from '#kit';
 * import { Loop } from '#lib/aio';
 *
 * const k = new Kernel();
 * const loop = new Loop(k);
 * const api = k.service('api', { latency: 120 });
 * await loop.run(async () => {
 *   await loop.sleep(50);                           // virtual ms
 *   const reply = await loop.fetch(api, 'GET /');   // connect, send, read to EOF, close
 *   console.log(Math.round(loop.now()), reply);     // 170 api: GET /
 * });
 * ```
 *
 * What it gives:
 * - `run(main)`: the loop; returns (a promise of) what `main` returns, once it settles.
 * - `sleep(ms)`: a virtual-time timer (no real `setTimeout`, so 10,000 sleepers cost nothing).
 * - `recv`, `send`, `sendall`, `accept`, `connect`, `fetch`, `close`, `listen`, `socket`: the kit's
 *   socket calls, non-blocking underneath, awaiting readiness through one epoll instance.
 * - `readable(fd)`, `writable(fd)`: the readiness waits the calls above are made of.
 * - Every wait takes an optional `AbortSignal`: aborting removes the wait (its timer, its epoll
 *   interest) and rejects with `signal.reason`, as `fetch` and Node's timers promises do.
 * - `pending()`: how many timers and socket waits are live (tests use it to prove that nothing
 *   was left behind).
 *
 * Determinism: every decision is made from virtual time and the order in which promises were
 * resolved, which the ECMAScript specification fixes, so a program prints the same on Node and in
 * the browser worker. Timers due at the same time fire in the order they were set.
 *
 * The one heuristic: the loop cannot ask the engine whether the microtask queue is empty. After
 * each round it keeps yielding (`await` of a resolved value, one microtask turn each) until
 * `quietTurns` turns in a row (default 64) pass without any call into the loop. A chain of more
 * promise hops than that with no loop call in between would resume after virtual time has moved
 * on. Before it reports a deadlock, the loop also yields one real macrotask (`setTimeout(0)`) to
 * be sure.
 */
import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  EPOLLERR,
  EPOLLHUP,
  EPOLLIN,
  EPOLLOUT,
  ERRNO,
  KernelError,
  wouldBlock,
  type Address,
  type ErrorCode,
  type Kernel,
} from '#kit';

/** Options for `new Loop(k, options)`. */
export interface LoopOptions {
  /** `maxevents` for each `epoll_wait`. Default 1024. */
  readonly maxEvents?: number;
  /** Microtask turns without any loop call before the loop treats the program as idle. */
  readonly quietTurns?: number;
}

/** Live waits, as `loop.pending()` reports them. */
export interface Pending {
  /** Sleeps not yet due and not aborted. */
  readonly timers: number;
  /** Waits for a descriptor to become readable. */
  readonly readers: number;
  /** Waits for a descriptor to become writable. */
  readonly writers: number;
}

/** Thrown by `run` when main is waiting but nothing can ever wake it. */
export class LoopDeadlockError extends Error {
  constructor(at: number) {
    super(
      `aio deadlock at ${at.toFixed(3)} ms: main has not finished, but no timer is set and no ` +
        'socket is awaited, so nothing can ever resume it',
    );
    this.name = 'LoopDeadlockError';
  }
}

interface Timer {
  readonly at: number; // virtual ns
  readonly seq: number;
  fire: (() => void) | null; // null once fired or cancelled
}

interface IoWait {
  readonly resolve: () => void;
}

const READ_BITS = EPOLLIN | EPOLLHUP | EPOLLERR;
const WRITE_BITS = EPOLLOUT | EPOLLHUP | EPOLLERR;
const CODES = new Map(Object.entries(ERRNO).map(([code, n]) => [n, code as ErrorCode]));
const nsOf = (ms: number): number => Math.round(ms * 1e6);

/** An asyncio-style event loop over one kit `Kernel`. One loop per kernel. */
export class Loop {
  /** The kernel this loop drives. */
  readonly k: Kernel;
  readonly #maxEvents: number;
  readonly #quietTurns: number;
  #ep = -1;
  #running = false;
  #activity = 0;
  #seq = 0;
  #liveTimers = 0;
  readonly #heap: Timer[] = [];
  readonly #readers = new Map<number, Set<IoWait>>();
  readonly #writers = new Map<number, Set<IoWait>>();
  readonly #registered = new Map<number, number>(); // fd -> events given to epoll_ctl
  readonly #dirty = new Set<number>();
  readonly #nonblocking = new Set<number>();

  constructor(k: Kernel, options: LoopOptions = {}) {
    this.k = k;
    this.#maxEvents = options.maxEvents ?? 1024;
    this.#quietTurns = options.quietTurns ?? 64;
  }

  /** Virtual time in ms (the kernel's clock). */
  now(): number {
    return this.k.now();
  }

  /** Live timers and socket waits. */
  pending(): Pending {
    let readers = 0;
    let writers = 0;
    for (const s of this.#readers.values()) readers += s.size;
    for (const s of this.#writers.values()) writers += s.size;
    return { timers: this.#liveTimers, readers, writers };
  }

  /**
   * Runs the loop until the promise `main()` returns has settled, then returns its value (or
   * rethrows its error). Other coroutines still waiting at that point stay suspended, which
   * `pending()` shows.
   */
  async run<T>(main: () => Promise<T>): Promise<T> {
    if (this.#running) throw new Error('aio: run() is already running on this loop');
    this.#running = true;
    let done = false;
    const settled = (async () => {
      try {
        return await main();
      } finally {
        done = true;
        this.#activity++;
      }
    })();
    settled.catch(() => {}); // observed below; keeps Node from calling it unhandled meanwhile
    try {
      for (;;) {
        await this.#settle();
        if (done) break;
        if (!this.#hasWork()) {
          await new Promise<void>((r) => setTimeout(r, 0)); // be sure: a full macrotask drain
          await this.#settle();
          if (done) break;
          if (!this.#hasWork()) throw new LoopDeadlockError(this.k.now());
        }
        this.#turn();
      }
    } finally {
      this.#running = false;
    }
    return settled;
  }

  /** Resolves after `ms` of virtual time. Aborting `signal` cancels the timer. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.#activity++;
    const at = this.#nowNs() + Math.max(0, nsOf(ms));
    return this.#wait(signal, (resolve) => {
      const t: Timer = { at, seq: this.#seq++, fire: resolve };
      this.#push(t);
      this.#liveTimers++;
      return () => {
        if (t.fire === null) return;
        t.fire = null;
        this.#liveTimers--;
      };
    });
  }

  /** Resolves when `fd` is readable (data, a connection to accept, EOF or an error). */
  readable(fd: number, signal?: AbortSignal): Promise<void> {
    return this.#ioWait(this.#readers, fd, signal);
  }

  /** Resolves when `fd` is writable (buffer space, a finished connect, or an error). */
  writable(fd: number, signal?: AbortSignal): Promise<void> {
    return this.#ioWait(this.#writers, fd, signal);
  }

  /** A new non-blocking socket. */
  socket(): number {
    this.#activity++;
    const fd = this.k.socket();
    this.#nonblock(fd);
    return fd;
  }

  /** A non-blocking listening socket bound to `addr`. */
  listen(addr: Address, backlog?: number): number {
    const fd = this.socket();
    this.k.bind(fd, addr);
    this.k.listen(fd, backlog);
    return fd;
  }

  /** Accepts a connection on a listening socket; the new descriptor is non-blocking. */
  async accept(fd: number, signal?: AbortSignal): Promise<number> {
    this.#nonblock(fd);
    for (;;) {
      this.#activity++;
      try {
        const conn = this.k.accept(fd);
        this.#nonblocking.add(conn);
        this.k.setblocking(conn, false);
        return conn;
      } catch (e) {
        if (!wouldBlock(e)) throw e;
      }
      await this.readable(fd, signal);
    }
  }

  /** Up to `n` bytes from `fd`; `''` at EOF. */
  async recv(fd: number, n: number, signal?: AbortSignal): Promise<string> {
    this.#nonblock(fd);
    for (;;) {
      this.#activity++;
      try {
        return this.k.recv(fd, n);
      } catch (e) {
        if (!wouldBlock(e)) throw e;
      }
      await this.readable(fd, signal);
    }
  }

  /** Sends what fits (at least one byte), waiting for buffer space if none does. */
  async send(fd: number, data: string, signal?: AbortSignal): Promise<number> {
    this.#nonblock(fd);
    for (;;) {
      this.#activity++;
      try {
        return this.k.send(fd, data);
      } catch (e) {
        if (!wouldBlock(e)) throw e;
      }
      await this.writable(fd, signal);
    }
  }

  /** Sends all of `data`. */
  async sendall(fd: number, data: string, signal?: AbortSignal): Promise<void> {
    let rest = data;
    while (rest.length > 0) rest = rest.slice(await this.send(fd, rest, signal));
  }

  /**
   * A new connected, non-blocking socket: `connect` returns `EINPROGRESS`, the loop waits until
   * the socket is writable, and `SO_ERROR` says how it ended (as asyncio's `sock_connect` does).
   */
  async connect(addr: Address, signal?: AbortSignal): Promise<number> {
    const fd = this.socket();
    try {
      try {
        this.k.connect(fd, addr);
        return fd;
      } catch (e) {
        if (!(e instanceof KernelError) || e.code !== 'EINPROGRESS') throw e;
      }
      await this.writable(fd, signal);
      const errno = this.k.getsockopt(fd, 'SO_ERROR');
      if (errno !== 0) {
        const code = CODES.get(errno) ?? 'ECONNREFUSED';
        throw new KernelError(code, 'connect', fd, `connecting to ${String(addr)} failed`);
      }
      return fd;
    } catch (e) {
      this.close(fd);
      throw e;
    }
  }

  /** One request to a scripted service: connect, send, read until EOF, close. */
  async fetch(addr: Address, request: string, signal?: AbortSignal): Promise<string> {
    const fd = await this.connect(addr, signal);
    try {
      await this.sendall(fd, request, signal);
      let reply = '';
      for (
        let d = await this.recv(fd, 65536, signal);
        d !== '';
        d = await this.recv(fd, 65536, signal)
      )
        reply += d;
      return reply;
    } finally {
      this.close(fd);
    }
  }

  /**
   * Closes `fd` through the loop: its waits are rejected with `EBADF` and the loop forgets it.
   * (Closing with `k.close` directly leaves the loop's bookkeeping stale.)
   */
  close(fd: number): void {
    this.#activity++;
    for (const map of [this.#readers, this.#writers]) {
      const set = map.get(fd);
      map.delete(fd);
      for (const w of set ?? []) w.resolve(); // the waiter's next call sees EBADF
    }
    this.#registered.delete(fd); // Linux (and the kit) drop a closed fd from epoll by itself
    this.#dirty.delete(fd);
    this.#nonblocking.delete(fd);
    this.k.close(fd);
  }

  // ---- the loop's insides ----

  #nowNs(): number {
    return nsOf(this.k.now());
  }

  #nonblock(fd: number): void {
    if (this.#nonblocking.has(fd)) return;
    this.k.setblocking(fd, false);
    this.#nonblocking.add(fd);
  }

  #hasWork(): boolean {
    return this.#liveTimers > 0 || this.#readers.size > 0 || this.#writers.size > 0;
  }

  /** Lets microtasks run until `quietTurns` turns pass with no call into the loop. */
  async #settle(): Promise<void> {
    let seen = this.#activity;
    for (let quiet = 0; quiet < this.#quietTurns;) {
      await undefined;
      if (this.#activity === seen) quiet++;
      else {
        seen = this.#activity;
        quiet = 0;
      }
    }
  }

  /** One turn: sleep in the kernel until a socket or the earliest timer, then wake waiters. */
  #turn(): void {
    let timeout = -1;
    this.#dropCancelled();
    const first = this.#heap[0];
    if (first) timeout = Math.max(0, first.at - this.#nowNs()) / 1e6;
    if (this.#readers.size > 0 || this.#writers.size > 0) {
      this.#sync();
      const events = this.k.epoll_wait(this.#ep, this.#maxEvents, timeout);
      for (const { fd, events: bits } of events) {
        if (bits & READ_BITS) this.#wake(this.#readers, fd);
        if (bits & WRITE_BITS) this.#wake(this.#writers, fd);
      }
    } else if (timeout > 0) {
      this.k.sleep(timeout);
    }
    const now = this.#nowNs();
    for (let t = this.#heap[0]; t && t.at <= now; t = this.#heap[0]) {
      this.#pop();
      const fire = t.fire;
      if (fire) {
        t.fire = null;
        this.#liveTimers--;
        fire();
      }
    }
  }

  #wake(map: Map<number, Set<IoWait>>, fd: number): void {
    const set = map.get(fd);
    if (!set) return;
    map.delete(fd);
    this.#dirty.add(fd);
    for (const w of set) w.resolve();
  }

  /** Brings epoll's interest list in line with who is waiting (only for changed fds). */
  #sync(): void {
    if (this.#ep < 0) this.#ep = this.k.epoll_create();
    for (const fd of this.#dirty) {
      const want = (this.#readers.has(fd) ? EPOLLIN : 0) | (this.#writers.has(fd) ? EPOLLOUT : 0);
      const have = this.#registered.get(fd) ?? 0;
      if (want === have) continue;
      if (want === 0) {
        this.k.epoll_ctl(this.#ep, EPOLL_CTL_DEL, fd);
        this.#registered.delete(fd);
      } else {
        this.k.epoll_ctl(this.#ep, have === 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, want);
        this.#registered.set(fd, want);
      }
    }
    this.#dirty.clear();
  }

  #ioWait(map: Map<number, Set<IoWait>>, fd: number, signal?: AbortSignal): Promise<void> {
    this.#activity++;
    return this.#wait(signal, (resolve) => {
      const w: IoWait = { resolve };
      let set = map.get(fd);
      if (!set) map.set(fd, (set = new Set()));
      set.add(w);
      this.#dirty.add(fd);
      return () => {
        const s = map.get(fd);
        if (!s?.delete(w)) return;
        if (s.size === 0) map.delete(fd);
        this.#dirty.add(fd);
      };
    });
  }

  /**
   * A promise that `start` arranges to resolve; `start` returns how to cancel the arrangement.
   * An abort cancels it and rejects with `signal.reason`; resolving removes the abort listener.
   */
  #wait(
    signal: AbortSignal | undefined,
    start: (resolve: () => void) => () => void,
  ): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        this.#activity++;
        reject(signal?.reason);
      };
      const cancel = start(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // a binary min-heap of timers ordered by (at, seq): the FIFO tie-break of chapter 5
  #less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(t: Timer): void {
    const h = this.#heap;
    h.push(t);
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.#less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  #dropCancelled(): void {
    while (this.#heap[0] && this.#heap[0].fire === null) this.#pop();
  }
}
