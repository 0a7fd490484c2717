import { describe, expect, it } from 'vitest';
import {
  EPOLLOUT,
  EPOLL_CTL_ADD,
  Kernel,
  KernelError,
  POLLERR,
  POLLOUT,
  SHUT_WR,
} from './index.ts';

/** A listening server on `port` plus a connected client; returns [listener, client, server-side]. */
function pair(k: Kernel, port = 8080): [number, number, number] {
  const l = k.socket();
  k.bind(l, port);
  k.listen(l);
  const c = k.socket();
  k.connect(c, port);
  const s = k.accept(l);
  return [l, c, s];
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelError) return e.code;
    throw e;
  }
  return 'no error';
}

function revents(k: Kernel, fd: number, events: number): number {
  const fds = [{ fd, events, revents: 0 }];
  k.poll(fds, 0);
  return fds[0]?.revents ?? 0;
}

// Linux, net/ipv4/tcp_input.c, tcp_reset(): `case TCP_CLOSE_WAIT: sk->sk_err = EPIPE; ...
// default: sk->sk_err = ECONNRESET;`. tcp_recvmsg returns 0 once the FIN was received
// (SOCK_DONE) before looking at sk_err; after tcp_done() both directions are shut down.
describe('after the peer closed: EPIPE vs ECONNRESET, as tcp_reset() decides', () => {
  it('peer closed normally (FIN first): the write after the RST fails with EPIPE, recv reads EOF', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.close(s); // FIN: c is in CLOSE_WAIT
    expect(k.recv(c, 10)).toBe('');
    expect(k.send(c, 'late reply')).toBe(10); // succeeds; the closed peer answers with RST
    expect(code(() => k.send(c, 'more'))).toBe('EPIPE');
    expect(code(() => k.send(c, 'more'))).toBe('EPIPE');
    expect(k.recv(c, 10)).toBe(''); // never ECONNRESET after a FIN
  });

  it('FIN first, then RST: recv before the next send still reads EOF, and send gets EPIPE', () => {
    const k = new Kernel({ netDelay: 1 });
    const [, c, s] = pair(k);
    k.close(s);
    k.sleep(2); // the FIN has arrived
    k.send(c, 'x');
    k.sleep(5); // the RST has arrived
    expect(k.recv(c, 10)).toBe('');
    expect(code(() => k.send(c, 'y'))).toBe('EPIPE');
  });

  it('peer reset without a FIN: first send gets ECONNRESET, later ones EPIPE', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.send(c, 'unread');
    k.close(s); // unread data: RST instead of FIN
    expect(code(() => k.send(c, 'x'))).toBe('ECONNRESET');
    expect(code(() => k.send(c, 'x'))).toBe('EPIPE');
    expect(k.recv(c, 10)).toBe(''); // the error was consumed: EOF on the next read
  });

  it('peer reset without a FIN: recv reports ECONNRESET once, then EOF; send then gets EPIPE', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.send(c, 'unread');
    k.close(s);
    expect(code(() => k.recv(c, 10))).toBe('ECONNRESET');
    expect(k.recv(c, 10)).toBe('');
    expect(code(() => k.send(c, 'x'))).toBe('EPIPE');
  });
});

// Linux, net/ipv4/tcp.c, tcp_poll(): `if (!(shutdown & SEND_SHUTDOWN)) { ... } else mask |=
// EPOLLOUT | EPOLLWRNORM;`: a socket that can no longer send is reported writable (the write
// fails at once instead of blocking).
describe('writability after shutdown(SHUT_WR) and after a reset', () => {
  it('poll reports POLLOUT after shutdown(SHUT_WR)', () => {
    const k = new Kernel();
    const [, c] = pair(k);
    k.shutdown(c, SHUT_WR);
    expect(revents(k, c, POLLOUT) & POLLOUT).toBe(POLLOUT);
    expect(code(() => k.send(c, 'x'))).toBe('EPIPE');
  });

  it('poll reports POLLOUT (and POLLERR) after a reset', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.send(c, 'unread');
    k.close(s);
    const r = revents(k, c, POLLOUT);
    expect(r & POLLOUT).toBe(POLLOUT);
    expect(r & POLLERR).toBe(POLLERR);
  });

  it('select lists a reset socket as writable; epoll reports EPOLLOUT', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    // Fill the client's direction so it is not writable before the reset.
    k.setblocking(c, false);
    while (revents(k, c, POLLOUT) & POLLOUT) k.send(c, 'x'.repeat(4096));
    expect(k.select([], [c], [], 0)[1]).toEqual([]);
    const ep = k.epoll_create();
    k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLOUT);
    expect(k.epoll_wait(ep, 8, 0)).toEqual([]);
    k.close(s); // unread data: RST
    expect(k.select([], [c], [], 0)[1]).toEqual([c]);
    const evs = k.epoll_wait(ep, 8, 0);
    expect(evs.map((e) => e.fd)).toEqual([c]);
    expect((evs[0]?.events ?? 0) & EPOLLOUT).toBe(EPOLLOUT);
  });
});
