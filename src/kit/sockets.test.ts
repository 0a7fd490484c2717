import { describe, expect, it } from 'vitest';
import { Kernel, KernelError, SHUT_WR, wouldBlock } from './index.ts';

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

describe('sockets: connect, accept, send, recv', () => {
  it('hands out the lowest free descriptor, starting at 3', () => {
    const k = new Kernel();
    const a = k.socket();
    const b = k.socket();
    expect([a, b]).toEqual([3, 4]);
    k.close(a);
    expect(k.socket()).toBe(3);
  });

  it('moves bytes both ways and reports EOF as an empty read', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    expect(k.send(c, 'hello')).toBe(5);
    expect(k.recv(s, 1024)).toBe('hello');
    k.send(s, 'world');
    expect(k.recv(c, 3)).toBe('wor');
    expect(k.recv(c, 3)).toBe('ld');
    k.close(c);
    expect(k.recv(s, 1024)).toBe('');
    expect(k.recv(s, 1024)).toBe('');
  });

  it('blocking recv advances the virtual clock until data arrives', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = k.socket();
    k.bind(l, 9000);
    k.listen(l);
    k.clients(9000, [{ at: 250, send: ['late'] }]);
    const s = k.accept(l);
    expect(k.now()).toBe(250);
    expect(k.recv(s, 100)).toBe('late');
  });

  it('non-blocking recv throws EAGAIN and counts a wasted poll', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.setblocking(s, false);
    expect(code(() => k.recv(s, 10))).toBe('EAGAIN');
    expect(k.stats().wastedPolls).toBe(1);
    k.send(c, 'x');
    expect(k.recv(s, 10)).toBe('x');
  });

  it('non-blocking send writes what fits (a partial write), then EAGAIN', () => {
    const k = new Kernel({ bufferSize: 10 });
    const [, c, s] = pair(k);
    k.setblocking(c, false);
    expect(k.send(c, 'abcdefghijklmnop')).toBe(10);
    expect(code(() => k.send(c, 'more'))).toBe('EAGAIN');
    expect(k.recv(s, 4)).toBe('abcd');
    expect(k.send(c, 'klmnop')).toBe(4);
  });

  it('blocking send waits for the reader to make room and sends everything', () => {
    const k = new Kernel({ bufferSize: 8 });
    const l = k.socket();
    k.bind(l, 7000);
    k.listen(l);
    const g = k.clients(7000, [{ send: ['x'], expect: 'eof', readSize: 4, readDelay: 10 }]);
    const s = k.accept(l);
    k.recv(s, 1);
    expect(k.send(s, 'a'.repeat(40))).toBe(40);
    expect(k.now()).toBeGreaterThanOrEqual(70);
    k.close(s);
    k.run({ idle: true });
    expect(g.clients[0]?.replies[0]).toBe('a'.repeat(40));
  });

  it('non-blocking connect throws EINPROGRESS, then the socket becomes writable', () => {
    const k = new Kernel({ netDelay: 5 });
    const l = k.socket();
    k.bind(l, 8000);
    k.listen(l);
    const c = k.socket();
    k.setblocking(c, false);
    expect(code(() => k.connect(c, 8000))).toBe('EINPROGRESS');
    expect(code(() => k.connect(c, 8000))).toBe('EALREADY');
    const [, w] = k.select([], [c], [], 100);
    expect(w).toEqual([c]);
    expect(k.now()).toBeCloseTo(5, 1);
    expect(k.getsockopt(c, 'SO_ERROR')).toBe(0);
    expect(code(() => k.connect(c, 8000))).toBe('EISCONN');
  });

  it('connect to a port nobody listens on is refused', () => {
    const k = new Kernel();
    const c = k.socket();
    expect(code(() => k.connect(c, 1234))).toBe('ECONNREFUSED');
    const d = k.socket();
    k.setblocking(d, false);
    expect(code(() => k.connect(d, 1234))).toBe('EINPROGRESS');
    k.poll([{ fd: d, events: 4 }], -1);
    expect(k.getsockopt(d, 'SO_ERROR')).toBe(111);
  });

  it('a full accept queue drops SYNs; the client retries a second later', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = k.socket();
    k.bind(l, 8000);
    k.listen(l, 1);
    const g = k.clients(8000, [{ send: [] }, { send: [] }]);
    k.sleep(10);
    expect(g.clients.map((c) => c.state)).toEqual(['done', 'connecting']);
    k.accept(l);
    k.sleep(1000);
    expect(g.clients[1]?.state).toBe('done');
    expect(g.clients[1]?.connectedAt).toBe(1000);
  });

  it('shutdown(SHUT_WR) sends EOF but keeps the other direction open', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.shutdown(c, SHUT_WR);
    expect(k.recv(s, 10)).toBe('');
    k.send(s, 'still open');
    expect(k.recv(c, 100)).toBe('still open');
    expect(code(() => k.send(c, 'x'))).toBe('EPIPE');
  });

  it('writing to a peer that closed (FIN first) succeeds once, then EPIPE (RST came back)', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.close(s);
    expect(k.send(c, 'into the void')).toBe(13);
    expect(code(() => k.send(c, 'again'))).toBe('EPIPE');
    expect(code(() => k.send(c, 'again'))).toBe('EPIPE');
  });

  it('closing with unread data resets the connection: the peer gets ECONNRESET', () => {
    const k = new Kernel();
    const [, c, s] = pair(k);
    k.send(c, 'unread');
    k.close(s);
    expect(code(() => k.recv(c, 10))).toBe('ECONNRESET');
    expect(k.recv(c, 10)).toBe('');
  });

  it('a client that vanishes mid-request resets the server side', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 8000);
    k.listen(l);
    const g = k.clients(8000, [{ send: ['GET /slow'], vanishAfter: 5, read: false, hold: 100 }]);
    const s = k.accept(l);
    expect(k.recv(s, 100)).toBe('GET /slow');
    expect(code(() => k.recv(s, 100))).toBe('ECONNRESET');
    expect(g.clients[0]?.state).toBe('vanished');
  });

  it('wouldBlock() recognises EAGAIN', () => {
    const k = new Kernel();
    const [l] = pair(k);
    k.setblocking(l, false);
    try {
      k.accept(l);
      expect.unreachable();
    } catch (e) {
      expect(wouldBlock(e)).toBe(true);
      expect((e as KernelError).message).toMatch(/^EAGAIN: accept on fd 3, /);
    }
  });

  it('each EAGAIN is its own Error whose stack is its first line, as with a stack limit of 0', () => {
    const k = new Kernel();
    const [l, , s] = pair(k);
    k.setblocking(l, false);
    k.setblocking(s, false);
    const caught = (f: () => unknown): KernelError => {
      try {
        f();
      } catch (e) {
        if (e instanceof KernelError) return e;
      }
      throw new Error('no KernelError');
    };
    const a = caught(() => k.accept(l));
    const b = caught(() => k.accept(l));
    const r = caught(() => k.recv(s, 10));
    expect(a).not.toBe(b);
    expect(a).toBeInstanceOf(Error);
    expect(Object.prototype.toString.call(a)).toBe('[object Error]');
    expect(Object.keys(a)).toEqual(['code', 'errno', 'syscall', 'fd', 'name']);
    for (const e of [a, b, r]) expect(e.stack).toBe(`KernelError: ${e.message}`);
    expect(r.message).toMatch(/^EAGAIN: recv on fd 5, no data has arrived: /);
    // What V8 itself makes of the same error with Error.stackTraceLimit = 0:
    const E = Error as { stackTraceLimit?: number | undefined };
    const limit = E.stackTraceLimit;
    E.stackTraceLimit = 0;
    const v8 = new KernelError('EAGAIN', 'accept', 3, a.message.replace(/^[^,]*, /, ''));
    E.stackTraceLimit = limit;
    expect(v8.message).toBe(a.message);
    expect(a.stack).toBe(v8.stack);
    expect(Object.getOwnPropertyNames(a)).toEqual(Object.getOwnPropertyNames(v8));
    a.stack = 'rewritten by the program';
    expect(a.stack).toBe('rewritten by the program');
    expect(b.stack).toBe(`KernelError: ${b.message}`);
  });

  it('getsockname/getpeername and SO_RCVBUF', () => {
    const k = new Kernel();
    const [l, c, s] = pair(k);
    expect(k.getsockname(l)).toBe('localhost:8080');
    expect(k.getpeername(c)).toBe('localhost:8080');
    expect(k.getpeername(s)).toBe(k.getsockname(c));
    k.setsockopt(s, 'SO_RCVBUF', 100);
    expect(k.getsockopt(s, 'SO_RCVBUF')).toBe(100);
  });
});
