/**
 * Readiness notification by scanning: select (every descriptor up to nfds, limited to
 * FD_SETSIZE) and poll (its array). Both count the descriptors they examine in `fdsScanned`, so
 * the O(n) cost shows next to epoll's O(ready) (epollcalls.ts). Also the shared timeout helpers.
 */
import { FD_SETSIZE, POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT } from './constants.ts';
import type { Core } from './core.ts';
import { Epoll } from './epoll.ts';
import { KernelError } from './errors.ts';
import type { OpenFile } from './fdtable.ts';
import { PAY, type Sc } from './ops.ts';
import { toNs } from './options.ts';
import { SYS } from './stats.ts';

/** One entry of poll()'s array; poll fills `revents`. A negative fd is skipped. */
export interface PollFd {
  fd: number;
  events: number;
  revents?: number;
}

/** A timeout in ms: undefined, null or negative waits forever; 0 returns at once. */
export type Timeout = number | null | undefined;

/** Absolute deadline (ns) for a timeout. */
export function deadlineOf(c: Core, timeout: Timeout, syscall: string): number {
  if (timeout === undefined || timeout === null) return Infinity;
  if (typeof timeout !== 'number' || Number.isNaN(timeout))
    throw new KernelError(
      'EINVAL',
      syscall,
      undefined,
      `timeout must be a number of ms (got ${String(timeout)})`,
    );
  return timeout < 0 ? Infinity : c.clock + toNs(timeout);
}

function readiness(c: Core, f: OpenFile): number {
  if (f instanceof Epoll) return f.ready.size > 0 ? POLLIN : 0;
  return f.events(c.clock);
}

/**
 * A call's timeout as the trace states it: `timeout 250 ms`, or `no timeout` (waits forever).
 * Only built when the trace is on.
 */
export function timeoutDetail(timeout: Timeout): string {
  return timeout === undefined || timeout === null || timeout < 0
    ? 'no timeout'
    : `timeout ${timeout} ms`;
}

/** A poll that found nothing: counted as wasted; a thread pays its CPU so time moves on. */
export function* nothing(c: Core, syscall: string, timeout: Timeout): Sc<void> {
  nothingNow(c, syscall, timeout);
  if (c.current.kind === 'thread') yield PAY;
}

/** {@link nothing} for main, which has no CPU debt to pay: counts and traces the empty poll. */
export function nothingNow(c: Core, syscall: string, timeout: Timeout): void {
  c.wasted(syscall, undefined);
  if (c.tracer.on)
    c.trace(c.current.name, syscall, undefined, `${timeoutDetail(timeout)}: nothing ready`);
}

/** Describes a deadline for deadlock reports. */
export function timeoutText(deadline: number, c: Core): string {
  return deadline === Infinity
    ? 'no timeout'
    : `timeout at ${(deadline / 1e6).toFixed(3)} ms (now ${c.now().toFixed(3)})`;
}

/** select(rlist, wlist, xlist, timeout): the ready subsets of each list, Python style. */
export function* select(
  c: Core,
  rlist: readonly number[],
  wlist: readonly number[],
  xlist: readonly number[],
  timeout?: Timeout,
): Sc<[number[], number[], number[]]> {
  c.charge(SYS.select);
  if (!Array.isArray(rlist) || !Array.isArray(wlist) || !Array.isArray(xlist))
    throw new KernelError(
      'EINVAL',
      'select',
      undefined,
      'rlist, wlist and xlist must be arrays of descriptors',
    );
  let nfds = 0;
  for (const fd of [...rlist, ...wlist, ...xlist]) {
    if (typeof fd === 'number' && fd >= FD_SETSIZE) {
      throw new KernelError(
        'EINVAL',
        'select',
        fd,
        `which does not fit in an fd_set: select() only watches descriptors below FD_SETSIZE (${FD_SETSIZE}); use poll or epoll`,
      );
    }
    c.fds.get(fd, 'select');
    if (fd + 1 > nfds) nfds = fd + 1;
  }
  const deadline = deadlineOf(c, timeout, 'select');
  for (;;) {
    c.stats.fdsScanned += nfds;
    const r = rlist.filter(
      (fd) => (readiness(c, c.fds.get(fd, 'select')) & (POLLIN | POLLHUP | POLLERR)) !== 0,
    );
    const w = wlist.filter(
      (fd) => (readiness(c, c.fds.get(fd, 'select')) & (POLLOUT | POLLERR)) !== 0,
    );
    if (r.length > 0 || w.length > 0) {
      if (c.tracer.on)
        c.trace(
          c.current.name,
          'select',
          undefined,
          `nfds ${nfds}: ${r.length} readable, ${w.length} writable; ${timeoutDetail(timeout)}`,
        );
      return [r, w, []];
    }
    if (c.clock >= deadline) {
      yield* nothing(c, 'select', timeout);
      return [[], [], []];
    }
    for (const fd of rlist) c.waitOn(c.fds.get(fd, 'select').wq, POLLIN | POLLHUP | POLLERR);
    for (const fd of wlist) c.waitOn(c.fds.get(fd, 'select').wq, POLLOUT | POLLERR);
    if (c.tracer.on) c.traceBlock('select', undefined, `nothing ready, ${timeoutDetail(timeout)}`);
    yield c.block(() => `select on ${nfds} descriptors (${timeoutText(deadline, c)})`, deadline);
  }
}

/** poll(fds, timeout): fills each entry's `revents`; returns how many have some. */
export function* poll(c: Core, fds: PollFd[], timeout?: Timeout): Sc<number> {
  c.charge(SYS.poll);
  if (!Array.isArray(fds))
    throw new KernelError('EINVAL', 'poll', undefined, 'fds must be an array of { fd, events }');
  if (fds.length > c.o.maxFds)
    throw new KernelError(
      'EINVAL',
      'poll',
      undefined,
      `nfds ${fds.length} exceeds the descriptor limit ${c.o.maxFds}`,
    );
  const deadline = deadlineOf(c, timeout, 'poll');
  for (;;) {
    let n = 0;
    c.stats.fdsScanned += fds.length;
    for (const p of fds) {
      if (p.fd < 0) {
        p.revents = 0;
        continue;
      }
      const f = c.fds.peek(p.fd);
      const m = f === undefined ? POLLNVAL : readiness(c, f) & (p.events | POLLERR | POLLHUP);
      p.revents = m;
      if (m !== 0) n++;
    }
    if (n > 0) {
      if (c.tracer.on)
        c.trace(
          c.current.name,
          'poll',
          undefined,
          `${fds.length} fds: ${n} ready; ${timeoutDetail(timeout)}`,
        );
      return n;
    }
    if (c.clock >= deadline) {
      yield* nothing(c, 'poll', timeout);
      return 0;
    }
    for (const p of fds) {
      const f = p.fd < 0 ? undefined : c.fds.peek(p.fd);
      if (f !== undefined) c.waitOn(f.wq, p.events | POLLERR | POLLHUP);
    }
    if (c.tracer.on) c.traceBlock('poll', undefined, `nothing ready, ${timeoutDetail(timeout)}`);
    yield c.block(
      () => `poll on ${fds.length} descriptors (${timeoutText(deadline, c)})`,
      deadline,
    );
  }
}
