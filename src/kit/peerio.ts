/**
 * I/O for scripted peers. Peers hold Socket objects directly (they are other machines: no
 * descriptors, no syscall counts, no CPU), and block through the same wait queues as threads.
 */
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from './constants.ts';
import type { Core } from './core.ts';
import { netRecv, netSend } from './net.ts';
import type { Sc } from './ops.ts';
import type { Socket } from './socket.ts';

/** Sleeps until virtual time `until` (ns). */
export function* pSleepUntil(c: Core, until: number): Sc<void> {
  while (c.clock < until) yield c.block('sleep', until);
}

/**
 * Sends `data` from offset `off` on until it is all sent or the buffer is full; returns the new
 * offset, or -1 if the connection broke first. The plain-function core of {@link pSend}.
 */
export function pSendSome(c: Core, s: Socket, data: string, off: number): number {
  while (off < data.length) {
    if (s.state !== 'connected' || s.reset || s.wrShut) return -1;
    const n = netSend(c, s, off === 0 ? data : data.slice(off));
    if (n === null) return off;
    off += n;
  }
  return off;
}

/** Sends all of `data`; false if the connection broke first. */
export function* pSend(c: Core, s: Socket, data: string): Sc<boolean> {
  for (let off = pSendSome(c, s, data, 0); off < data.length; off = pSendSome(c, s, data, off)) {
    if (off < 0) return false;
    c.waitOn(s.wq, POLLOUT | POLLERR | POLLHUP);
    yield c.block('send');
  }
  return true;
}

/**
 * One look for data: up to `n` bytes ('' at EOF), null if the connection was reset or closed,
 * undefined when the peer has to wait. The plain-function core of {@link pRecv}.
 */
export function pRecvNow(c: Core, s: Socket, n: number): string | null | undefined {
  if (s.state !== 'connected') return null;
  try {
    return netRecv(c, s, n, 'recv') ?? undefined;
  } catch {
    return null;
  }
}

/** Receives up to `n` bytes: data, '' at EOF, null if the connection was reset or closed. */
export function* pRecv(c: Core, s: Socket, n: number): Sc<string | null> {
  for (let d = pRecvNow(c, s, n); ; d = pRecvNow(c, s, n)) {
    if (d !== undefined) return d;
    c.waitOn(s.wq, POLLIN | POLLERR | POLLHUP);
    yield c.block('recv');
  }
}
