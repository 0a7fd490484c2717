import type { Reactor } from '#lib/reactor';

/** The error a cancelled future holds and a cancelled task's generator sees. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** A generator that yields futures and returns a `T`. */
export type Coroutine<T> = Generator<Future<unknown>, T, unknown>;

/** A result that is not there yet (given: you do not need to change it). */
export class Future<T> {
  #state: 'pending' | 'done' | 'failed' | 'cancelled' = 'pending';
  #value: T | undefined;
  #error: unknown;
  #callbacks: ((f: Future<T>) => void)[] = [];

  done(): boolean {
    return this.#state !== 'pending';
  }
  cancelled(): boolean {
    return this.#state === 'cancelled';
  }
  /** True if the future holds an error (failed or cancelled). */
  failed(): boolean {
    return this.#state === 'failed' || this.#state === 'cancelled';
  }
  /** The result, or throws the error. Throws if still pending. */
  result(): T {
    if (this.#state === 'done') return this.#value as T;
    if (this.#state === 'pending')
      throw new Error('the future is still pending');
    throw this.#error;
  }
  /** The error of a failed or cancelled future. */
  error(): unknown {
    return this.#error;
  }
  setResult(value: T): void {
    this.#settle('done', value, undefined);
  }
  setException(error: unknown): void {
    this.#settle('failed', undefined, error);
  }
  /** Cancels a pending future; false if it is already done. */
  cancel(message?: string): boolean {
    if (this.done()) return false;
    this.#settle('cancelled', undefined, new CancelledError(message));
    return true;
  }
  /** Calls `fn(this)` when the future completes (at once if it has). */
  addDoneCallback(fn: (f: Future<T>) => void): void {
    if (this.done()) fn(this);
    else this.#callbacks.push(fn);
  }
  /** `yield* future`: hand the future to the Task, get back what it sends. */
  *[Symbol.iterator](): Generator<Future<unknown>, T, unknown> {
    return (yield this as Future<unknown>) as T;
  }
  #settle(
    state: 'done' | 'failed' | 'cancelled',
    value: T | undefined,
    error: unknown,
  ): void {
    if (this.done()) throw new Error('a future can complete only once');
    this.#state = state;
    this.#value = value;
    this.#error = error;
    const callbacks = this.#callbacks;
    this.#callbacks = [];
    for (const fn of callbacks) fn(this);
  }
}

/** A future that completes with `value` after `ms` of virtual time (given). */
export function delay<T>(
  loop: Reactor,
  ms: number,
  value: T,
): Future<T> {
  const f = new Future<T>();
  const call = loop.callLater(ms, () => f.setResult(value));
  f.addDoneCallback(() => call.cancel()); // cancelling frees the timer
  return f;
}

/** A future that fails with `new Error(message)` after `ms` (given). */
export function failAfter(
  loop: Reactor,
  ms: number,
  message: string,
): Future<never> {
  const f = new Future<never>();
  const call = loop.callLater(ms, () =>
    f.setException(new Error(message)),
  );
  f.addDoneCallback(() => call.cancel());
  return f;
}

/**
 * Drives `coro` on `loop` and holds its outcome: a Task is a Future of the
 * generator's return value.
 */
export class Task<T> extends Future<T> {
  readonly #loop: Reactor;
  readonly #coro: Coroutine<T>;
  #waitingOn: Future<unknown> | undefined;
  #mustCancel = false;

  constructor(loop: Reactor, coro: Coroutine<T>) {
    super();
    this.#loop = loop;
    this.#coro = coro;
    loop.callSoon(() => this.#step(undefined));
  }

  /** Stops the task at its yield; finally blocks run. */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    this.#mustCancel = true;
    const w = this.#waitingOn;
    // Cancelling what we wait on frees its timer or socket and wakes us.
    if (w !== undefined && !w.done()) w.cancel(message);
    return true;
  }

  #step(from: Future<unknown> | undefined): void {
    if (this.done()) return;
    this.#waitingOn = undefined;
    let r: IteratorResult<Future<unknown>, T>;
    try {
      if (this.#mustCancel) {
        this.#mustCancel = false;
        r = this.#coro.throw(
          from?.cancelled() ? from.error() : new CancelledError(),
        );
      } else if (from === undefined) {
        r = this.#coro.next();
      } else if (from.failed()) {
        r = this.#coro.throw(from.error()); // raised at the yield
      } else {
        r = this.#coro.next(from.result()); // the value of the yield
      }
    } catch (e) {
      // The generator did not catch it: the task ends with it.
      if (e instanceof CancelledError) super.cancel(e.message);
      else this.setException(e);
      return;
    }
    if (r.done) {
      this.setResult(r.value);
      return;
    }
    const next = r.value;
    this.#waitingOn = next;
    next.addDoneCallback((f) =>
      this.#loop.callSoon(() => this.#step(f)),
    );
  }
}
