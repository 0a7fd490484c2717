import type { Kernel, Sys } from '#kit';
import type { Loop } from '#lib/aio';

/** What the server uses to run CPU-heavy work. */
export interface CpuPool {
  /** Resolves once `ms` of CPU work has been done. */
  compute(ms: number): Promise<void>;
  /** Lets the pool's threads end once their queued work is done. */
  stop(): void;
}

/** Two connected sockets: threads write one end, the loop reads the other. */
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

type Job = { ms: number; done: () => void } | null;

/**
 * A pool of at most `size` kit threads for CPU work. Threads are made on
 * demand and reused. A finished job is queued for the loop and announced
 * with one byte on a waker socket, so `done()` (and the awaiting
 * handler) runs on the loop, never on a pool thread.
 */
export function cpuPool(k: Kernel, loop: Loop, size: number): CpuPool {
  const jobs = k.queue<Job>();
  const finished: (() => void)[] = [];
  const [wakeR, wakeW] = socketPair(k);
  let threads = 0;
  let idle = 0;

  function* worker(sys: Sys) {
    for (;;) {
      idle++;
      const job = yield* sys.get(jobs);
      idle--;
      if (job === null) return;
      yield* sys.cpu(job.ms); // the scheduler preempts it every time slice
      finished.push(job.done);
      yield* sys.send(wakeW, 'x');
    }
  }

  void (async () => {
    while ((await loop.recv(wakeR, 4096)) !== '')
      for (const done of finished.splice(0)) done();
  })();

  return {
    compute(ms) {
      if (idle === 0 && threads < size) {
        threads++;
        k.spawn(worker, { name: `cpu-${threads}` });
      }
      return new Promise<void>((done) => k.put(jobs, { ms, done }));
    },
    stop() {
      for (let i = 0; i < threads; i++) k.put(jobs, null);
    },
  };
}
