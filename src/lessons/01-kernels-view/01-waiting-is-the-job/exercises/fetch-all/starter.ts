import type { Kernel } from '#kit';

/** Fetches each address one after another; replies in the order of `addrs`. */
export function fetchInOrder(
  k: Kernel,
  addrs: readonly string[],
  request: string,
): string[] {
  // Your code here: k.fetch(addr, request) blocks and returns the reply.
  void k;
  void addrs;
  void request;
  return [];
}

/** Fetches every address at once; replies in the order of `addrs`. */
export function fetchTogether(
  k: Kernel,
  addrs: readonly string[],
  request: string,
): string[] {
  // Your code here: one k.spawn(function* (sys) { ... }) per address.
  void k;
  void addrs;
  void request;
  return [];
}
