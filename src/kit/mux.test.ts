import { describe, expect, it } from 'vitest';
import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  EPOLLET,
  EPOLLIN,
  EPOLLONESHOT,
  EPOLLOUT,
  Kernel,
  KernelError,
  POLLIN,
  POLLNVAL,
  type PollFd,
} from './index.ts';

function server(k: Kernel, port = 8080): number {
  const l = k.socket();
  k.bind(l, port);
  k.listen(l);
  return l;
}

function errCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('select', () => {
  it('returns the ready subsets and scans every descriptor below nfds', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = server(k);
    k.clients(8080, [{ at: 10, send: ['hi'] }]);
    const [r, w, x] = k.select([l], [], [], -1);
    expect([r, w, x]).toEqual([[l], [], []]);
    expect(k.now()).toBe(10);
    expect(k.stats().fdsScanned).toBe(2 * (l + 1));
  });

  it('timeouts: 0 returns at once, t waits up to t, both count as wasted', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = server(k);
    expect(k.select([l], [], [], 0)).toEqual([[], [], []]);
    expect(k.now()).toBe(0);
    expect(k.select([l], [], [], 50)).toEqual([[], [], []]);
    expect(k.now()).toBe(50);
    expect(k.stats().wastedPolls).toBe(2);
  });

  it('refuses descriptors at or above FD_SETSIZE (1024) with EINVAL', () => {
    const k = new Kernel({ maxFds: 2000 });
    let fd = 0;
    for (let i = 0; i < 1022; i++) fd = k.socket();
    expect(fd).toBe(1024);
    expect(() => k.select([fd], [], [], 0)).toThrow(/EINVAL: select on fd 1024.*FD_SETSIZE/);
    expect(k.select([], [fd - 1], [], 0)).toEqual([[], [fd - 1], []]);
  });
});

describe('poll', () => {
  it('fills revents, reports POLLNVAL for closed descriptors and skips negative ones', () => {
    const k = new Kernel();
    const l = server(k);
    const fds: PollFd[] = [
      { fd: l, events: POLLIN },
      { fd: 99, events: POLLIN },
      { fd: -1, events: POLLIN },
    ];
    expect(k.poll(fds, 0)).toBe(1);
    expect(fds.map((p) => p.revents)).toEqual([0, POLLNVAL, 0]);
    k.clients(8080, [{ send: ['x'] }]);
    expect(k.poll(fds, 100)).toBe(2);
    expect(fds[0]?.revents).toBe(POLLIN);
  });

  it('blocks until a descriptor is ready, or times out', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = server(k);
    expect(k.poll([{ fd: l, events: POLLIN }], 30)).toBe(0);
    expect(k.now()).toBe(30);
    k.clients(8080, [{ at: 70, send: [] }]);
    expect(k.poll([{ fd: l, events: POLLIN }])).toBe(1);
    expect(k.now()).toBe(70);
  });
});

describe('epoll', () => {
  function connected(k: Kernel, ep: number, flags: number): { s: number; c: number } {
    const l = server(k);
    const c = k.socket();
    k.connect(c, 8080);
    const s = k.accept(l);
    k.epoll_ctl(ep, EPOLL_CTL_ADD, s, flags);
    return { s, c };
  }

  it('level-triggered: reported again while data stays unread', () => {
    const k = new Kernel();
    const ep = k.epoll_create();
    const { s, c } = connected(k, ep, EPOLLIN);
    k.send(c, 'abcdef');
    expect(k.epoll_wait(ep, 10, 0).map((e) => e.fd)).toEqual([s]);
    k.recv(s, 2);
    expect(k.epoll_wait(ep, 10, 0).map((e) => e.fd)).toEqual([s]);
    k.recv(s, 10);
    expect(k.epoll_wait(ep, 10, 0)).toEqual([]);
  });

  it('edge-triggered: reported once per arrival, even if data stays unread (the starvation bug)', () => {
    const k = new Kernel();
    const ep = k.epoll_create();
    const { s, c } = connected(k, ep, EPOLLIN | EPOLLET);
    k.send(c, 'abcdef');
    expect(k.epoll_wait(ep, 10, 0).map((e) => e.fd)).toEqual([s]);
    k.recv(s, 2);
    expect(k.epoll_wait(ep, 10, 0)).toEqual([]);
    k.send(c, 'g');
    expect(k.epoll_wait(ep, 10, 0).map((e) => e.fd)).toEqual([s]);
    expect(k.recv(s, 100)).toBe('cdefg');
  });

  it('EPOLLONESHOT disables the entry until EPOLL_CTL_MOD re-arms it', () => {
    const k = new Kernel();
    const ep = k.epoll_create();
    const { s, c } = connected(k, ep, EPOLLIN | EPOLLONESHOT);
    k.send(c, 'x');
    expect(k.epoll_wait(ep, 10, 0)).toHaveLength(1);
    k.send(c, 'y');
    expect(k.epoll_wait(ep, 10, 0)).toHaveLength(0);
    k.epoll_ctl(ep, EPOLL_CTL_MOD, s, EPOLLIN | EPOLLONESHOT);
    expect(k.epoll_wait(ep, 10, 0)).toHaveLength(1);
  });

  it('carries user data, honours maxevents, and forgets closed descriptors', () => {
    const k = new Kernel();
    const ep = k.epoll_create();
    const { s, c } = connected(k, ep, EPOLLIN | EPOLLOUT);
    k.epoll_ctl(ep, EPOLL_CTL_MOD, s, { events: EPOLLOUT, data: 'conn-1' });
    expect(k.epoll_wait(ep, 1, 0)).toEqual([{ fd: s, events: EPOLLOUT, data: 'conn-1' }]);
    k.close(s);
    expect(k.epoll_wait(ep, 10, 0)).toEqual([]);
    expect(errCode(() => k.epoll_ctl(ep, EPOLL_CTL_DEL, c))).toBe('ENOENT');
  });

  it('blocks with a timeout and scans only ready entries', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = server(k);
    const ep = k.epoll_create();
    k.epoll_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN);
    expect(k.epoll_wait(ep, 8, 25)).toEqual([]);
    expect(k.now()).toBe(25);
    k.clients(8080, [{ at: 40, send: [] }]);
    expect(k.epoll_wait(ep, 8, -1).map((e) => e.fd)).toEqual([l]);
    expect(k.now()).toBe(40);
    expect(k.stats().fdsScanned).toBe(1);
  });

  it('reports errors for bad control operations', () => {
    const k = new Kernel();
    const ep = k.epoll_create();
    const s = k.socket();
    expect(errCode(() => k.epoll_ctl(s, EPOLL_CTL_ADD, ep, EPOLLIN))).toBe('EINVAL');
    expect(errCode(() => k.epoll_ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN))).toBe('EINVAL');
    expect(errCode(() => k.epoll_ctl(ep, EPOLL_CTL_MOD, s, EPOLLIN))).toBe('ENOENT');
    k.epoll_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN);
    expect(errCode(() => k.epoll_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN))).toBe('EEXIST');
    expect(errCode(() => k.epoll_ctl(ep, 42, s, EPOLLIN))).toBe('EINVAL');
    expect(errCode(() => k.epoll_wait(ep, 0, 0))).toBe('EINVAL');
  });
});

describe('the trace states each readiness call timeout', () => {
  /** `event: detail` of main's traced select, poll and epoll_wait events (blocks included). */
  function details(k: Kernel): string[] {
    return k
      .trace()
      .filter((e) => e.actor === 'main')
      .filter((e) => ['select', 'poll', 'epoll_wait'].includes(e.event) || e.event === 'block')
      .map((e) => `${e.event}: ${e.detail ?? ''}`);
  }

  it('epoll_wait: the timeout in ms, or "no timeout" for -1', () => {
    const k = new Kernel();
    const l = server(k);
    const ep = k.epoll_create();
    k.epoll_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN);
    expect(k.epoll_wait(ep, 8, 250)).toEqual([]);
    k.clients(8080, [{ at: 300, send: [] }]);
    expect(k.epoll_wait(ep, 8, -1).map((e) => e.fd)).toEqual([l]);
    expect(details(k)).toEqual([
      'block: epoll_wait: nothing ready, timeout 250 ms',
      'epoll_wait: timeout 250 ms: nothing ready',
      'block: epoll_wait: nothing ready, no timeout',
      `epoll_wait: 1 ready: ${l}; no timeout`,
    ]);
  });

  it('select and poll: the same words', () => {
    const k = new Kernel();
    const l = server(k);
    expect(k.select([l], [], [], 0)).toEqual([[], [], []]);
    k.clients(8080, [{ at: 10, send: [] }]);
    expect(k.select([l], [], [])[0]).toEqual([l]);
    const fds: PollFd[] = [{ fd: l, events: POLLIN }];
    expect(k.poll(fds, 5)).toBe(1);
    expect(details(k)).toEqual([
      'select: timeout 0 ms: nothing ready',
      'block: select: nothing ready, no timeout',
      `select: nfds ${l + 1}: 1 readable, 0 writable; no timeout`,
      'poll: 1 fds: 1 ready; timeout 5 ms',
    ]);
  });
});

describe('epoll registrations (kept by descriptor)', () => {
  it('adds, deletes and re-adds, and forgets them all when the instance closes', () => {
    const k = new Kernel();
    const l = server(k);
    const ep = k.epoll_create();
    k.clients(8080, [
      { at: 1, send: ['a'] },
      { at: 2, send: ['b'] },
    ]);
    const a = k.accept(l);
    const b = k.accept(l);
    k.sleep(5); // both requests have arrived
    k.epoll_ctl(ep, EPOLL_CTL_ADD, b, EPOLLIN); // the higher descriptor first: a gap below it
    k.epoll_ctl(ep, EPOLL_CTL_ADD, a, EPOLLIN);
    expect(errCode(() => k.epoll_ctl(ep, EPOLL_CTL_ADD, a, EPOLLIN))).toBe('EEXIST');
    expect(k.epoll_wait(ep, 8, 0).map((e) => e.fd)).toEqual([b, a]);
    k.epoll_ctl(ep, EPOLL_CTL_DEL, a);
    expect(errCode(() => k.epoll_ctl(ep, EPOLL_CTL_DEL, a))).toBe('ENOENT');
    expect(k.epoll_wait(ep, 8, 0).map((e) => e.fd)).toEqual([b]);
    k.epoll_ctl(ep, EPOLL_CTL_ADD, a, EPOLLIN);
    expect(k.epoll_wait(ep, 8, 0).map((e) => e.fd)).toEqual([b, a]);
    k.close(ep);
    // Closing the instance dropped its registrations: a new one may watch the same sockets.
    const ep2 = k.epoll_create();
    expect(ep2).toBe(ep);
    k.epoll_ctl(ep2, EPOLL_CTL_ADD, a, EPOLLIN);
    expect(k.epoll_wait(ep2, 8, 0).map((e) => e.fd)).toEqual([a]);
    expect(k.recv(a, 10)).toBe('a');
    expect(k.epoll_wait(ep2, 8, 0)).toEqual([]);
    k.close(a);
    k.close(b);
    // Nothing left to watch and nothing to wait for: the deadlock report counts the watched.
    expect(() => k.epoll_wait(ep2, 8, -1)).toThrow(/0 descriptors watched, none ready; no timeout/);
  });
});
