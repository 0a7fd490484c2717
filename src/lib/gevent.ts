/**
 * gevent for the course: a hub greenlet running an event loop on the kit's `epoll`, greenlets
 * that switch to it whenever they would block, and monkey patching that turns the kit's blocking
 * calls into such switches. Chapter 9 ("Green threads", `/lessons/green-threads/`) builds it.
 *
 * ```ts
 * import { Kernel } from '#kit';
 * import * as gevent from '#lib/gevent';
 *
 * const k = new Kernel();
 * gevent.patchAll(k); // first! k.fetch, k.recv, k.sleep... now switch to the hub
 * const addrs = [300, 200, 500].map((latency, i) => k.service(`svc${i}`, { latency }));
 * const jobs = addrs.map((a) => gevent.spawn(() => k.fetch(a, 'GET /')));
 * gevent.joinall(jobs);
 * console.log(Math.round(k.now())); // 500: the three requests overlapped
 * ```
 *
 * The run sequence is gevent's: the program starts in the main greenlet; the first gevent call
 * that needs the hub creates it (`getHub()`), a greenlet whose parent is the greenlet that created
 * it; a call that would block switches to the hub, which runs its loop until the caller can go
 * on and then switches back. Spawned greenlets have the hub as parent, so when one finishes,
 * control returns to the hub's loop.
 *
 * API (gevent's names, camel-cased):
 *
 * - `init(k)`: use kernel `k` (a fresh hub; the old hub, if any, is abandoned). `patchAll(k)`
 *   does it too. `getHub()` returns the hub, creating it on first use.
 * - `spawn(fn, ...args)`: a `GeventGreenlet` that starts on the hub's next turn. Its `value`,
 *   `exception`, `dead`, `ready()`, `successful()` and `get()` (value, or the error rethrown)
 *   say how it ended. An error inside it does not escape: it is kept in `exception` (gevent also
 *   prints it).
 * - `join(g)`, `joinall(gs)` (returns `gs`), `wait(gs)`: block the caller until they finish.
 * - `sleep(0)`: let every other ready greenlet run first. `sleep(ms)`: a timer on the virtual clock.
 * - `patchAll(k)`: replaces, on the kernel object `k`, `accept`, `connect`, `recv`, `send`,
 *   `sendall`, `fetch` and `sleep` with cooperative versions, and `close`/`setblocking` with
 *   versions that keep the hub's bookkeeping. A cooperative call puts the socket in non-blocking
 *   mode, tries the real call, and on `EAGAIN`/`EINPROGRESS` registers the socket with the hub's
 *   epoll (one-shot) and switches to the hub; the hub switches back when epoll reports it ready.
 *   A socket the program itself made non-blocking keeps raising `EAGAIN`, as in gevent.
 *   `getOriginal(k, name)` returns an unpatched call; `isPatched(k)`.
 *   Not patched: `k.cpu(ms)` (CPU work holds every greenlet up, as in gevent) and anything
 *   captured before `patchAll` (`const recv = k.recv.bind(k)` keeps the blocking call).
 * - `GreenPool(size = 1000)`: eventlet's pool; `spawn`, `waitall`, and `imap(fn, items)`, an
 *   iterable of results in input order whose `next()` blocks the caller. (A `for...of` loop calls
 *   `next()` from the engine, so iterate it in the main greenlet, or call `results()` inside one.)
 * - `LoopExit`: thrown in the hub's parent when the hub has nothing left to wait for while that
 *   parent waits (gevent's "This operation would block forever").
 *
 * Hand-written in generator style with `resumable` (see `./greenlet.ts`): library files are not
 * transformed. Pure TypeScript over `#kit`.
 */
import {
  EPOLLIN,
  EPOLLOUT,
  EPOLLONESHOT,
  EPOLL_CTL_ADD,
  EPOLL_CTL_MOD,
  ERRNO,
  KernelError,
  wouldBlock,
  type Address,
  type ErrorCode,
  type Kernel,
} from '#kit';
import {
  Greenlet,
  getcurrent,
  resumable,
  setTraceName,
  switchTo,
  throwTo,
  callResumable,
} from './greenlet.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;
type G<R> = Generator<unknown, R, unknown>;

/** The hub had nothing left to wait for (gevent.exceptions.LoopExit). */
export class LoopExit extends Error {
  constructor(message = 'This operation would block forever') {
    super(message);
    this.name = 'LoopExit';
  }
}

interface Wakeup {
  g: Greenlet;
  value?: unknown;
  error?: unknown;
}
interface Timer {
  at: number;
  seq: number;
  wake: Wakeup;
}

/** The unpatched kernel calls the hub and the cooperative versions use. */
interface Originals {
  accept: Kernel['accept'];
  connect: Kernel['connect'];
  recv: Kernel['recv'];
  send: Kernel['send'];
  sendall: Kernel['sendall'];
  fetch: Kernel['fetch'];
  sleep: Kernel['sleep'];
  close: Kernel['close'];
  setblocking: Kernel['setblocking'];
  socket: Kernel['socket'];
  getsockopt: Kernel['getsockopt'];
}
type PatchedName =
  'accept' | 'connect' | 'recv' | 'send' | 'sendall' | 'fetch' | 'sleep' | 'close' | 'setblocking';

function originalsOf(k: Kernel): Originals {
  return {
    accept: k.accept.bind(k),
    connect: k.connect.bind(k),
    recv: k.recv.bind(k),
    send: k.send.bind(k),
    sendall: k.sendall.bind(k),
    fetch: k.fetch.bind(k),
    sleep: k.sleep.bind(k),
    close: k.close.bind(k),
    setblocking: k.setblocking.bind(k),
    socket: k.socket.bind(k),
    getsockopt: k.getsockopt.bind(k),
  };
}

const originals = new WeakMap<Kernel, Originals>();
const patched = new WeakSet<Kernel>();

/** The event loop, running in a greenlet of its own. */
export class Hub {
  /** The kernel whose epoll the loop waits on. */
  readonly kernel: Kernel;
  /** The hub's own greenlet. Its parent is the greenlet that created the hub (usually main). */
  readonly greenlet: Greenlet;
  readonly #orig: Originals;
  #ep = -1;
  #ready: Wakeup[] = [];
  #timers: Timer[] = [];
  #seq = 0;
  /** fd → the greenlet waiting on it. */
  #waiters = new Map<number, Greenlet>();
  /** fds added to the epoll set (one-shot entries stay in the set, disarmed). */
  #registered = new Set<number>();
  /** fds the hub has put in non-blocking mode; fds the program itself wants non-blocking. */
  readonly nonBlocking = new Set<number>();
  readonly userNonBlocking = new Set<number>();
  /** Loop turns and switches into greenlets, for lessons that count them. */
  turns = 0;
  switches = 0;

  constructor(k: Kernel) {
    this.kernel = k;
    this.#orig = originals.get(k) ?? originalsOf(k);
    this.greenlet = new Greenlet(resumable((): G<never> => this.#loop(), 'hubRun'));
    setTraceName(this.greenlet, 'hub'); // its lane in the workbench's timeline
  }

  /** Schedules a switch into `g` (with a value, or an error to throw) on the hub's next turn. */
  schedule(g: Greenlet, value?: unknown, error?: unknown): void {
    this.#ready.push(error === undefined ? { g, value } : { g, value, error });
  }

  /** Schedules a switch into `g` after `ms` of virtual time. */
  scheduleAt(ms: number, g: Greenlet, value?: unknown): void {
    const t: Timer = {
      at: this.kernel.now() + Math.max(0, ms),
      seq: this.#seq++,
      wake: { g, value },
    };
    // Sorted insert: a short list in lessons; (time, sequence) keeps equal times FIFO.
    let i = this.#timers.length;
    while (i > 0 && this.#timers[i - 1]!.at > t.at) i--;
    this.#timers.splice(i, 0, t);
  }

  /** Inside a greenlet: wait until `fd` is ready for `events`, switching to the hub meanwhile. */
  *waitFd(fd: number, events: number): G<number> {
    const cur = getcurrent();
    if (cur === this.greenlet) throw new Error('the hub cannot block: it would wait for itself');
    const other = this.#waiters.get(fd);
    if (other !== undefined && other !== cur)
      throw new Error(`fd ${fd} is already waited on by another greenlet`);
    this.#waiters.set(fd, cur);
    const k = this.kernel;
    if (this.#ep < 0) this.#ep = k.epoll_create();
    const spec = { events: events | EPOLLONESHOT, data: fd };
    if (this.#registered.has(fd)) {
      try {
        k.epoll_ctl(this.#ep, EPOLL_CTL_MOD, fd, spec);
      } catch (e) {
        // The fd was closed behind the hub's back and its number reused: register it afresh.
        if (!(e instanceof KernelError) || e.code !== 'ENOENT') throw e;
        k.epoll_ctl(this.#ep, EPOLL_CTL_ADD, fd, spec);
      }
    } else {
      k.epoll_ctl(this.#ep, EPOLL_CTL_ADD, fd, spec);
      this.#registered.add(fd);
    }
    return (yield* switchTo(this.greenlet)) as number;
  }

  /** Forget `fd` (it is being closed). */
  forget(fd: number): void {
    this.#waiters.delete(fd);
    this.#registered.delete(fd);
    this.nonBlocking.delete(fd);
    this.userNonBlocking.delete(fd);
  }

  /** The unpatched kernel calls. */
  get originals(): Originals {
    return this.#orig;
  }

  *#loop(): G<never> {
    const k = this.kernel;
    for (;;) {
      this.turns++;
      // 1. Everything that became runnable before this turn, in order.
      const batch = this.#ready;
      this.#ready = [];
      for (const w of batch) {
        this.switches++;
        if (w.error !== undefined) yield* throwTo(w.g, w.error);
        else yield* switchTo(w.g, w.value);
      }
      // 2. How long may the loop sleep?
      let timeout: number;
      if (this.#ready.length > 0) timeout = 0;
      else if (this.#timers.length > 0) timeout = Math.max(0, this.#timers[0]!.at - k.now());
      else if (this.#waiters.size > 0) timeout = -1;
      else {
        // Nothing can ever wake anyone: tell the parent, as gevent's Hub.run does.
        yield* throwTo(this.greenlet.parent!, new LoopExit());
        continue;
      }
      // 3. Wait in the kernel (the real, blocking epoll_wait: the hub is the one place that may).
      if (this.#waiters.size > 0) {
        if (this.#ep < 0) this.#ep = k.epoll_create();
        for (const ev of k.epoll_wait(this.#ep, 64, timeout)) {
          const fd = ev.data as number;
          const g = this.#waiters.get(fd);
          if (g === undefined) continue;
          this.#waiters.delete(fd);
          this.#ready.push({ g, value: ev.events });
        }
      } else if (timeout > 0) {
        this.#orig.sleep(timeout);
      }
      // 4. Timers whose time has come.
      while (this.#timers.length > 0 && this.#timers[0]!.at <= k.now()) {
        this.#ready.push(this.#timers.shift()!.wake);
      }
    }
  }
}

let kernel: Kernel | undefined;
let hub: Hub | undefined;

/** Use kernel `k` from now on, with a fresh hub. */
export function init(k: Kernel): Hub {
  kernel = k;
  hub = new Hub(k);
  return hub;
}

/** The hub, created on first use (gevent's get_hub). */
export function getHub(): Hub {
  if (kernel === undefined)
    throw new Error('gevent: call init(k) or patchAll(k) with a Kernel first');
  if (hub === undefined || hub.greenlet.dead || hub.kernel !== kernel) hub = new Hub(kernel);
  return hub;
}

/**
 * A greenlet's name in traces: its function's name, with its first argument when that is a
 * number or a short string, as gevent's repr shows a greenlet's call: `worker('a', …)`. Three
 * greenlets of one function then get lanes a reader can match to what they print.
 */
function callName(fn: AnyFn, args: readonly unknown[]): string {
  const base = fn.name || 'greenlet';
  const a = args[0];
  const shown =
    typeof a === 'number'
      ? String(a)
      : typeof a === 'string' && a.length <= 16 && !a.includes("'")
        ? `'${a}'`
        : undefined;
  return shown === undefined ? base : `${base}(${shown}${args.length > 1 ? ', …' : ''})`;
}

/** A gevent greenlet: runs `fn(...args)` with the hub as parent and remembers how it ended. */
export class GeventGreenlet {
  readonly greenlet: Greenlet;
  value: unknown = undefined;
  exception: unknown = undefined;
  #done = false;
  #links: Greenlet[] = [];
  /** A name for traces. */
  readonly name: string;

  constructor(fn: AnyFn, args: readonly unknown[], name?: string) {
    const h = getHub();
    this.name = name ?? callName(fn, args);
    this.greenlet = new Greenlet(
      resumable((): G<void> => this.#run(fn, args, h), 'geventRun'),
      h.greenlet,
    );
    setTraceName(this.greenlet, this.name);
    h.schedule(this.greenlet);
  }
  *#run(fn: AnyFn, args: readonly unknown[], h: Hub): G<void> {
    try {
      this.value = yield* callResumable(fn, undefined, args);
    } catch (e) {
      this.exception = e;
    }
    this.#done = true;
    for (const g of this.#links) h.schedule(g);
    this.#links = [];
  }
  /** True once it has finished, with a value or an error. */
  get dead(): boolean {
    return this.#done;
  }
  ready(): boolean {
    return this.#done;
  }
  successful(): boolean {
    return this.#done && this.exception === undefined;
  }
  /** Its value, or its error rethrown. Blocks (switches to the hub) until it has finished. */
  readonly get: () => unknown = ((me: GeventGreenlet) =>
    resumable(function* get(): G<unknown> {
      return yield* getGen(me);
    }))(this);
  /** Internal: wake `g` when this greenlet finishes. */
  link(g: Greenlet): void {
    this.#links.push(g);
  }
}

function* getGen(g: GeventGreenlet): G<unknown> {
  yield* joinGen(g);
  if (g.exception !== undefined) throw g.exception;
  return g.value;
}

/** Starts `fn(...args)` in a new greenlet on the hub's next turn. */
export function spawn<A extends unknown[]>(
  fn: (...args: A) => unknown,
  ...args: A
): GeventGreenlet {
  return new GeventGreenlet(fn as AnyFn, args);
}

function* joinGen(g: GeventGreenlet): G<void> {
  if (g.dead) return;
  const h = getHub();
  g.link(getcurrent());
  while (!g.dead) yield* switchTo(h.greenlet);
}

/** Blocks the caller until `g` has finished. */
export const join = resumable(function* join(g: GeventGreenlet): G<void> {
  yield* joinGen(g);
});

/** Blocks the caller until every greenlet in `gs` has finished; returns `gs`. */
export const joinall = resumable(function* joinall(
  gs: readonly GeventGreenlet[],
): G<readonly GeventGreenlet[]> {
  for (const g of gs) yield* joinGen(g);
  return gs;
});

/** gevent.wait(greenlets): the same as joinall, without the result. */
export const wait = resumable(function* wait(gs: readonly GeventGreenlet[]): G<void> {
  for (const g of gs) yield* joinGen(g);
});

function* sleepGen(ms = 0): G<void> {
  const h = getHub();
  const cur = getcurrent();
  if (ms <= 0) h.schedule(cur);
  else h.scheduleAt(ms, cur);
  yield* switchTo(h.greenlet);
}

/** `sleep(0)`: let the other ready greenlets run. `sleep(ms)`: wait `ms` of virtual time. */
export const sleep = resumable(sleepGen, 'sleep');

// ---------------------------------------------------------------------------------------------
// Monkey patching.

const CODE_BY_ERRNO = new Map<number, ErrorCode>(
  (Object.entries(ERRNO) as [ErrorCode, number][]).map(([code, n]) => [n, code]),
);

function hubFor(k: Kernel): Hub {
  const h = getHub();
  if (h.kernel !== k) throw new Error('gevent: this kernel is not the one passed to init/patchAll');
  return h;
}

/** Puts `fd` in non-blocking mode once; true if the program asked for non-blocking itself. */
function prepare(h: Hub, fd: number): boolean {
  if (!h.nonBlocking.has(fd)) {
    h.originals.setblocking(fd, false);
    h.nonBlocking.add(fd);
  }
  return h.userNonBlocking.has(fd);
}

function cooperative(k: Kernel) {
  function* acceptG(fd: number): G<number> {
    const h = hubFor(k);
    const userNb = prepare(h, fd);
    for (;;) {
      try {
        return h.originals.accept(fd);
      } catch (e) {
        if (userNb || !wouldBlock(e)) throw e;
      }
      yield* h.waitFd(fd, EPOLLIN);
    }
  }
  function* recvG(fd: number, n: number): G<string> {
    const h = hubFor(k);
    const userNb = prepare(h, fd);
    for (;;) {
      try {
        return h.originals.recv(fd, n);
      } catch (e) {
        if (userNb || !wouldBlock(e)) throw e;
      }
      yield* h.waitFd(fd, EPOLLIN);
    }
  }
  function* sendG(fd: number, data: string): G<number> {
    const h = hubFor(k);
    if (prepare(h, fd)) return h.originals.send(fd, data);
    let rest = data;
    while (rest.length > 0) {
      try {
        rest = rest.slice(h.originals.send(fd, rest));
        continue;
      } catch (e) {
        if (!wouldBlock(e)) throw e;
      }
      yield* h.waitFd(fd, EPOLLOUT);
    }
    return data.length;
  }
  function* sendallG(fd: number, data: string): G<void> {
    const h = hubFor(k);
    if (prepare(h, fd)) {
      h.originals.sendall(fd, data);
      return;
    }
    yield* sendG(fd, data);
  }
  function* connectG(fd: number, addr: Address): G<void> {
    const h = hubFor(k);
    const userNb = prepare(h, fd);
    try {
      h.originals.connect(fd, addr);
      return;
    } catch (e) {
      if (userNb || !(e instanceof KernelError) || e.code !== 'EINPROGRESS') throw e;
    }
    yield* h.waitFd(fd, EPOLLOUT);
    const errno = h.originals.getsockopt(fd, 'SO_ERROR');
    if (errno !== 0) {
      const code = CODE_BY_ERRNO.get(errno) ?? 'ECONNREFUSED';
      throw new KernelError(code, 'connect', fd, `connecting to ${String(addr)} failed`);
    }
  }
  function* fetchG(addr: Address, request: string): G<string> {
    const h = hubFor(k);
    const fd = h.originals.socket();
    try {
      yield* connectG(fd, addr);
      yield* sendallG(fd, request);
      let reply = '';
      for (let data = yield* recvG(fd, 65536); data !== ''; data = yield* recvG(fd, 65536)) {
        reply += data;
      }
      return reply;
    } finally {
      h.forget(fd);
      h.originals.close(fd);
    }
  }
  return {
    accept: resumable(acceptG, 'accept'),
    connect: resumable(connectG, 'connect'),
    recv: resumable(recvG, 'recv'),
    send: resumable(sendG, 'send'),
    sendall: resumable(sendallG, 'sendall'),
    fetch: resumable(fetchG, 'fetch'),
    sleep: resumable(sleepGen, 'sleep'),
    close(fd: number): void {
      const h = hubFor(k);
      h.forget(fd);
      h.originals.close(fd);
    },
    setblocking(fd: number, flag: boolean): void {
      const h = hubFor(k);
      if (flag) h.userNonBlocking.delete(fd);
      else h.userNonBlocking.add(fd);
      prepare(h, fd);
    },
  } satisfies Pick<Kernel, PatchedName>;
}

/**
 * gevent.monkey.patch_all for the kit: the kernel's blocking calls on `k` switch to the hub
 * instead of blocking. Call it first, before any code takes a reference to those calls.
 */
export function patchAll(k: Kernel): void {
  if (patched.has(k)) return;
  originals.set(k, originalsOf(k));
  init(k);
  const calls = cooperative(k);
  for (const f of Object.values(calls)) keepResumableWhenBound(f);
  Object.assign(k, calls);
  patched.add(k);
}

/**
 * `k.recv.bind(k)` after patching must still be able to switch (a library that takes its own
 * reference after `patchAll` is fine, as in gevent). `Function.prototype.bind` would drop the
 * generator version, so the patched calls bind to a resumable function instead. They ignore
 * `this` (each one closes over its kernel).
 */
function keepResumableWhenBound(f: AnyFn): void {
  Object.defineProperty(f, 'bind', {
    configurable: true,
    value: (_this: unknown, ...pre: unknown[]) =>
      resumable(function* bound(...args: unknown[]): G<unknown> {
        return yield* callResumable(f, undefined, [...pre, ...args]);
      }, f.name),
  });
}

/** True once `patchAll(k)` ran. */
export function isPatched(k: Kernel): boolean {
  return patched.has(k);
}

/** The original (blocking) call `name` of `k` (gevent.monkey.get_original). */
export function getOriginal<N extends keyof Originals>(k: Kernel, name: N): Originals[N] {
  return (originals.get(k) ?? originalsOf(k))[name];
}

// ---------------------------------------------------------------------------------------------
// eventlet's GreenPool.

/** What `GreenPool.imap` returns: iterate it in main, or call `results()` anywhere. */
export interface GreenMap<R> extends Iterable<R> {
  /** Every result, in input order (blocks the caller until the last one is done). */
  results(): R[];
}

/** A pool of at most `size` greenlets running at once (eventlet.GreenPool). */
export class GreenPool {
  readonly size: number;
  readonly #running = new Set<GeventGreenlet>();
  readonly #waiting: Greenlet[] = [];
  /** Runs `fn(...args)` in a pool greenlet; blocks the caller while the pool is full. */
  readonly spawn: <A extends unknown[]>(fn: (...args: A) => unknown, ...args: A) => GeventGreenlet;
  /** Waits until every greenlet of the pool has finished. */
  readonly waitall: () => void;

  constructor(size = 1000) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('GreenPool size must be an integer ≥ 1');
    this.size = size;
    this.spawn = resumable(
      (fn: AnyFn, ...args: unknown[]): G<GeventGreenlet> => this.#spawnGen(fn, args),
      'spawn',
    ) as GreenPool['spawn'];
    this.waitall = resumable((): G<void> => this.#waitallGen(), 'waitall');
  }

  *#waitallGen(): G<void> {
    while (this.#running.size > 0) yield* joinGen([...this.#running][0]!);
  }

  /** Greenlets running now. */
  running(): number {
    return this.#running.size;
  }

  *#spawnGen(fn: AnyFn, args: readonly unknown[]): G<GeventGreenlet> {
    while (this.#running.size >= this.size) {
      this.#waiting.push(getcurrent());
      yield* switchTo(getHub().greenlet);
    }
    const running = this.#running;
    const waiting = this.#waiting;
    const g: GeventGreenlet = new GeventGreenlet(
      resumable(function* pooled(): G<unknown> {
        try {
          return yield* callResumable(fn, undefined, args);
        } finally {
          running.delete(g);
          const next = waiting.shift();
          if (next !== undefined) getHub().schedule(next);
        }
      }),
      [],
      fn.name,
    );
    running.add(g);
    return g;
  }

  /**
   * `fn` applied to each item, each call in its own pool greenlet; the results come back in the
   * order of `items`, each as soon as it and those before it are done. A separate greenlet does
   * the spawning, so a full pool blocks it and not the reader (as eventlet's GreenMap does).
   */
  imap<T, R>(fn: (item: T) => R, items: Iterable<T>): GreenMap<R> {
    const jobs: GeventGreenlet[] = [];
    const readers: Greenlet[] = [];
    let fed = false;
    const wakeReaders = () => {
      for (const r of readers.splice(0)) getHub().schedule(r);
    };
    const spawnOne = (item: T): G<GeventGreenlet> => this.#spawnGen(fn as AnyFn, [item]);
    spawn(
      resumable(function* feed(): G<void> {
        try {
          for (const item of items) {
            jobs.push(yield* spawnOne(item));
            wakeReaders();
          }
        } finally {
          fed = true;
          wakeReaders();
        }
      }),
    );
    const nextResult = resumable(function* next(i: number): G<IteratorResult<R, undefined>> {
      while (jobs.length <= i && !fed) {
        readers.push(getcurrent());
        yield* switchTo(getHub().greenlet);
      }
      if (i >= jobs.length) return { done: true, value: undefined };
      const g = jobs[i]!;
      yield* joinGen(g);
      if (g.exception !== undefined) throw g.exception;
      return { done: false, value: g.value as R };
    });
    const results = resumable(function* results(): G<R[]> {
      const out: R[] = [];
      for (let i = 0; ; i++) {
        const r = yield* callResumable(nextResult, undefined, [i]);
        const res = r as IteratorResult<R, undefined>;
        if (res.done === true) return out;
        out.push(res.value);
      }
    });
    return {
      [Symbol.iterator]() {
        let i = 0;
        return { next: () => nextResult(i++) as IteratorResult<R> };
      },
      results,
    };
  }
}
