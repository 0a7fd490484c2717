/**
 * Generator coroutines on the reactor: a `Future` and a `Task`, after the design of "A Web
 * Crawler With asyncio Coroutines" (A. Jesse Jiryu Davis and Guido van Rossum, *500 Lines or
 * Less*) and asyncio's own `Future`/`Task`. Chapter 7 ("Generators as coroutines",
 * `/lessons/generators-as-coroutines/`) builds it step by step; later chapters import it as
 *
 * ```ts
 * import { Kernel } from '#kit';
 * import { Reactor } from '#lib/reactor';
 * import { Task, fetch, sleep } from '#lib/coroutine';
 *
 * const k = new Kernel();
 * const loop = new Reactor(k);
 * k.service('svc', { latency: 100 });
 * const task = new Task(loop, (function* () {
 *   yield* sleep(loop, 50); // a Future is iterable: `yield*` it and get its result
 *   return yield* fetch(loop, 'svc:80', 'GET /');
 * })());
 * loop.run();
 * console.log(task.result()); // 'svc: GET /' at 150 ms
 * ```
 *
 * The protocol:
 *
 * - A coroutine is a generator that yields `Future`s. `yield* future` suspends until the future
 *   is done and evaluates to its result, or throws its error at that point (the Future's
 *   iterator yields the future itself once, then returns what the Task sends back: Python's
 *   `yield from future`). A plain `yield future` works too but is untyped.
 * - `yield* otherCoroutine()` delegates: the engine forwards every value sent and every error
 *   thrown to the innermost generator, so the Task needs no code for nesting.
 * - `new Task(loop, coroutine)` schedules its first step with `loop.callSoon` (it does not run
 *   the generator synchronously, like asyncio and unlike a JavaScript `async` function). Each
 *   step resumes the generator with `next(result)` or `throw(error)`; when the awaited future
 *   completes, the next step is scheduled with `callSoon`. A Task is itself a Future that holds
 *   the generator's return value or error, so tasks can wait for each other.
 * - `task.cancel()` cancels the future the task waits on (so its I/O helper removes its
 *   reader/writer) and throws a `CancelledError` into the generator at its `yield`: `finally`
 *   blocks run, and the generator may catch it. If the error leaves the generator, the task ends
 *   cancelled.
 *
 * The I/O helpers (`connect`, `recv`, `sendAll`, `fetch`, `sleep`) use the kit's non-blocking
 * sockets and the reactor's `addReader`/`addWriter`/`callLater`, and clean up after
 * cancellation. Pure TypeScript over `#kit`: runs in the browser worker, WebContainer and Node.
 */
import { ERRNO, KernelError, wouldBlock, type ErrorCode, type Kernel } from '#kit';
import type { Reactor } from './reactor.ts';

/** The error a cancelled future holds, and the one thrown into a cancelled task's generator. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** A generator that yields futures and returns a `T`. */
export type Coroutine<T> = Generator<Future<unknown>, T, unknown>;

type State = 'pending' | 'done' | 'failed' | 'cancelled';

/** A value that is not there yet: pending, then done with a result, failed, or cancelled. */
export class Future<T> {
  #state: State = 'pending';
  #value: T | undefined;
  #error: unknown;
  #callbacks: ((f: Future<T>) => void)[] = [];

  /** True once the future has a result, an error or was cancelled. */
  done(): boolean {
    return this.#state !== 'pending';
  }

  /** True if the future was cancelled. */
  cancelled(): boolean {
    return this.#state === 'cancelled';
  }

  /** The result; throws the error if the future failed or was cancelled, or if it is pending. */
  result(): T {
    if (this.#state === 'done') return this.#value as T;
    if (this.#state === 'pending') throw new Error('Future.result(): the future is still pending');
    throw this.#error;
  }

  /** The error of a failed or cancelled future, `undefined` if it succeeded. */
  exception(): unknown {
    if (this.#state === 'pending') throw new Error('Future.exception(): still pending');
    return this.#error;
  }

  /** Completes the future with `value` and runs its callbacks. */
  setResult(value: T): void {
    this.#settle('done', value, undefined);
  }

  /** Completes the future with `error` and runs its callbacks. */
  setException(error: unknown): void {
    this.#settle('failed', undefined, error);
  }

  /** Cancels a pending future (returns false if it is already done). */
  cancel(message?: string): boolean {
    if (this.done()) return false;
    this.#settle('cancelled', undefined, new CancelledError(message));
    return true;
  }

  /** Calls `fn(this)` when the future completes (at once if it already has). */
  addDoneCallback(fn: (f: Future<T>) => void): void {
    if (this.done()) fn(this);
    else this.#callbacks.push(fn);
  }

  /** Forgets a callback added with `addDoneCallback`. */
  removeDoneCallback(fn: (f: Future<T>) => void): void {
    this.#callbacks = this.#callbacks.filter((c) => c !== fn);
  }

  /** `yield* future`: hand the future to the Task once, get back what the Task sends. */
  *[Symbol.iterator](): Generator<Future<unknown>, T, unknown> {
    const value = yield this as Future<unknown>;
    return value as T;
  }

  #settle(state: State, value: T | undefined, error: unknown): void {
    if (this.done()) throw new Error(`Future already ${this.#state}: cannot complete it twice`);
    this.#state = state;
    this.#value = value;
    this.#error = error;
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) fn(this);
  }
}

/** A done future's outcome, without throwing. */
function settled<T>(f: Future<T>): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: f.result() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Drives a coroutine on a reactor; is itself a Future of the coroutine's return value. */
export class Task<T> extends Future<T> {
  readonly #loop: Reactor;
  readonly #coro: Coroutine<T>;
  #waiting: Future<unknown> | undefined;
  #mustCancel = false;
  readonly #wakeUp = (f: Future<unknown>): void => {
    this.#loop.callSoon(() => this.#step(f));
  };

  constructor(loop: Reactor, coro: Coroutine<T>) {
    super();
    this.#loop = loop;
    this.#coro = coro;
    loop.callSoon(() => this.#step(undefined));
  }

  /**
   * Asks the task to stop: cancels the future it waits on, and throws a `CancelledError` into
   * the generator at its next step. Returns false if the task has already finished.
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    this.#mustCancel = true;
    const w = this.#waiting;
    if (w && !w.done()) w.cancel(message); // wakes us with the CancelledError
    return true;
  }

  /** One step: resume the generator with the outcome of `from`, then wait on what it yields. */
  #step(from: Future<unknown> | undefined): void {
    if (this.done()) return;
    this.#waiting = undefined;
    let r: IteratorResult<Future<unknown>, T>;
    try {
      if (this.#mustCancel) {
        this.#mustCancel = false;
        const e = from?.cancelled() ? from.exception() : new CancelledError();
        r = this.#coro.throw(e);
      } else if (from === undefined) r = this.#coro.next();
      else {
        const outcome = settled(from);
        r = outcome.ok ? this.#coro.next(outcome.value) : this.#coro.throw(outcome.error);
      }
    } catch (e) {
      if (e instanceof CancelledError) super.cancel(e.message);
      else this.setException(e);
      return;
    }
    if (r.done) {
      this.setResult(r.value);
      return;
    }
    const next = r.value;
    if (!(next instanceof Future)) {
      const bad = new TypeError(`a coroutine yielded ${String(next)}, not a Future`);
      this.#loop.callSoon(() => this.#throwIn(bad));
      return;
    }
    this.#waiting = next;
    next.addDoneCallback(this.#wakeUp);
  }

  #throwIn(error: unknown): void {
    const f = new Future<unknown>();
    f.setException(error);
    this.#step(f);
  }
}

/** Runs `coro` as a Task on `loop`. */
export function spawn<T>(loop: Reactor, coro: Coroutine<T>): Task<T> {
  return new Task(loop, coro);
}

/** A future that completes with `undefined` after `ms` of virtual time. */
export function sleep(loop: Reactor, ms: number): Future<void> {
  const f = new Future<void>();
  const call = loop.callLater(ms, () => f.setResult(undefined));
  f.addDoneCallback(() => call.cancel()); // a cancelled sleep frees its timer
  return f;
}

/** A future that completes when every one of `futures` has, with their results in order. */
export function gather<T>(futures: readonly Future<T>[]): Future<T[]> {
  const all = new Future<T[]>();
  let left = futures.length;
  if (left === 0) all.setResult([]);
  for (const f of futures) {
    f.addDoneCallback(() => {
      if (all.done()) return;
      const outcome = settled(f);
      if (!outcome.ok) all.setException(outcome.error);
      else if (--left === 0) all.setResult(futures.map((x) => x.result()));
    });
  }
  return all;
}

/** A future that completes once `fd` is readable (its reader is removed when it completes). */
export function readable(loop: Reactor, fd: number): Future<void> {
  const f = new Future<void>();
  loop.addReader(fd, () => f.setResult(undefined));
  f.addDoneCallback(() => loop.removeReader(fd));
  return f;
}

/** A future that completes once `fd` is writable (its writer is removed when it completes). */
export function writable(loop: Reactor, fd: number): Future<void> {
  const f = new Future<void>();
  loop.addWriter(fd, () => f.setResult(undefined));
  f.addDoneCallback(() => loop.removeWriter(fd));
  return f;
}

/** Opens a non-blocking socket and connects it to `addr`; returns the descriptor. */
export function* connect(loop: Reactor, addr: number | string): Coroutine<number> {
  const k: Kernel = loop.kernel;
  const fd = k.socket();
  k.setblocking(fd, false);
  try {
    try {
      k.connect(fd, addr);
    } catch (e) {
      if (!(e instanceof KernelError && e.code === 'EINPROGRESS')) throw e;
      yield* writable(loop, fd); // the handshake is over, one way or the other
      const err = k.getsockopt(fd, 'SO_ERROR');
      if (err !== 0) {
        const code = (Object.keys(ERRNO) as ErrorCode[]).find((c) => ERRNO[c] === err) ?? 'EINVAL';
        throw new KernelError(code, 'connect', fd, `could not connect to ${addr}`);
      }
    }
  } catch (e) {
    k.close(fd);
    throw e;
  }
  return fd;
}

/** Reads up to `n` bytes from non-blocking `fd`, waiting until some arrive; `''` is EOF. */
export function* recv(loop: Reactor, fd: number, n: number): Coroutine<string> {
  const k = loop.kernel;
  for (;;) {
    try {
      return k.recv(fd, n);
    } catch (e) {
      if (!wouldBlock(e)) throw e;
    }
    yield* readable(loop, fd);
  }
}

/** Sends all of `data` on non-blocking `fd`, waiting for room when the buffer is full. */
export function* sendAll(loop: Reactor, fd: number, data: string): Coroutine<void> {
  const k = loop.kernel;
  while (data.length > 0) {
    try {
      data = data.slice(k.send(fd, data));
      continue;
    } catch (e) {
      if (!wouldBlock(e)) throw e;
    }
    yield* writable(loop, fd);
  }
}

/** Connects, sends `request`, reads until EOF and closes: the kit's `fetch` as a coroutine. */
export function* fetch(loop: Reactor, addr: number | string, request: string): Coroutine<string> {
  const fd = yield* connect(loop, addr);
  try {
    yield* sendAll(loop, fd, request);
    let reply = '';
    for (let chunk = yield* recv(loop, fd, 65536); chunk !== '';) {
      reply += chunk;
      chunk = yield* recv(loop, fd, 65536);
    }
    return reply;
  } finally {
    loop.kernel.close(fd);
  }
}
