/**
 * The data-moving socket calls: accept, connect, recv, send, sendall. They can block, so they are
 * generators: main drives them synchronously, threads `yield*` them.
 */
import { ALL_EVENTS, POLLERR, POLLHUP, POLLIN, POLLOUT } from './constants.ts';
import type { Core } from './core.ts';
import { KernelError } from './errors.ts';
import { netConnect, netRecv, netSend } from './net.ts';
import type { Sc } from './ops.ts';
import type { Socket, SockState } from './socket.ts';
import { addressOf, eagain, sockOf, type Address } from './sockcalls.ts';
import { preview } from './trace.ts';
import { SYS } from './stats.ts';

/** accept's checks before it looks at the queue: a listening socket. */
export function acceptBegin(c: Core, fd: number): Socket {
  c.charge(SYS.accept);
  const s = sockOf(c, fd, 'accept');
  if (s.state !== 'listening')
    throw new KernelError(
      'EINVAL',
      'accept',
      fd,
      'which is not listening: call bind() and listen() first',
    );
  return s;
}

/** One look at the accept queue: the new descriptor, or -1 when the call would wait. */
export function acceptTry(c: Core, s: Socket, fd: number): number {
  if (s.state !== 'listening')
    throw new KernelError('EBADF', 'accept', fd, 'which was closed while accept() waited on it');
  const conn = s.backlog.peek();
  if (conn === undefined) return -1;
  const nfd = c.fds.alloc(conn, 'accept');
  s.backlog.shift();
  conn.fd = nfd;
  conn.accepted = true;
  c.stats.accepted++;
  c.stats.mem(c.o.socketMemory);
  if (c.tracer.on) c.trace(c.current.name, 'accept', fd, `fd ${nfd} from ${conn.remote ?? '?'}`);
  return nfd;
}

/** accept(fd): the next completed connection, as a new descriptor. */
export function* accept(c: Core, fd: number): Sc<number> {
  return yield* acceptLoop(c, acceptBegin(c, fd), fd);
}

/** accept after its checks: EAGAIN, or wait until a connection is queued. */
export function* acceptLoop(c: Core, s: Socket, fd: number): Sc<number> {
  for (;;) {
    const nfd = acceptTry(c, s, fd);
    if (nfd >= 0) return nfd;
    if (!s.blocking) return yield* eagain(c, 'accept', fd, 'no connection is waiting');
    c.waitOn(s.wq, POLLIN | POLLERR);
    c.traceBlock('accept', fd, 'waiting for a connection');
    yield c.block(() => `accept on fd ${fd} (no client is connecting to ${s.local ?? '?'})`);
  }
}

/** connect(fd, addr): blocking waits for the handshake; non-blocking throws EINPROGRESS. */
export function* connect(c: Core, fd: number, addr: Address): Sc<void> {
  c.charge(SYS.connect);
  const s = sockOf(c, fd, 'connect');
  const a = addressOf(addr, 'connect', fd);
  if (s.state === 'connected')
    throw new KernelError(
      'EISCONN',
      'connect',
      fd,
      `which is already connected to ${s.remote ?? '?'}`,
    );
  if (s.state === 'listening')
    throw new KernelError('EINVAL', 'connect', fd, 'which is a listening socket');
  if (s.state === 'connecting') {
    if (!s.blocking)
      throw new KernelError(
        'EALREADY',
        'connect',
        fd,
        `a connect to ${s.remote ?? '?'} is already in progress`,
      );
  } else {
    netConnect(c, s, a);
    c.trace(c.current.name, 'connect', fd, a);
    if (!s.blocking)
      throw new KernelError(
        'EINPROGRESS',
        'connect',
        fd,
        `connecting to ${a} in progress: wait for POLLOUT, then read SO_ERROR`,
      );
  }
  for (;;) {
    // Read the state afresh: the handshake changes it behind TypeScript's back.
    const state = s.state as SockState;
    if (state === 'connected') return;
    if (state === 'closed')
      throw new KernelError(
        'EBADF',
        'connect',
        fd,
        'which was closed while connect() waited on it',
      );
    if (state !== 'connecting') throw takeError(s, 'connect', fd);
    c.waitOn(s.wq, ALL_EVENTS);
    c.traceBlock('connect', fd, 'waiting for the handshake');
    yield c.block(() => `connect on fd ${fd} to ${s.remote ?? '?'}`);
  }
}

/** Turns a socket's pending error into a KernelError and clears it. */
function takeError(s: Socket, syscall: string, fd: number): KernelError {
  const code = s.error ?? 'ECONNREFUSED';
  s.error = null;
  const why =
    code === 'ETIMEDOUT'
      ? `no answer from ${s.remote ?? '?'} (its accept queue stayed full)`
      : `nothing is listening at ${s.remote ?? '?'}`;
  return new KernelError(code, syscall, fd, why);
}

/** recv's checks before it looks for data: a socket and a sane size. */
export function recvBegin(c: Core, fd: number, n: number): Socket {
  c.charge(SYS.recv);
  const s = sockOf(c, fd, 'recv');
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new KernelError(
      'EINVAL',
      'recv',
      fd,
      `buffer size must be a whole number >= 0 (got ${String(n)})`,
    );
  return s;
}

/**
 * One look for data: up to `n` bytes ('' at EOF), or null when the call would wait. A null
 * changes nothing, so the caller may simply look again.
 */
export function recvTry(c: Core, s: Socket, fd: number, n: number): string | null {
  const state = s.state;
  if (state === 'connected') {
    const d = netRecv(c, s, n, 'recv');
    if (d === null) return null;
    c.stats.bytesReceived += d.length;
    if (c.tracer.on) c.traceLazy(c.current.name, 'recv', fd, recvDetail, d, n);
    return d;
  }
  if (state === 'listening')
    throw new KernelError(
      'ENOTCONN',
      'recv',
      fd,
      'which is a listening socket: accept() a connection and recv on that',
    );
  if (state === 'closed')
    throw new KernelError('EBADF', 'recv', fd, 'which was closed while recv() waited on it');
  if (state === 'new' || state === 'bound') {
    if (s.error !== null) throw takeError(s, 'recv', fd);
    throw new KernelError('ENOTCONN', 'recv', fd, 'which is not connected');
  }
  return null;
}

/** recv(fd, n): up to n bytes; '' means EOF (the peer closed its side). */
export function* recv(c: Core, fd: number, n: number): Sc<string> {
  return yield* recvLoop(c, recvBegin(c, fd, n), fd, n);
}

/** recv after its checks: data, EAGAIN, or wait until something arrives. */
export function* recvLoop(c: Core, s: Socket, fd: number, n: number): Sc<string> {
  for (;;) {
    const d = recvTry(c, s, fd, n);
    if (d !== null) return d;
    if (!s.blocking) return yield* eagain(c, 'recv', fd, 'no data has arrived');
    c.waitOn(s.wq, ALL_EVENTS);
    c.traceBlock('recv', fd, 'waiting for data');
    yield c.block(() => `recv on fd ${fd} (waiting for data from ${s.remote ?? '?'})`);
  }
}

/** send's checks before it moves data: a socket and a string. */
export function sendBegin(c: Core, fd: number, data: string, syscall: string): Socket {
  c.charge(syscall === 'send' ? SYS.send : SYS.sendall);
  const s = sockOf(c, fd, syscall);
  if (typeof data !== 'string')
    throw new KernelError('EINVAL', syscall, fd, 'data must be a string (one character per byte)');
  return s;
}

/**
 * send's common case in one step: a healthy connection whose peer has room for all of `data`.
 * Returns the count sent, or -1 (nothing done) when the full loop must decide.
 */
export function sendTry(c: Core, s: Socket, fd: number, data: string, syscall: string): number {
  if (s.state !== 'connected' || s.wrShut || s.reset) return -1;
  const p = s.peer;
  if (p === null || p.state === 'closed' || p.rx.free() < data.length) return -1;
  const n = netSend(c, s, data) as number;
  c.stats.bytesSent += n;
  if (c.tracer.on) c.traceLazy(c.current.name, syscall, fd, sentDetail, data, n);
  return n;
}

/** The trace's detail of a receive of `d` asked for `n` bytes (made when read: `traceLazy`). */
function recvDetail(d: string, n: number): string {
  return d.length === 0 && n > 0 ? 'EOF' : `${preview(d)} (${d.length} bytes)`;
}

/** The trace's detail of a send that wrote `n` bytes of `data` (made when read). */
function sentDetail(data: string, n: number): string {
  return `${n} of ${data.length} bytes ${preview(data)}`;
}

/**
 * send(fd, data): blocking sends everything (waiting for buffer space) and returns data.length;
 * non-blocking sends what fits and returns that count (a partial write), or throws EAGAIN.
 */
export function* send(c: Core, fd: number, data: string, syscall = 'send'): Sc<number> {
  return yield* sendLoop(c, sendBegin(c, fd, data, syscall), fd, data, syscall);
}

/** send after its checks: moves what fits, then EAGAIN, a partial count, or waits for space. */
export function* sendLoop(
  c: Core,
  s: Socket,
  fd: number,
  data: string,
  syscall: string,
): Sc<number> {
  let sent = 0;
  for (;;) {
    if (s.state === 'closed')
      throw new KernelError('EBADF', syscall, fd, 'which was closed while send() waited on it');
    if (s.state === 'new' || s.state === 'bound' || s.state === 'listening') {
      if (s.error !== null) throw takeError(s, syscall, fd);
      throw new KernelError('EPIPE', syscall, fd, 'which is not connected');
    }
    if (s.state === 'connected') {
      const err = sendError(s, syscall, fd);
      if (err !== null) {
        if (sent > 0) return sent;
        throw err;
      }
      const n = netSend(c, s, sent === 0 ? data : data.slice(sent));
      if (n !== null) {
        sent += n;
        c.stats.bytesSent += n;
        if (sent === data.length || !s.blocking) {
          if (c.tracer.on)
            c.trace(
              c.current.name,
              syscall,
              fd,
              `${sent} of ${data.length} bytes ${preview(data)}`,
            );
          return sent;
        }
        continue;
      }
    }
    if (!s.blocking) return yield* eagain(c, syscall, fd, 'the send buffer is full');
    c.waitOn(s.wq, POLLOUT | POLLERR | POLLHUP);
    if (c.tracer.on) c.traceBlock(syscall, fd, `buffer full, ${data.length - sent} bytes to go`);
    yield c.block(
      () => `${syscall} on fd ${fd} (send buffer full: ${s.remote ?? 'the peer'} is not reading)`,
    );
  }
}

function sendError(s: Socket, syscall: string, fd: number): KernelError | null {
  if (s.wrShut)
    return new KernelError(
      'EPIPE',
      syscall,
      fd,
      'after shutdown(SHUT_WR): this side can no longer send',
    );
  if (!s.reset) return null;
  if (!s.resetReported) {
    s.resetReported = true;
    if (s.resetError === 'EPIPE') {
      // tcp_reset() in CLOSE_WAIT: the peer had closed (FIN), our data brought back an RST.
      return new KernelError(
        'EPIPE',
        syscall,
        fd,
        'broken pipe: the peer closed the connection and answered our data with RST',
      );
    }
    return new KernelError('ECONNRESET', syscall, fd, 'connection reset by peer');
  }
  return new KernelError('EPIPE', syscall, fd, 'broken pipe: the peer reset the connection');
}

/** sendall(fd, data): send until everything is written (EAGAIN part-way if non-blocking). */
export function* sendall(c: Core, fd: number, data: string): Sc<void> {
  let off = 0;
  do off += yield* send(c, fd, off === 0 ? data : data.slice(off), 'sendall');
  while (off < data.length);
}
