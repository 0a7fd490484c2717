import { KernelError, type Kernel } from '#kit';

/**
 * Connects to every address at once. For each address, in order:
 * the connected descriptor, or the error code as a string.
 */
export function connectAll(
  k: Kernel,
  addrs: readonly string[],
): (number | string)[] {
  // Your code here. This version connects one address at a time with
  // blocking connects: correct answers, but it waits for each in turn.
  return addrs.map((addr) => {
    const fd = k.socket();
    try {
      k.connect(fd, addr);
      return fd;
    } catch (e) {
      k.close(fd);
      if (e instanceof KernelError) return e.code;
      throw e;
    }
  });
}
