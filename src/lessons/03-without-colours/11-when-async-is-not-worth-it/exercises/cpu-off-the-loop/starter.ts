import type { Kernel } from '#kit';
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

/**
 * A pool of at most `size` kit threads for CPU work.
 * This first attempt computes on the loop's own thread.
 */
export function cpuPool(k: Kernel, loop: Loop, size: number): CpuPool {
  void loop;
  void size;
  return {
    compute(ms) {
      k.cpu(ms); // the loop computes: no client is served meanwhile
      return Promise.resolve();
    },
    stop() {},
  };
}
