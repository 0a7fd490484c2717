import type { Kernel } from '#kit';

/**
 * The capstone service: each line a client sends is answered with
 * "#n line", n counting every line answered so far, for all clients.
 * Serve `connections` clients on `port`, then return once every one of
 * them has been served and its connection closed.
 *
 * This is model 2, a thread per connection. It is fine for a hundred
 * clients; rewrite it with `Loop` from '#lib/aio' so that it serves
 * 10,000 idle-most-of-the-time clients within the latency budget.
 */
export async function serve(
  k: Kernel,
  port: number,
  connections: number,
): Promise<void> {
  let count = 0;
  const listener = k.socket();
  k.bind(listener, port);
  k.listen(listener, 1024);
  for (let i = 0; i < connections; i++) {
    const conn = k.accept(listener);
    k.spawn(function* (sys) {
      for (
        let line = yield* sys.recv(conn, 1024);
        line !== '';
        line = yield* sys.recv(conn, 1024)
      ) {
        yield* sys.cpu(0.05); // parse and format: 50 µs of CPU per line
        yield* sys.sendall(conn, `#${++count} ${line}`);
      }
      yield* sys.close(conn);
    });
  }
  k.run();
}
