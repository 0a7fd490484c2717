import type { Loop } from '#lib/aio';

/**
 * The total price of a shopping cart. The price service speaks lines on
 * one kept-open connection: `GET <id>\n` is answered with `<price>\n`,
 * and `MGET <id> <id> ...\n` with all the prices on one line,
 * separated by spaces, in the order asked.
 *
 * It works, and it is slow: find out why.
 */
export async function cartTotal(
  loop: Loop,
  prices: string,
  ids: readonly string[],
): Promise<number> {
  const fd = await loop.connect(prices);
  let total = 0;
  for (const id of ids) {
    await loop.sendall(fd, `GET ${id}\n`);
    let line = '';
    while (!line.endsWith('\n')) line += await loop.recv(fd, 4096);
    total += Number(line);
  }
  loop.close(fd);
  return total;
}
