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
  const jobs = k.queue<number>(); // accepted descriptors waiting for a worker
  for (let w = 0; w < workers; w++) {
    k.spawn(
      function* (sys) {
        for (;;) {
          const conn = yield* sys.get(jobs); // blocks while the queue is empty
          if (conn < 0) return; // the signal to stop
          yield* handle(sys, conn);
        }
      },
      { name: `worker${w + 1}` },
    );
  }
  for (let i = 0; i < connections; i++) k.put(jobs, k.accept(listener));
  for (let w = 0; w < workers; w++) k.put(jobs, -1); // one stop signal each
  k.run(); // until every worker has returned
}
