/**
 * The network between sockets: handshakes, data, FIN and RST, each arriving after the kernel's
 * `netDelay`. Shared by the program's system calls and by scripted peers.
 */
import { ALL_EVENTS, POLLHUP, POLLIN, POLLOUT } from './constants.ts';
import type { Core } from './core.ts';
import { dropWatchers, sockChanged } from './epoll.ts';
import type { ErrorCode } from './errors.ts';
import { KernelError } from './errors.ts';
import { toNs } from './options.ts';
import { Socket } from './socket.ts';

/** Linux retransmits a dropped SYN after 1 s, doubling, 6 times (net.ipv4.tcp_syn_retries). */
const SYN_RETRIES = 6;

/**
 * Runs `fn(c, s, mask)` after the network delay (at once when the delay is 0). A function and
 * its arguments rather than a closure: every close sends a FIN this way, and a closure would be
 * an object per connection even when the delay is 0.
 */
function later(
  c: Core,
  fn: (c: Core, s: Socket, mask: number) => void,
  s: Socket,
  mask: number,
): void {
  if (c.o.delayNs === 0) fn(c, s, mask);
  else c.call(c.clock + c.o.delayNs, fn, s, mask);
}

/** Starts a connect: the handshake completes (or fails) after the network delay. */
export function netConnect(c: Core, s: Socket, addr: string): void {
  s.state = 'connecting';
  s.remote = addr;
  s.error = null;
  s.local ??= c.ephemeral();
  c.call(c.clock + c.o.delayNs, handshake, s, 0);
}

/** The SYN reaches the listener (an event: `c.call`, no closure per connection). */
function handshake(c: Core, s: Socket): void {
  if (s.state !== 'connecting') return;
  const l = c.listeners.get(s.remote as string);
  if (l === undefined) return connectFailed(c, s, 'ECONNREFUSED');
  if (l.backlog.size >= l.backlogMax) {
    // Accept queue full: Linux drops the SYN and the client retries later.
    if (++s.synTries > SYN_RETRIES) return connectFailed(c, s, 'ETIMEDOUT');
    c.trace(s.owner, 'syn-retry', s.fd >= 0 ? s.fd : undefined, `${s.remote} accept queue full`);
    c.call(c.clock + toNs(1000 * 2 ** (s.synTries - 1)), handshake, s, 0);
    return;
  }
  const srv = new Socket(l.owner, c.o.bufferSize);
  srv.state = 'connected';
  srv.local = l.local;
  srv.remote = s.local;
  srv.peer = s;
  s.peer = srv;
  s.state = 'connected';
  l.backlog.push(srv);
  sockChanged(c, l, POLLIN);
  sockChanged(c, s, POLLOUT);
}

function connectFailed(c: Core, s: Socket, code: ErrorCode): void {
  s.state = 'new';
  s.error = code;
  c.trace(s.owner, 'connect-fail', s.fd >= 0 ? s.fd : undefined, `${s.remote}: ${code}`);
  sockChanged(c, s, ALL_EVENTS);
}

/**
 * Writes as much of `data` as fits. Returns the count, or null when nothing fits (would block).
 * Writing to a peer that has closed succeeds once, and brings back an RST (which leaves EPIPE
 * pending if the peer's FIN came first, ECONNRESET if not).
 */
export function netSend(c: Core, s: Socket, data: string): number | null {
  const p = s.peer as Socket;
  if (p.state === 'closed') {
    if (!s.rstSent) {
      s.rstSent = true;
      later(c, receiveReset, s, 0);
    }
    return data.length;
  }
  const free = p.rx.free();
  if (free === 0) return data.length === 0 ? 0 : null;
  const n = free < data.length ? free : data.length;
  const at = c.clock + c.o.delayNs;
  p.rx.push(n === data.length ? data : data.slice(0, n), at);
  if (at === c.clock) sockChanged(c, p, POLLIN);
  else c.call(at, sockChanged, p, POLLIN);
  return n;
}

/**
 * Reads up to `n` bytes: data, '' at EOF, null when it would block. Throws ECONNRESET once
 * after a reset (later reads return EOF, as on Linux).
 */
export function netRecv(c: Core, s: Socket, n: number, syscall: string): string | null {
  if (n === 0) return '';
  if (s.rx.readableAt(c.clock)) {
    const wasFull = s.rx.free() === 0;
    const d = s.rx.read(n, c.clock);
    const p = s.peer;
    // Space appeared in a full window: the writer may continue (an EPOLLOUT edge).
    if (wasFull && p !== null && p.state !== 'closed') sockChanged(c, p, POLLOUT);
    return d;
  }
  if (s.reset) {
    // After the peer's FIN, Linux's tcp_recvmsg returns 0 (SOCK_DONE) before it looks at the
    // pending error; otherwise the first read reports ECONNRESET and later ones read EOF.
    if (s.resetReported || s.resetError === 'EPIPE') return '';
    s.resetReported = true;
    throw new KernelError(
      'ECONNRESET',
      syscall,
      s.fd >= 0 ? s.fd : undefined,
      'connection reset by peer',
    );
  }
  if (s.rdShut || s.finBy(c.clock)) return '';
  return null;
}

/** The peer reset the connection: unread data is discarded, every waiter wakes. */
function receiveReset(c: Core, s: Socket): void {
  if (s.state === 'closed' || s.reset) return;
  s.reset = true;
  // tcp_reset(): in CLOSE_WAIT (the peer's FIN came first) the pending error is EPIPE.
  s.resetError = s.finBy(c.clock) ? 'EPIPE' : 'ECONNRESET';
  s.rx.clear();
  c.trace(s.owner, 'reset', s.fd >= 0 ? s.fd : undefined, 'connection reset by peer');
  sockChanged(c, s, ALL_EVENTS);
}

/** shutdown(SHUT_WR): a FIN follows the data already sent; the peer then reads EOF. */
export function netShutWrite(c: Core, s: Socket): void {
  if (s.wrShut) return;
  s.wrShut = true;
  const p = s.peer;
  if (p === null || p.state === 'closed') return;
  p.finAt = c.clock + c.o.delayNs;
  later(c, sockChanged, p, POLLIN | POLLHUP);
  sockChanged(c, s, POLLHUP | POLLOUT);
}

/** Abortive close: an RST goes to the peer instead of a FIN. */
export function netAbort(c: Core, s: Socket): void {
  const p = s.peer;
  if (p !== null && p.state !== 'closed' && s.state === 'connected') {
    later(c, receiveReset, p, 0);
  }
  finishClose(c, s);
}

/**
 * close(): a listening socket refuses what is queued; a connection sends FIN, or RST when
 * unread data is being thrown away (as Linux does).
 */
export function netClose(c: Core, s: Socket): void {
  if (s.state === 'listening') {
    c.listeners.delete(s.local as string);
    const queued = s.backlog;
    for (let q = queued.shift(); q !== undefined; q = queued.shift()) netAbort(c, q);
  } else if (s.state === 'connected') {
    if (s.rx.len > 0 && !s.reset) return netAbort(c, s);
    netShutWrite(c, s);
  }
  finishClose(c, s);
}

function finishClose(c: Core, s: Socket): void {
  if (s.ownsAddr && s.local !== null) c.bound.delete(s.local);
  s.state = 'closed';
  s.rx.clear();
  dropWatchers(s);
  c.notify(s, ALL_EVENTS);
}
