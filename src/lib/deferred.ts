/**
 * A reference `Deferred<T>` with Twisted's semantics (chapter 6, "Callbacks, Deferreds,
 * Promises", `/lessons/callbacks-deferreds-promises/`). Import it as `#lib/deferred`.
 *
 * Checked against Twisted's `src/twisted/internet/defer.py` (`Deferred.addCallbacks`,
 * `_startRunCallbacks`, `_runCallbacks`, `DebugInfo.__del__`) and `docs/core/howto/defer.rst`:
 *
 * - A Deferred holds a chain of (callback, errback) pairs. `callback(value)` or `errback(reason)`
 *   fires it, once: firing again throws `AlreadyCalledError`.
 * - The result flows down the chain. A `Failure` result goes to the next pair's errback,
 *   anything else to its callback. Whatever that function returns becomes the result; if it
 *   throws, the thrown error (wrapped in a `Failure`) becomes the result. So a callback that
 *   throws moves the chain onto the errback rail, and an errback that returns a plain value
 *   moves it back onto the callback rail; an errback that returns or throws a Failure stays on
 *   the errback rail. `callback(aFailure)` behaves like `errback(aFailure)`.
 * - `addCallbacks(cb, eb)` adds ONE pair: `eb` never sees an error thrown by `cb`.
 *   `addCallback(cb).addErrback(eb)` adds TWO pairs, (cb, pass-through) then
 *   (pass-through, eb): `eb` also sees `cb`'s failure.
 * - A callback that returns a Deferred pauses the chain until that Deferred has a result, which
 *   then becomes the result (the inner Deferred is left holding `undefined`, Twisted's `None`).
 *   If the inner Deferred has already fired, its result is taken at once.
 * - Callbacks added to a Deferred that has already fired run at once, synchronously, inside
 *   `addCallbacks`. Nothing here goes through an event loop: Deferreds are synchronous.
 *   Callbacks added while the chain is running are queued and run by the same loop.
 * - Unhandled errors: Twisted logs "Unhandled error in Deferred:" and the traceback from
 *   `DebugInfo.__del__`, i.e. when a Deferred whose chain ended in a Failure is garbage
 *   collected. JavaScript's `FinalizationRegistry` gives no guarantee when (or whether) its
 *   callback runs, so a deterministic program cannot rely on it. This module keeps the set of
 *   Deferreds whose chain currently ends in a Failure, and `reportUnhandled()` reports and
 *   forgets them: call it where the Deferreds would have been collected, for example after
 *   `reactor.run()` returns.
 *
 * Not modelled: cancellation (`cancel`, cancellers), timeouts, callback arguments
 * (`callbackArgs`: use a closure), `DeferredList`, debug tracebacks, coroutine integration.
 * A callback that returns the Deferred it is attached to becomes a `TypeError` failure here;
 * Twisted warns and calls the behaviour undefined.
 */

/** An error that has happened, wrapped so it can travel down a chain (Twisted's `Failure`). */
export class Failure {
  /** What was thrown or passed to `errback` (usually an `Error`). */
  readonly value: unknown;

  constructor(value: unknown) {
    this.value = value instanceof Failure ? value.value : value;
  }

  /** The name of the error's class (`'TypeError'`), or `typeof` for a non-object. */
  get type(): string {
    const v = this.value;
    if (v instanceof Error) return v.name;
    if (typeof v === 'object' && v !== null) return v.constructor.name;
    return typeof v;
  }

  /** The error's message, or the value as a string. */
  getErrorMessage(): string {
    return this.value instanceof Error ? this.value.message : String(this.value);
  }

  /** The first of `types` that the error is an instance of, or `undefined`. */
  check<C extends abstract new (...args: never[]) => unknown>(...types: C[]): C | undefined {
    return types.find((t) => this.value instanceof t);
  }

  /**
   * Returns the matching type, or rethrows this failure so it passes on to the next errback
   * (`failure.trap(SpamError, EggError)` as the first line of an errback).
   */
  trap<C extends abstract new (...args: never[]) => unknown>(...types: C[]): C {
    const t = this.check(...types);
    if (t === undefined) throw this;
    return t;
  }

  toString(): string {
    return `[Failure ${this.type}: ${this.getErrorMessage()}]`;
  }
}

/** Thrown by `callback`/`errback` on a Deferred that has already been fired. */
export class AlreadyCalledError extends Error {
  constructor(message = 'this Deferred has already been fired') {
    super(message);
    this.name = 'AlreadyCalledError';
  }
}

/** What a callback may return: a value, a Deferred of one, or a Failure. */
export type Result<U> = U | Deferred<U> | Failure;

type Fn = (result: unknown) => unknown;

const passthru: Fn = (r) => r;

/** Deferreds whose chain currently ends in a Failure that nobody has handled. */
const failing = new Set<Deferred<unknown>>();

/** A result that will arrive later, and the chain of callbacks waiting for it. */
export class Deferred<T = unknown> {
  #called = false;
  #result: unknown = undefined;
  #chain: [Fn, Fn][] = [];
  #paused = 0;
  #running = false;

  /** True once `callback` or `errback` has been called. */
  get called(): boolean {
    return this.#called;
  }

  /** True while the chain waits on a Deferred a callback returned, or after `pause()`. */
  get paused(): boolean {
    return this.#paused > 0;
  }

  /** Fires the chain with a value (a `Failure` fires it as an error). Once only. */
  callback(result: T | Failure): void {
    this.#start(result);
  }

  /** Fires the chain with an error. A value that is not a `Failure` is wrapped in one. */
  errback(reason: unknown): void {
    this.#start(reason instanceof Failure ? reason : new Failure(reason));
  }

  /**
   * Adds one (callback, errback) pair. The errback sees failures from above this pair only,
   * never one thrown by `cb`. Without `eb`, failures pass through. Returns this Deferred.
   */
  addCallbacks<U = T, V = U>(
    cb: (value: T) => Result<U>,
    eb?: (failure: Failure) => Result<V>,
  ): Deferred<U | V> {
    this.#chain.push([cb as Fn, (eb ?? passthru) as Fn]);
    if (this.#called) this.#run();
    return this as unknown as Deferred<U | V>;
  }

  /** Adds (cb, pass-through): `cb` runs on success; failures skip it. */
  addCallback<U>(cb: (value: T) => Result<U>): Deferred<U> {
    return this.addCallbacks<U, U>(cb);
  }

  /** Adds (pass-through, eb): `eb` runs on a failure from anywhere above it. */
  addErrback<U = T>(eb: (failure: Failure) => Result<U>): Deferred<T | U> {
    return this.addCallbacks<T, U>((v) => v, eb);
  }

  /** Adds `fn` as both callback and errback (a `finally`). */
  addBoth<U>(fn: (result: T | Failure) => Result<U>): Deferred<U> {
    return this.addCallbacks<U, U>(fn, fn);
  }

  /** `this.addCallbacks(d.callback, d.errback)`: when this fires, `d` fires too. */
  chainDeferred(d: Deferred<T>): Deferred<undefined> {
    return this.addCallbacks<undefined, undefined>(
      (v) => {
        d.callback(v);
        return undefined;
      },
      (f) => {
        d.errback(f);
        return undefined;
      },
    );
  }

  /** Stops running callbacks until `unpause()`. */
  pause(): void {
    this.#paused++;
  }

  /** Undoes one `pause()`; runs what is waiting if the result is there. */
  unpause(): void {
    this.#paused--;
    if (this.#paused === 0 && this.#called) this.#run();
  }

  toString(): string {
    if (!this.#called) return '<Deferred pending>';
    if (this.#paused > 0) return '<Deferred waiting>';
    const r = this.#result;
    return r instanceof Failure
      ? `<Deferred failed: ${r.toString()}>`
      : `<Deferred current result: ${String(r)}>`;
  }

  #start(result: unknown): void {
    if (this.#called) throw new AlreadyCalledError();
    this.#called = true;
    this.#result = result;
    this.#run();
  }

  #run(): void {
    if (this.#running || this.#paused > 0) return;
    while (this.#chain.length > 0) {
      const [cb, eb] = this.#chain.shift()!;
      const fn = this.#result instanceof Failure ? eb : cb;
      this.#running = true;
      try {
        this.#result = fn(this.#result);
      } catch (e) {
        this.#result = e instanceof Failure ? e : new Failure(e);
      } finally {
        this.#running = false;
      }
      const r = this.#result;
      if (r === this) {
        this.#result = new Failure(
          new TypeError('a callback returned the Deferred it is attached to'),
        );
      } else if (r instanceof Deferred) {
        const inner = r as Deferred<unknown>;
        if (inner.#called && inner.#paused === 0 && !inner.#running) {
          // It already has a result: take it and carry on.
          this.#result = inner.#result;
          inner.#result = undefined;
          failing.delete(inner);
        } else {
          // Wait for it. Its result becomes ours; it is left with undefined.
          this.#paused++;
          inner.#chain.push([(v) => this.#resume(v), (f) => this.#resume(f)]);
          // A pending chain is not "failing"; keep the set honest.
          failing.delete(this as Deferred<unknown>);
          return;
        }
      }
    }
    if (this.#result instanceof Failure) failing.add(this as Deferred<unknown>);
    else failing.delete(this as Deferred<unknown>);
  }

  #resume(result: unknown): undefined {
    this.#result = result;
    this.#paused--;
    this.#run();
    return undefined;
  }

  /** @internal the current result, for `reportUnhandled`. */
  static failureOf(d: Deferred<unknown>): Failure | undefined {
    const r = d.#result;
    return r instanceof Failure ? r : undefined;
  }
}

/** A Deferred that has already fired with `value`. */
export function succeed<T>(value: T): Deferred<T> {
  const d = new Deferred<T>();
  d.callback(value);
  return d;
}

/** A Deferred that has already failed with `reason` (wrapped in a `Failure`). */
export function fail<T = never>(reason: unknown): Deferred<T> {
  const d = new Deferred<T>();
  d.errback(reason);
  return d;
}

/**
 * Calls `fn()` and always gives back a Deferred: its returned Deferred, `succeed(value)`, or
 * `fail(error)` if it threw. Lets a library accept both synchronous and asynchronous functions.
 */
export function maybeDeferred<T>(fn: () => T | Deferred<T>): Deferred<T> {
  let r: T | Deferred<T>;
  try {
    r = fn();
  } catch (e) {
    return fail<T>(e);
  }
  return r instanceof Deferred ? r : succeed(r as T);
}

/**
 * Reports every Deferred whose chain ends in an unhandled Failure, as Twisted does when such a
 * Deferred is garbage collected, and forgets them. Call it where those Deferreds would die,
 * e.g. after `reactor.run()`. `log` defaults to `console.log`; returns the failures reported.
 */
export function reportUnhandled(
  log: (line: string) => void = (line) => console.log(line),
): Failure[] {
  const out: Failure[] = [];
  for (const d of failing) {
    const f = Deferred.failureOf(d);
    if (f === undefined) continue;
    out.push(f);
    log(`Unhandled error in Deferred: ${f.toString()}`);
  }
  failing.clear();
  return out;
}
