import { describe, expect, it } from 'vitest';
import { Kernel, KernelError } from './index.ts';

/** Runs f and returns the KernelError it threw (fails the test on success or another error). */
function kerr(f: () => unknown): KernelError {
  try {
    f();
  } catch (e) {
    if (e instanceof KernelError) return e;
    throw e;
  }
  throw new Error('expected a KernelError, but the call succeeded');
}

describe('misuse gets the error a real kernel gives, naming the descriptor', () => {
  it('recv on a closed descriptor: EBADF ... which is closed', () => {
    const k = new Kernel();
    for (let i = 0; i < 5; i++) k.socket();
    k.close(7);
    const e = kerr(() => k.recv(7, 10));
    expect(e.message).toBe('EBADF: recv on fd 7, which is closed');
    expect([e.code, e.syscall, e.fd, e.errno]).toEqual(['EBADF', 'recv', 7, 9]);
  });

  it('descriptors never opened, negative or not numbers: EBADF', () => {
    const k = new Kernel();
    expect(kerr(() => k.send(42, 'x')).message).toMatch(
      /EBADF: send on fd 42, which was never opened/,
    );
    expect(kerr(() => k.close(-1)).code).toBe('EBADF');
    expect(kerr(() => k.recv(1, 10)).message).toMatch(/stdin\/stdout\/stderr/);
    expect(kerr(() => k.recv(Number.NaN, 10)).code).toBe('EBADF');
  });

  it('double close: EBADF', () => {
    const k = new Kernel();
    const s = k.socket();
    k.close(s);
    expect(kerr(() => k.close(s)).message).toBe(`EBADF: close on fd ${s}, which is closed`);
  });

  it('recv on a listening socket: ENOTCONN', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 80);
    k.listen(l);
    expect(kerr(() => k.recv(l, 10)).message).toMatch(
      /ENOTCONN: recv on fd 3, which is a listening socket/,
    );
  });

  it('negative or fractional sizes: EINVAL', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 80);
    k.listen(l);
    const c = k.socket();
    k.connect(c, 80);
    expect(kerr(() => k.recv(c, -1)).code).toBe('EINVAL');
    expect(kerr(() => k.recv(c, 1.5)).code).toBe('EINVAL');
    expect(kerr(() => k.sleep(-5)).code).toBe('EINVAL');
    expect(kerr(() => k.cpu(Number.POSITIVE_INFINITY)).code).toBe('EINVAL');
    expect(kerr(() => k.send(c, 42 as unknown as string)).code).toBe('EINVAL');
  });

  it('accept on an unbound or unlistening socket: EINVAL', () => {
    const k = new Kernel();
    const s = k.socket();
    expect(kerr(() => k.accept(s)).message).toMatch(
      /EINVAL: accept on fd 3, which is not listening/,
    );
    k.bind(s, 80);
    expect(kerr(() => k.accept(s)).code).toBe('EINVAL');
  });

  it('I/O on unconnected sockets: ENOTCONN for recv, EPIPE for send, ENOTCONN for shutdown', () => {
    const k = new Kernel();
    const s = k.socket();
    expect(kerr(() => k.recv(s, 1)).code).toBe('ENOTCONN');
    expect(kerr(() => k.send(s, 'x')).code).toBe('EPIPE');
    expect(kerr(() => k.shutdown(s, 1)).code).toBe('ENOTCONN');
    expect(kerr(() => k.getpeername(s)).code).toBe('ENOTCONN');
  });

  it('bind twice, address in use, bad addresses, bad shutdown mode', () => {
    const k = new Kernel();
    const a = k.socket();
    k.bind(a, 80);
    expect(kerr(() => k.bind(a, 81)).code).toBe('EINVAL');
    const b = k.socket();
    expect(kerr(() => k.bind(b, 'localhost:80')).code).toBe('EADDRINUSE');
    expect(kerr(() => k.bind(b, 70000)).code).toBe('EINVAL');
    expect(kerr(() => k.connect(b, '')).code).toBe('EINVAL');
    k.close(a);
    k.bind(b, 80);
    expect(kerr(() => k.shutdown(b, 7)).code).toBe('EINVAL');
  });

  it('socket calls on an epoll descriptor: ENOTSOCK', () => {
    const k = new Kernel();
    const ep = k.epoll_create();
    expect(kerr(() => k.recv(ep, 1)).code).toBe('ENOTSOCK');
    expect(kerr(() => k.listen(ep)).code).toBe('ENOTSOCK');
  });

  it('too many open files: EMFILE at the descriptor limit', () => {
    const k = new Kernel({ maxFds: 10 });
    for (let i = 3; i < 10; i++) k.socket();
    expect(kerr(() => k.socket()).message).toMatch(/EMFILE: socket, too many open files.*maxFds/);
  });

  it('bad arguments to select, poll and join', () => {
    const k = new Kernel();
    expect(kerr(() => k.select([99], [], [], 0)).code).toBe('EBADF');
    expect(kerr(() => k.select(3 as unknown as number[], [], [], 0)).code).toBe('EINVAL');
    expect(kerr(() => k.poll({} as unknown as [], 0)).code).toBe('EINVAL');
    expect(kerr(() => k.join({} as never)).code).toBe('EINVAL');
  });

  it('a thread body that is not a generator is a TypeError with a hint', () => {
    const k = new Kernel();
    expect(() => k.spawn((() => 1) as never)).toThrow(/spawn expects a generator function/);
  });

  it('after an error the kernel keeps working', () => {
    const k = new Kernel();
    kerr(() => k.recv(3, 1));
    const s = k.socket();
    expect(s).toBe(3);
  });
});
