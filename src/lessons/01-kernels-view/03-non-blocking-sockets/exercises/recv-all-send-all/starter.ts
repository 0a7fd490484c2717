import { wouldBlock, type Kernel } from '#kit';

/** Reads a non-blocking socket until EOF; returns every byte. */
export function recvAll(k: Kernel, fd: number): string {
  // Your code here. One recv is not enough: it may throw EAGAIN
  // (test with wouldBlock(e)), or return only part of the message.
  // '' means EOF.
  void wouldBlock;
  return k.recv(fd, 65536);
}

/** Writes every byte of `data` to a non-blocking socket. */
export function sendAll(k: Kernel, fd: number, data: string): void {
  // Your code here. k.send returns how many bytes it took, which
  // may be fewer than data.length, or throws EAGAIN if none fit.
  k.send(fd, data);
}
