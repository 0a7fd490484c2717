import type { Kernel } from '#kit';

/**
 * Accepts `connections` clients on `listener` and echoes everything each one sends until it
 * hangs up. Returns when every connection is finished and closed.
 */
export function serveEveryone(
  k: Kernel,
  listener: number,
  connections: number,
): void {
  // Your code here. This is chapter 1's server: it serves one client
  // at a time, so a slow client delays everyone behind it, and a
  // client that vanishes makes recv or send throw out of the server.
  for (let i = 0; i < connections; i++) {
    const conn = k.accept(listener);
    for (;;) {
      const data = k.recv(conn, 1024);
      if (data === '') break;
      k.sendall(conn, data);
    }
    k.close(conn);
  }
}
