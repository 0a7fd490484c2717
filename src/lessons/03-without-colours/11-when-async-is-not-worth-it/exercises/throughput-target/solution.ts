import type { Loop } from '#lib/aio';

/**
 * Loads `entries` into a fast cache (Redis-like, on one machine). The
 * cache speaks lines on a kept-open connection: `SET <key> <value>\n`
 * is answered with `OK\n`, in the order the lines arrived. You may open
 * more than one connection.
 *
 * Returns how many `OK` replies came back (all of them, when it works).
 *
 * Pipelined in chunks: each chunk's lines go out in one sendall, then
 * the replies are counted as they arrive. The round trip is paid once
 * per chunk instead of once per SET. (A chunk bounds the memory the
 * server needs to queue replies, as the Redis documentation advises.)
 */
const CHUNK = 250;

export async function warm(
  loop: Loop,
  cache: string,
  entries: readonly (readonly [string, string])[],
): Promise<number> {
  const fd = await loop.connect(cache);
  let oks = 0;
  try {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      await loop.sendall(
        fd,
        chunk.map(([k, v]) => `SET ${k} ${v}\n`).join(''),
      );
      let pending = '';
      for (let got = 0; got < chunk.length;) {
        const data = await loop.recv(fd, 65536);
        if (data === '')
          throw new Error('the cache closed the connection');
        pending += data;
        const lines = pending.split('\n');
        pending = lines.pop()!; // an incomplete last line waits for more
        got += lines.length;
        oks += lines.filter((l) => l === 'OK').length;
      }
    }
  } finally {
    loop.close(fd);
  }
  return oks;
}
