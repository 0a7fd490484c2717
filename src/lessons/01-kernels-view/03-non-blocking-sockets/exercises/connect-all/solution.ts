import { ERRNO, KernelError, type Kernel } from '#kit';

/** Linux errno numbers back to their names, for SO_ERROR's answer. */
const NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ERRNO).map(([code, n]) => [n, code]),
);

/**
 * Connects to every address at once. For each address, in order:
 * the connected descriptor, or the error code as a string.
 */
export function connectAll(
  k: Kernel,
  addrs: readonly string[],
): (number | string)[] {
  const results: (number | string)[] = addrs.map(() => '');
  const pending = new Map<number, number>(); // fd -> index in addrs
  addrs.forEach((addr, i) => {
    const fd = k.socket();
    k.setblocking(fd, false);
    try {
      k.connect(fd, addr);
      results[i] = fd; // connected at once
    } catch (e) {
      if (!(e instanceof KernelError && e.code === 'EINPROGRESS'))
        throw e;
      pending.set(fd, i);
    }
  });
  while (pending.size > 0) {
    // Writable means the handshake is over, one way or the other.
    const [, writable] = k.select([], [...pending.keys()], [], null);
    for (const fd of writable) {
      const i = pending.get(fd) as number;
      pending.delete(fd);
      const err = k.getsockopt(fd, 'SO_ERROR');
      if (err === 0) {
        results[i] = fd;
      } else {
        results[i] = NAMES[err] ?? `errno ${err}`;
        k.close(fd); // a failed socket is of no further use
      }
    }
  }
  return results;
}
