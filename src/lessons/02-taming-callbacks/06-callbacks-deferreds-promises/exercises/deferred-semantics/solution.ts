/** An error wrapped so it can travel down a chain (Twisted's Failure). Given: no changes needed. */
export class Failure {
  readonly value: unknown;
  constructor(value: unknown) {
    this.value = value instanceof Failure ? value.value : value;
  }
  getErrorMessage(): string {
    return this.value instanceof Error
      ? this.value.message
      : String(this.value);
  }
}

/** Thrown when a Deferred is fired a second time. Given. */
export class AlreadyCalledError extends Error {
  constructor() {
    super('this Deferred has already been fired');
    this.name = 'AlreadyCalledError';
  }
}

/** What a callback or errback may return. */
export type Result<U> = U | Deferred<U> | Failure;
type Fn = (result: unknown) => unknown;

export class Deferred<T = unknown> {
  #called = false;
  #result: unknown = undefined;
  #chain: [Fn, Fn][] = [];
  #paused = 0; // > 0 while waiting for a Deferred a callback returned
  #running = false; // true while a callback runs: no re-entry

  get called(): boolean {
    return this.#called;
  }

  callback(result: T | Failure): void {
    if (this.#called) throw new AlreadyCalledError();
    this.#called = true;
    this.#result = result;
    this.#run();
  }

  errback(reason: unknown): void {
    this.callback(
      reason instanceof Failure ? reason : new Failure(reason),
    );
  }

  addCallbacks<U = T, V = U>(
    cb: (value: T) => Result<U>,
    eb?: (failure: Failure) => Result<V>,
  ): Deferred<U | V> {
    this.#chain.push([cb as Fn, (eb ?? ((f) => f)) as Fn]);
    if (this.#called) this.#run(); // already fired: run now, synchronously
    return this as unknown as Deferred<U | V>;
  }

  addCallback<U>(cb: (value: T) => Result<U>): Deferred<U> {
    return this.addCallbacks<U, U>(cb);
  }

  addErrback<U = T>(
    eb: (failure: Failure) => Result<U>,
  ): Deferred<T | U> {
    return this.addCallbacks<T, U>((v) => v, eb);
  }

  addBoth<U>(fn: (result: T | Failure) => Result<U>): Deferred<U> {
    return this.addCallbacks<U, U>(fn, fn);
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
      const inner = this.#result;
      if (inner instanceof Deferred && inner !== this) {
        if (inner.#called && inner.#paused === 0 && !inner.#running) {
          this.#result = inner.#result; // it has a result: take it
          inner.#result = undefined;
        } else {
          this.#paused++; // wait for it; its result becomes ours
          const resume = (r: unknown) => {
            this.#result = r;
            this.#paused--;
            this.#run();
            return undefined;
          };
          inner.#chain.push([resume, resume]);
          return;
        }
      }
    }
  }
}
