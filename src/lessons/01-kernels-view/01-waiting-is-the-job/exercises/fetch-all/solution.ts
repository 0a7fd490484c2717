import type { Kernel } from '#kit';

/** Fetches each address one after another; replies in the order of `addrs`. */
export function fetchInOrder(
  k: Kernel,
  addrs: readonly string[],
  request: string,
): string[] {
  return addrs.map((addr) => k.fetch(addr, request));
}

/** Fetches every address at once; replies in the order of `addrs`. */
export function fetchTogether(
  k: Kernel,
  addrs: readonly string[],
  request: string,
): string[] {
  // Start every thread before waiting for any of them.
  const threads = addrs.map((addr) =>
    k.spawn(function* (sys) {
      return yield* sys.fetch(addr, request);
    }),
  );
  return threads.map((t) => k.join(t));
}
