import { greenlet, getcurrent, GreenletExit } from '#lib/greenlet';

/** A generator made of a greenlet: `emit` may be called from any depth of plain calls. */
export interface GreenGen<T, R> {
  /** Runs the producer until it emits (`done: false`) or returns (`done: true`). */
  next(): IteratorResult<T, R | undefined>;
  /** Stops the producer (its `finally` blocks run); returns what `throw()` returned. */
  close(): unknown;
}

export function greenGen<T, R>(
  body: (emit: (value: T) => void) => R,
): GreenGen<T, R> {
  const producer = greenlet(() => body(emit));
  function emit(value: T): void {
    // TODO: hand `value` to the greenlet that called next(), and wait there.
    void value;
  }
  void getcurrent;
  void GreenletExit;
  return {
    next() {
      // TODO: run the producer until it emits or returns. Mind where its
      // return value (and any error it throws) will go when it finishes.
      void producer;
      return { done: true, value: undefined };
    },
    close() {
      // TODO: stop a producer that is suspended in emit().
      return undefined;
    },
  };
}
