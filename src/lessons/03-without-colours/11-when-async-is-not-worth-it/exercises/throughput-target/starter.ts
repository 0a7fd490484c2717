import type { Loop } from '#lib/aio';

/**
 * Loads `entries` into a fast cache (Redis-like, on one machine). The
 * cache speaks lines on a kept-open connection: `SET <key> <value>\n`
 * is answered with `OK\n`, in the order the lines arrived. You may open
 * more than one connection.
 *
 * Returns how many `OK` replies came back (all of them, when it works).
 */
export async function warm(
  loop: Loop,
  cache: string,
  entries: readonly (readonly [string, string])[],
): Promise<number> {
  const fd = await loop.connect(cache);
  let oks = 0;
  for (const [key, value] of entries) {
    await loop.sendall(fd, `SET ${key} ${value}\n`);
    let reply = '';
    while (!reply.endsWith('\n')) reply += await loop.recv(fd, 64);
    if (reply === 'OK\n') oks++;
  }
  loop.close(fd);
  return oks;
}
