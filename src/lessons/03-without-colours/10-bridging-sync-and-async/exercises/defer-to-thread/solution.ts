import type { Kernel, Op, Queue, Sys } from '#kit';
import { Deferred } from '#lib/deferred';
import type { Reactor } from '#lib/reactor';

/** A blocking function, as a kit thread runs it: `yield*` at each kernel call. */
export type Blocking<T> = (sys: Sys) => Generator<Op, T, unknown>;

type Job = { body: Blocking<unknown>; d: Deferred<unknown> } | null;

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

/** Twisted's reactor thread pool: deferToThread on kit threads. */
export class ThreadPool {
  readonly #r: Reactor;
  readonly #max: number;
  readonly #jobs: Queue<Job>;
  readonly #fromThreads: (() => void)[] = [];
  readonly #wakeR: number;
  readonly #wakeW: number;
  #threads = 0;
  #idle = 0;

  constructor(reactor: Reactor, maxThreads: number) {
    this.#r = reactor;
    this.#max = maxThreads;
    const k = reactor.kernel;
    this.#jobs = k.queue<Job>();
    [this.#wakeR, this.#wakeW] = socketPair(k);
    // The waker: when a thread writes a byte, epoll_wait returns and the
    // reactor runs the queued calls, on its own thread.
    reactor.addReader(this.#wakeR, () => {
      k.recv(this.#wakeR, 4096);
      for (const call of this.#fromThreads.splice(0)) call();
    });
  }

  /** Runs `body` on a pool thread; the Deferred fires on the reactor thread. */
  deferToThread<T>(body: Blocking<T>): Deferred<T> {
    const k = this.#r.kernel;
    const d = new Deferred<T>();
    if (this.#idle === 0 && this.#threads < this.#max) {
      this.#threads++;
      k.spawn((sys) => this.#worker(sys), {
        name: `pool-${this.#threads}`,
      });
    }
    k.put(this.#jobs, { body, d: d as Deferred<unknown> });
    return d;
  }

  /** Ends every pool thread once the queue is empty and stops waking the reactor. */
  stop(): void {
    const k = this.#r.kernel;
    for (let i = 0; i < this.#threads; i++) k.put(this.#jobs, null);
    this.#r.removeReader(this.#wakeR);
  }

  *#worker(sys: Sys): Generator<Op, void, unknown> {
    for (;;) {
      this.#idle++;
      const job = yield* sys.get(this.#jobs);
      this.#idle--;
      if (job === null) return;
      let fire: () => void;
      try {
        const value = yield* job.body(sys);
        fire = () => job.d.callback(value);
      } catch (e) {
        fire = () => job.d.errback(e);
      }
      this.#fromThreads.push(fire); // callFromThread: queue it...
      yield* sys.send(this.#wakeW, 'x'); // ...and wake the reactor
    }
  }
}
