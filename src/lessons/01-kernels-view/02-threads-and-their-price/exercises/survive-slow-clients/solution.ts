import { KernelError, type Kernel } from '#kit';

/**
 * Accepts `connections` clients on `listener` and echoes everything each one sends until it
 * hangs up. Returns when every connection is finished and closed.
 */
export function serveEveryone(
  k: Kernel,
  listener: number,
  connections: number,
): void {
  for (let i = 0; i < connections; i++) {
    const conn = k.accept(listener);
    // One thread per client: a slow one blocks only its own thread.
    k.spawn(function* (sys) {
      try {
        for (;;) {
          const data = yield* sys.recv(conn, 1024);
          if (data === '') break; // the client hung up
          yield* sys.sendall(conn, data);
        }
      } catch (e) {
        // ECONNRESET or EPIPE: the client vanished. That ends this
        // conversation, not the server. Anything else is a bug.
        if (!(e instanceof KernelError)) throw e;
      } finally {
        yield* sys.close(conn); // always give the descriptor back
      }
    });
  }
  k.run(); // until every connection thread has finished
}
