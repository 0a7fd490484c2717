/**
 * The socket calls that never block (socket, bind, listen, shutdown, close, setblocking) and the
 * helpers every socket call shares. The blocking ones are in iocalls.ts.
 */
import { ALL_EVENTS, POLLIN, SHUT_RD, SHUT_RDWR, SHUT_WR } from './constants.ts';
import type { Core } from './core.ts';
import { Epoll, removeWatcher, sockChanged } from './epoll.ts';
import { KernelError, stacklessError } from './errors.ts';
import { netClose, netShutWrite } from './net.ts';
import { PAY, type Sc } from './ops.ts';
import { normalizeAddress, Socket } from './socket.ts';
import { SYS } from './stats.ts';

/** An address: `'host:port'`, or a port number on localhost. */
export type Address = string | number;

/** The socket behind `fd`, or EBADF / ENOTSOCK. */
export function sockOf(c: Core, fd: number, syscall: string): Socket {
  const f = c.fds.get(fd, syscall);
  if (f instanceof Epoll)
    throw new KernelError('ENOTSOCK', syscall, fd, 'which is an epoll instance, not a socket');
  return f;
}

export function addressOf(addr: Address, syscall: string, fd: number): string {
  const a = normalizeAddress(addr);
  if (a === null) {
    throw new KernelError(
      'EINVAL',
      syscall,
      fd,
      `${JSON.stringify(addr)} is not an address (use a port number or 'host:port')`,
    );
  }
  return a;
}

/** The last `why` given to `eagainError` and the reason made from it. */
let lastWhy = '';
let lastReason = '';

/**
 * Counts and traces a wasted non-blocking call and returns its EAGAIN error to throw. EAGAIN is
 * control flow, thrown thousands of times by a reactor, so the error skips its stack capture
 * (`stacklessError`) and a repeated call reuses its reason (and so its message and stack text).
 */
export function eagainError(c: Core, syscall: string, fd: number, why: string): KernelError {
  c.wasted(syscall, fd);
  c.trace(c.current.name, syscall, fd, 'EAGAIN');
  if (why !== lastWhy) {
    lastWhy = why;
    lastReason = `${why}: the call would block (EWOULDBLOCK)`;
  }
  return stacklessError('EAGAIN', syscall, fd, lastReason);
}

/** Reports a wasted non-blocking call and throws EAGAIN (a thread first pays for its spin). */
export function* eagain(c: Core, syscall: string, fd: number, why: string): Sc<never> {
  const e = eagainError(c, syscall, fd, why);
  if (c.current.kind === 'thread') yield PAY;
  throw e;
}

/** socket(AF_INET, SOCK_STREAM): a new, unconnected, blocking socket. */
export function socket(c: Core): number {
  c.charge(SYS.socket);
  const s = new Socket('program', c.o.bufferSize);
  s.fd = c.fds.alloc(s, 'socket');
  c.stats.mem(c.o.socketMemory);
  c.trace(c.current.name, 'socket', s.fd);
  return s.fd;
}

/** bind(fd, addr). */
export function bind(c: Core, fd: number, addr: Address): void {
  c.charge(SYS.bind);
  const s = sockOf(c, fd, 'bind');
  const a = addressOf(addr, 'bind', fd);
  if (s.state !== 'new' || s.local !== null)
    throw new KernelError(
      'EINVAL',
      'bind',
      fd,
      `which is already bound to ${s.local ?? 'an address'}`,
    );
  if (c.bound.has(a) || c.listeners.has(a))
    throw new KernelError('EADDRINUSE', 'bind', fd, `address ${a} is already in use`);
  s.local = a;
  s.ownsAddr = true;
  s.state = 'bound';
  c.bound.add(a);
  c.trace(c.current.name, 'bind', fd, a);
}

/** listen(fd, backlog): accept connections; `backlog` caps the queue of unaccepted ones. */
export function listen(c: Core, fd: number, backlog = 128): void {
  c.charge(SYS.listen);
  const s = sockOf(c, fd, 'listen');
  if (s.state === 'connected' || s.state === 'connecting')
    throw new KernelError(
      'EINVAL',
      'listen',
      fd,
      'which is connected: only an unconnected socket can listen',
    );
  if (typeof backlog !== 'number' || Number.isNaN(backlog))
    throw new KernelError('EINVAL', 'listen', fd, `backlog ${String(backlog)} is not a number`);
  if (s.local === null) {
    s.local = c.ephemeral();
    s.ownsAddr = true;
    c.bound.add(s.local);
  }
  s.backlogMax = Math.max(1, Math.min(Math.floor(backlog), 4096));
  s.state = 'listening';
  c.listeners.set(s.local, s);
  c.trace(c.current.name, 'listen', fd, `${s.local} backlog ${s.backlogMax}`);
}

/** shutdown(fd, how): SHUT_RD, SHUT_WR (the peer reads EOF) or SHUT_RDWR. */
export function shutdown(c: Core, fd: number, how: number): void {
  c.charge(SYS.shutdown);
  const s = sockOf(c, fd, 'shutdown');
  if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR)
    throw new KernelError(
      'EINVAL',
      'shutdown',
      fd,
      `how must be SHUT_RD, SHUT_WR or SHUT_RDWR (got ${String(how)})`,
    );
  if (s.state !== 'connected')
    throw new KernelError('ENOTCONN', 'shutdown', fd, 'which is not connected');
  if (how !== SHUT_WR) {
    s.rdShut = true;
    sockChanged(c, s, POLLIN);
  }
  if (how !== SHUT_RD) netShutWrite(c, s);
  c.trace(c.current.name, 'shutdown', fd, ['SHUT_RD', 'SHUT_WR', 'SHUT_RDWR'][how]);
}

/** close(fd): releases the descriptor; a connection sends FIN (or RST if unread data is lost). */
export function close(c: Core, fd: number): void {
  c.charge(SYS.close);
  const f = c.fds.get(fd, 'close');
  if (f instanceof Epoll) {
    for (const e of f.interest.values()) removeWatcher(e.sock, e);
    f.interest.clear();
    f.ready.clear();
    c.notify(f.wq, ALL_EVENTS);
  } else {
    if (f.accepted) c.stats.served++;
    netClose(c, f);
  }
  c.stats.mem(-c.o.socketMemory);
  c.fds.release(fd);
  c.trace(c.current.name, 'close', fd);
}

/** setblocking(fd, flag), as in Python (fcntl O_NONBLOCK underneath). */
export function setblocking(c: Core, fd: number, flag: boolean): void {
  c.charge(SYS.setblocking);
  sockOf(c, fd, 'setblocking').blocking = flag;
  c.trace(c.current.name, 'setblocking', fd, String(flag));
}
