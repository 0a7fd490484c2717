import type { Kernel } from '#kit';
import * as gevent from '#lib/gevent';

/**
 * The capstone service in model 5, green threads: each line a client
 * sends is answered with "#n line", n counting every line answered so
 * far. Serves `connections` clients on `port`, then returns.
 */
export function serve(
  k: Kernel,
  port: number,
  connections: number,
): void {
  gevent.patchAll(k); // first: the kernel's blocking calls now switch
  let count = 0;
  function handle(conn: number): void {
    for (
      let line = k.recv(conn, 1024);
      line !== '';
      line = k.recv(conn, 1024)
    ) {
      k.cpu(0.05); // parse and format: 50 µs of CPU per line
      k.sendall(conn, `#${++count} ${line}`);
    }
    k.close(conn);
  }
  const listener = k.socket();
  k.bind(listener, port);
  k.listen(listener, 1024);
  // Habit from thread pools: never more than 4 handlers at once.
  const pool = new gevent.GreenPool(4);
  for (let i = 0; i < connections; i++) {
    const conn = k.accept(listener);
    pool.spawn(handle, conn); // waits while the pool is full
  }
  pool.waitall();
}
