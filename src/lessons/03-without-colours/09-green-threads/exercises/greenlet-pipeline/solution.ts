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
    // The producer's parent is whoever called next(): hand the value there.
    producer.parent!.switch(value);
  }
  return {
    next() {
      if (producer.dead) return { done: true, value: undefined };
      // Whoever asks becomes the parent, so the final return value comes back here,
      // and so does an error thrown by the producer.
      producer.parent = getcurrent();
      const v = producer.switch();
      return producer.dead
        ? { done: true, value: v as R }
        : { done: false, value: v as T };
    },
    close() {
      if (!producer.started || producer.dead) return undefined;
      producer.parent = getcurrent();
      return producer.throw(new GreenletExit('closed'));
    },
  };
}
