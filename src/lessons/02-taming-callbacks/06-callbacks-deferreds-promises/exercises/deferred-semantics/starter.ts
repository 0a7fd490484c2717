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

  get called(): boolean {
    return this.#called;
  }

  callback(result: T | Failure): void {
    this.#called = true;
    this.#result = result;
    this.#run();
  }

  errback(reason: unknown): void {
    this.callback(new Failure(reason));
  }

  addCallbacks<U = T, V = U>(
    cb: (value: T) => Result<U>,
    eb?: (failure: Failure) => Result<V>,
  ): Deferred<U | V> {
    this.#chain.push([cb as Fn, (eb ?? ((f) => f)) as Fn]);
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

  // TODO: this only knows the callback rail. Make it Twisted's chain: choose the errback when
  // the result is a Failure, turn a thrown error into a Failure, pause on a returned Deferred,
  // refuse a second firing, and run callbacks added after firing at once.
  #run(): void {
    while (this.#chain.length > 0) {
      const [cb] = this.#chain.shift()!;
      this.#result = cb(this.#result);
    }
  }
}
