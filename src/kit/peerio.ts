/**
 * I/O for scripted peers. Peers hold Socket objects directly (they are other machines: no
 * descriptors, no syscall counts, no CPU), and block through the same wait queues as threads.
 */
import { ALL_EVENTS, POLLERR, POLLHUP, POLLIN, POLLOUT } from './constants.ts';
import type { Core } from './core.ts';
import type { ErrorCode } from './errors.ts';
import { netConnect, netRecv, netSend } from './net.ts';
import type { Sc } from './ops.ts';
import type { Socket } from './socket.ts';

/** Sleeps until virtual time `until` (ns). */
export function* pSleepUntil(c: Core, until: number): Sc<void> {
  while (c.clock < until) yield c.block('sleep', until);
}

/** Connects; returns null or the error code. */
export function* pConnect(c: Core, s: Socket, addr: string): Sc<ErrorCode | null> {
  netConnect(c, s, addr);
  while (s.state === 'connecting') {
    c.waitOn(s, ALL_EVENTS);
    yield c.block('connect');
  }
  return s.state === 'connected' ? null : (s.error ?? 'ECONNREFUSED');
}

/** Sends all of `data`; false if the connection broke first. */
export function* pSend(c: Core, s: Socket, data: string): Sc<boolean> {
  let off = 0;
  while (off < data.length) {
    if (s.state !== 'connected' || s.reset || s.wrShut) return false;
    const n = netSend(c, s, off === 0 ? data : data.slice(off));
    if (n === null) {
      c.waitOn(s, POLLOUT | POLLERR | POLLHUP);
      yield c.block('send');
      continue;
    }
    off += n;
  }
  return true;
}

/** Receives up to `n` bytes: data, '' at EOF, null if the connection was reset or closed. */
export function* pRecv(c: Core, s: Socket, n: number): Sc<string | null> {
  for (;;) {
    if (s.state !== 'connected') return null;
    let d: string | null;
    try {
      d = netRecv(c, s, n, 'recv');
    } catch {
      return null;
    }
    if (d !== null) return d;
    c.waitOn(s, POLLIN | POLLERR | POLLHUP);
    yield c.block('recv');
  }
}
