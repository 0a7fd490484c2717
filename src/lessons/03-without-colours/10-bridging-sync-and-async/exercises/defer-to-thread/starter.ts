import type { Kernel, Op, Sys } from '#kit';
import { Deferred } from '#lib/deferred';
import type { Reactor } from '#lib/reactor';

/** A blocking function, as a kit thread runs it: `yield*` at each kernel call. */
export type Blocking<T> = (sys: Sys) => Generator<Op, T, unknown>;

/** Two connected sockets: the reactor reads one, threads write the other. */
export function socketPair(k: Kernel, port = 9999): [number, number] {
  const l = k.socket();
  k.bind(l, port);
  k.listen(l);
  const w = k.socket();
  k.connect(w, port);
  const r = k.accept(l);
  k.close(l);
  return [r, w];
}

/**
 * Twisted's reactor thread pool: deferToThread on kit threads.
 * This first attempt gets results right, but breaks two rules: it makes
 * a thread per call, and it fires the Deferred on the pool thread.
 */
export class ThreadPool {
  readonly #r: Reactor;

  constructor(reactor: Reactor, maxThreads: number) {
    this.#r = reactor;
    void maxThreads; // TODO: never more than this many threads
  }

  /** Runs `body` on a pool thread; the Deferred fires on the reactor thread. */
  deferToThread<T>(body: Blocking<T>): Deferred<T> {
    const d = new Deferred<T>();
    this.#r.kernel.spawn(function* (sys) {
      try {
        d.callback(yield* body(sys)); // BUG: runs callbacks on this thread
      } catch (e) {
        d.errback(e);
      }
    });
    return d;
  }

  /** Ends every pool thread once the queue is empty and stops waking the reactor. */
  stop(): void {}
}
