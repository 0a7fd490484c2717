/**
 * epoll's system calls: epoll_create, epoll_ctl and epoll_wait. epoll_wait looks only at the
 * instance's ready list, so its cost grows with the number of ready descriptors, not watched ones.
 */
import {
  ALL_EVENTS,
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  EPOLLET,
  EPOLLONESHOT,
  POLLIN,
  POLLOUT,
} from './constants.ts';
import type { Core } from './core.ts';
import { addWatcher, Epoll, EpollEntry, removeWatcher } from './epoll.ts';
import { KernelError } from './errors.ts';
import { deadlineOf, nothing, timeoutDetail, timeoutText, type Timeout } from './muxcalls.ts';
import type { Op, Sc } from './ops.ts';
import { SYS } from './stats.ts';

/** What epoll_wait reports for one descriptor. */
export interface EpollEvent {
  readonly fd: number;
  readonly events: number;
  /** The `data` given to epoll_ctl (the fd when none was given). */
  readonly data: unknown;
}

/** The event spec for epoll_ctl: bits, or bits plus user data. */
export type EpollSpec = number | { readonly events: number; readonly data?: unknown };

/** epoll_create(): a new epoll instance's descriptor. */
export function epollCreate(c: Core): number {
  c.charge(SYS.epoll_create);
  const ep = new Epoll();
  ep.fd = c.fds.alloc(ep, 'epoll_create');
  c.stats.mem(c.o.socketMemory);
  c.trace(c.current.name, 'epoll_create', ep.fd);
  return ep.fd;
}

function epollOf(c: Core, epfd: number, syscall: string): Epoll {
  const f = c.fds.get(epfd, syscall);
  if (!(f instanceof Epoll))
    throw new KernelError(
      'EINVAL',
      syscall,
      epfd,
      'which is not an epoll instance (make one with epoll_create)',
    );
  return f;
}

/** epoll_ctl(epfd, op, fd, events): add, modify or delete interest in `fd`. */
export function epollCtl(c: Core, epfd: number, op: number, fd: number, spec?: EpollSpec): void {
  c.charge(SYS.epoll_ctl);
  const ep = epollOf(c, epfd, 'epoll_ctl');
  const target = c.fds.get(fd, 'epoll_ctl');
  if (target === ep)
    throw new KernelError('EINVAL', 'epoll_ctl', fd, 'an epoll instance cannot watch itself');
  if (target instanceof Epoll)
    throw new KernelError(
      'EINVAL',
      'epoll_ctl',
      fd,
      'which is an epoll instance: nesting epoll is not modelled by the kit',
    );
  const old = ep.interest.get(fd);
  const events = typeof spec === 'number' ? spec : spec?.events;
  const data = typeof spec === 'object' && 'data' in spec ? spec.data : fd;
  if (op === EPOLL_CTL_DEL) {
    if (old === undefined)
      throw new KernelError(
        'ENOENT',
        'epoll_ctl',
        fd,
        `which is not registered with epoll fd ${epfd}`,
      );
    ep.interest.delete(fd);
    ep.ready.delete(old);
    removeWatcher(target, old);
    if (c.tracer.on) c.trace(c.current.name, 'epoll_ctl', fd, `DEL from ${epfd}`);
    return;
  }
  if (op !== EPOLL_CTL_ADD && op !== EPOLL_CTL_MOD)
    throw new KernelError(
      'EINVAL',
      'epoll_ctl',
      fd,
      `op must be EPOLL_CTL_ADD, EPOLL_CTL_MOD or EPOLL_CTL_DEL (got ${String(op)})`,
    );
  if (typeof events !== 'number')
    throw new KernelError(
      'EINVAL',
      'epoll_ctl',
      fd,
      'events must be a number such as EPOLLIN | EPOLLET',
    );
  let e = old;
  if (op === EPOLL_CTL_ADD) {
    if (old !== undefined)
      throw new KernelError(
        'EEXIST',
        'epoll_ctl',
        fd,
        `which is already registered with epoll fd ${epfd} (use EPOLL_CTL_MOD)`,
      );
    e = new EpollEntry(fd, target, ep, events, data);
    ep.interest.add(e);
    addWatcher(target, e);
  } else {
    if (old === undefined)
      throw new KernelError(
        'ENOENT',
        'epoll_ctl',
        fd,
        `which is not registered with epoll fd ${epfd} (use EPOLL_CTL_ADD)`,
      );
    old.events = events;
    old.data = data;
    old.disabled = false;
  }
  const entry = e as EpollEntry;
  // Like Linux, ADD and MOD check readiness at once, so a ready fd is reported even with EPOLLET.
  if (target.readiness(c.clock, entry.interest()) !== 0) {
    ep.ready.add(entry);
    c.notify(ep.wq, ALL_EVENTS);
  }
  if (c.tracer.on)
    c.trace(
      c.current.name,
      'epoll_ctl',
      fd,
      `${op === EPOLL_CTL_ADD ? 'ADD to' : 'MOD in'} ${epfd}: ${describe(events)}`,
    );
}

function describe(events: number): string {
  // No arrays: epoll_ctl is traced once or twice per connection.
  let out = '';
  if ((events & POLLIN) !== 0) out = 'IN';
  if ((events & POLLOUT) !== 0) out = out === '' ? 'OUT' : `${out}|OUT`;
  if ((events & EPOLLET) !== 0) out = out === '' ? 'ET' : `${out}|ET`;
  if ((events & EPOLLONESHOT) !== 0) out = out === '' ? 'ONESHOT' : `${out}|ONESHOT`;
  return out === '' ? '0' : out;
}

/**
 * Takes up to `max` ready events off the instance's ready list; null if none is ready now.
 *
 * The events are gathered in the instance's reused `found` array and copied out with `slice`,
 * which makes an array of exactly their number: an array grown from empty gets room for 17 at
 * its first push, and a reactor calls epoll_wait once per turn with a few events ready (often
 * none, once its level-triggered entries are re-checked: then nothing is allocated at all).
 */
function collect(c: Core, ep: Epoll, max: number): EpollEvent[] | null {
  const ready = ep.ready;
  const found = ep.found;
  let k = 0;
  // Visit the entries queued now, oldest first. Level-triggered entries go back on the list (at
  // the tail), to be re-checked next time; `last` stops the walk before it reaches them.
  const last = ready.tail;
  while (k < max) {
    const e = ready.shift();
    if (e === null) break;
    c.stats.fdsScanned++;
    const m = e.disabled ? 0 : e.sock.readiness(c.clock, e.interest());
    if (m !== 0) {
      found[k++] = { fd: e.fd, events: m, data: e.data };
      if ((e.events & EPOLLONESHOT) !== 0) e.disabled = true;
      else if ((e.events & EPOLLET) === 0) ready.add(e);
    }
    if (e === last) break;
  }
  if (k === 0) return null;
  const out = found.slice(0, k) as EpollEvent[]; // 0..k-1 were just filled
  // Keep no event the program may have dropped. A loop, not `fill`, which is a call into V8's
  // C++ runtime (0.6 % of an echo process's samples under `perf`).
  for (let i = 0; i < k; i++) found[i] = null;
  return out;
}

/** epoll_wait's checks: the instance, a sane `maxevents`; returns the instance. */
export function epollWaitBegin(c: Core, epfd: number, maxevents: number): Epoll {
  c.charge(SYS.epoll_wait);
  const ep = epollOf(c, epfd, 'epoll_wait');
  if (!Number.isInteger(maxevents) || maxevents <= 0)
    throw new KernelError(
      'EINVAL',
      'epoll_wait',
      epfd,
      `maxevents must be a whole number > 0 (got ${String(maxevents)})`,
    );
  return ep;
}

/** One look at the ready list: the events, or null if none is ready (and then nothing changed). */
export function epollWaitTry(
  c: Core,
  ep: Epoll,
  epfd: number,
  maxevents: number,
  timeout: Timeout,
): EpollEvent[] | null {
  if (c.fds.peek(epfd) !== ep)
    throw new KernelError(
      'EBADF',
      'epoll_wait',
      epfd,
      'which was closed while epoll_wait() waited on it',
    );
  if (ep.ready.size === 0) return null;
  const out = collect(c, ep, maxevents);
  if (out === null) return null;
  if (c.tracer.on) {
    // One event (the common case): its descriptor and the timeout are numbers, so the detail can
    // be made when the trace is read. More: made now, since the program may change the array.
    if (out.length === 1)
      c.traceLazy(
        c.current.name,
        'epoll_wait',
        epfd,
        oneReadyDetail,
        (out[0] as EpollEvent).fd,
        timeout ?? -1, // timeoutDetail reads any negative number as no timeout
      );
    else
      c.trace(
        c.current.name,
        'epoll_wait',
        epfd,
        `${out.length} ready: ${out.map((e) => e.fd).join(' ')}; ${timeoutDetail(timeout)}`,
      );
  }
  return out;
}

/** The detail of an epoll_wait that returned one event, for descriptor `fd`. */
function oneReadyDetail(fd: number, timeout: number): string {
  return `1 ready: ${fd}; ${timeoutDetail(timeout)}`;
}

/** epoll_wait(epfd, maxevents, timeout): the ready descriptors, at most `maxevents`. */
export function* epollWait(
  c: Core,
  epfd: number,
  maxevents: number,
  timeout?: Timeout,
): Sc<EpollEvent[]> {
  const ep = epollWaitBegin(c, epfd, maxevents);
  const deadline = deadlineOf(c, timeout, 'epoll_wait');
  return yield* epollWaitLoop(c, ep, epfd, maxevents, timeout, deadline);
}

/** epoll_wait after its checks: the ready events, or wait for some until `deadline` (ns). */
export function* epollWaitLoop(
  c: Core,
  ep: Epoll,
  epfd: number,
  maxevents: number,
  timeout: Timeout,
  deadline: number,
): Sc<EpollEvent[]> {
  for (;;) {
    const out = epollWaitTry(c, ep, epfd, maxevents, timeout);
    if (out !== null) return out;
    if (c.clock >= deadline) {
      yield* nothing(c, 'epoll_wait', timeout);
      return [];
    }
    yield epollWaitBlock(c, ep, epfd, timeout, deadline);
  }
}

/** epoll_wait found nothing: the current task waits on `ep` until `deadline` (ns); the op to yield. */
export function epollWaitBlock(
  c: Core,
  ep: Epoll,
  epfd: number,
  timeout: Timeout,
  deadline: number,
): Op {
  c.waitOn(ep.wq, ALL_EVENTS);
  if (c.tracer.on) c.traceBlock('epoll_wait', epfd, `nothing ready, ${timeoutDetail(timeout)}`);
  // The description is only read by a deadlock report. Without a timeout it depends on the
  // instance alone, so a reactor that blocks here once per turn reuses one closure. (The
  // closures are made in helpers: a function that creates a closure allocates its context on
  // every call, even when the closure is not created.)
  return c.block(
    deadline === Infinity
      ? (ep.waitText ??= waitText(c, ep, epfd, Infinity))
      : waitText(c, ep, epfd, deadline),
    deadline,
  );
}

function waitText(c: Core, ep: Epoll, epfd: number, deadline: number): () => string {
  return () => describeWait(c, ep, epfd, deadline);
}

function describeWait(c: Core, ep: Epoll, epfd: number, deadline: number): string {
  return `epoll_wait on fd ${epfd} (${ep.interest.size} descriptors watched, none ready; ${timeoutText(deadline, c)})`;
}
