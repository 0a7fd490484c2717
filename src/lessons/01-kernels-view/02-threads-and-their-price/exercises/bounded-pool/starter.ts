import type { Kernel, Op, Sys } from '#kit';

/** Serves one client: reads its request, waits 100 ms for the database, replies, hangs up. */
export function* handle(sys: Sys, conn: number): Generator<Op, void> {
  const request = yield* sys.recv(conn, 1024);
  yield* sys.sleep(100); // the database answers after 100 ms
  yield* sys.sendall(conn, request);
  yield* sys.close(conn);
}

/**
 * Accepts `connections` clients on `listener` and serves each with `handle`, using never more
 * than `workers` threads. Returns when every client is served and every thread has exited.
 */
export function servePool(
  k: Kernel,
  listener: number,
  workers: number,
  connections: number,
): void {
  // Your code here. This version starts one thread per client, so it
  // ignores `workers`: turn it into a pool of `workers` threads that
  // take accepted connections from a queue (k.queue, k.put, sys.get).
  void workers;
  for (let i = 0; i < connections; i++) {
    const conn = k.accept(listener);
    k.spawn(function* (sys) {
      yield* handle(sys, conn);
    });
  }
  k.run();
}
