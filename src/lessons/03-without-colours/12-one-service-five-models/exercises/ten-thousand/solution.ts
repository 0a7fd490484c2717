import type { Kernel } from '#kit';
import { Loop } from '#lib/aio';

/**
 * The capstone service: each line a client sends is answered with
 * "#n line", n counting every line answered so far, for all clients.
 * Serve `connections` clients on `port`, then return once every one of
 * them has been served and its connection closed.
 */
export async function serve(
  k: Kernel,
  port: number,
  connections: number,
): Promise<void> {
  let count = 0;
  const loop = new Loop(k);
  const listener = loop.listen(port, 1024);

  async function handle(conn: number): Promise<void> {
    for (
      let line = await loop.recv(conn, 1024);
      line !== '';
      line = await loop.recv(conn, 1024)
    ) {
      k.cpu(0.05); // parse and format: 50 µs of CPU per line
      await loop.sendall(conn, `#${++count} ${line}`);
    }
    loop.close(conn);
  }

  await loop.run(async () => {
    const handlers: Promise<void>[] = [];
    for (let i = 0; i < connections; i++) {
      const conn = await loop.accept(listener);
      handlers.push(handle(conn)); // a coroutine per connection, not awaited here
    }
    await Promise.all(handlers);
  });
}
