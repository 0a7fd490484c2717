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
