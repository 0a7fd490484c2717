/** Calls that read or tune a socket without moving data: names, options. */
import type { Core } from './core.ts';
import { ERRNO, KernelError } from './errors.ts';
import { sockOf } from './sockcalls.ts';
import { SYS } from './stats.ts';

/** Socket options the kit models. */
export type SockOpt = 'SO_ERROR' | 'SO_RCVBUF' | 'SO_SNDBUF';

/** getsockname(fd): the local address. */
export function getsockname(c: Core, fd: number): string {
  c.charge(SYS.getsockname);
  const s = sockOf(c, fd, 'getsockname');
  return s.local ?? 'localhost:0';
}

/** getpeername(fd): the remote address, or ENOTCONN. */
export function getpeername(c: Core, fd: number): string {
  c.charge(SYS.getpeername);
  const s = sockOf(c, fd, 'getpeername');
  if (s.state !== 'connected' || s.remote === null)
    throw new KernelError('ENOTCONN', 'getpeername', fd, 'which is not connected');
  return s.remote;
}

/**
 * getsockopt(fd, name). SO_ERROR returns (and clears) the pending error's errno, 0 if none: how
 * a non-blocking connect's outcome is read. SO_RCVBUF/SO_SNDBUF: the capacity of each direction.
 */
export function getsockopt(c: Core, fd: number, name: SockOpt): number {
  c.charge(SYS.getsockopt);
  const s = sockOf(c, fd, 'getsockopt');
  switch (name) {
    case 'SO_ERROR': {
      const e = s.error;
      s.error = null;
      return e === null ? 0 : ERRNO[e];
    }
    case 'SO_RCVBUF':
      return s.rx.cap;
    case 'SO_SNDBUF':
      return s.peer?.rx.cap ?? c.o.bufferSize;
    default:
      throw new KernelError('EINVAL', 'getsockopt', fd, `unknown option ${JSON.stringify(name)}`);
  }
}

/** setsockopt(fd, 'SO_RCVBUF', bytes): shrink or grow the incoming direction's capacity. */
export function setsockopt(c: Core, fd: number, name: SockOpt, value: number): void {
  c.charge(SYS.setsockopt);
  const s = sockOf(c, fd, 'setsockopt');
  if (name !== 'SO_RCVBUF')
    throw new KernelError(
      'EINVAL',
      'setsockopt',
      fd,
      `option ${JSON.stringify(name)} cannot be set in the kit (only SO_RCVBUF)`,
    );
  if (!Number.isInteger(value) || value < 1)
    throw new KernelError(
      'EINVAL',
      'setsockopt',
      fd,
      `SO_RCVBUF must be a whole number >= 1 (got ${String(value)})`,
    );
  s.rx.cap = value;
}
