/**
 * A TCP-like stream socket. Both ends of every connection are Socket objects: the program's
 * (reached through descriptors) and the peers' (held directly by scripted clients and services,
 * which live on "other machines" and use none of the program's descriptors).
 */
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT } from './constants.ts';
import type { EpollEntry } from './epoll.ts';
import { Fifo } from './events.ts';
import type { ErrorCode } from './errors.ts';
import { Pipe } from './pipe.ts';
import type { WaitQueue, Waitable } from './task.ts';

// The bits of a socket's `#flags`.
const BLOCKING = 1;
const RD_SHUT = 2;
const WR_SHUT = 4;
const RESET = 8;
/** Set: the reset's pending error is EPIPE; clear: ECONNRESET. */
const RESET_EPIPE = 16;
const RESET_REPORTED = 32;
const RST_SENT = 64;
const OWNS_ADDR = 128;
const ACCEPTED = 256;

/** The state of a socket that most sockets never need (see `Socket.#rare`). */
class SocketRare {
  error: ErrorCode | null = null;
  synTries = 0;
  backlog: Fifo<Socket> | null = null;
  backlogMax = 0;
  watchers: Set<EpollEntry> | null = null;
}

/** Life cycle of a socket, as `ss` would show it (simplified). */
export type SockState = 'new' | 'bound' | 'listening' | 'connecting' | 'connected' | 'closed';

/**
 * One end of a stream connection (or a listening socket).
 *
 * Its incoming bytes (`rx`) are a {@link Pipe}, and the socket *is* that pipe: `Socket extends
 * Pipe` and `rx` returns the socket itself. That is a trick for speed, not a claim about
 * sockets: a separate pipe object would be one more object per connection end for the garbage
 * collector to copy while the connection lives, and one more pointer to follow (a likely cache
 * miss among 10,000 connections) on every send, receive and readiness check. Read `s.rx.x` as
 * "the receive queue's x"; only the Pipe's own code touches its fields.
 */
export class Socket extends Pipe implements Waitable {
  /** Actor that owns it, for the trace ('program' for the program's sockets). */
  readonly owner: string;
  /** The program's descriptor for it, or -1 (peer sockets, or not yet accepted). */
  fd = -1;
  state: SockState = 'new';
  local: string | null = null;
  remote: string | null = null;
  peer: Socket | null = null;
  /**
   * Virtual time (ns) at which the peer's FIN arrives (after it, reads return EOF), or -1 while
   * none is on its way: see `finBy`. Not `Infinity`: a field holding a number that is not a small
   * integer gets a heap-allocated box of its own in V8, one more object per socket.
   */
  finAt = -1;
  /**
   * The socket's yes/no state, one bit each (see the accessors below). One small integer instead
   * of nine fields: V8 gives every field of an object 8 bytes, and a socket that is smaller
   * costs less to allocate, to copy in the garbage collector and to bring back into the cache
   * when its connection wakes after a long idle wait (10,000 of them in the echo benchmark).
   */
  #flags = BLOCKING;
  /**
   * What few sockets ever need (listening, failed connects, retried SYNs, a second epoll
   * watcher), made on first use; null for an ordinary connection end. Same reason as `#flags`.
   */
  #rare: SocketRare | null = null;
  /**
   * The epoll entries watching this socket, kept like a WaitQueue's waiters (epoll.ts keeps them
   * right): the only one in `watcher`; once two watch it at a time, all of them in `watchers`, in
   * the order they were added, until that set is empty again.
   */
  watcher: EpollEntry | null = null;

  /** The rarely used part, made now if it does not exist yet. */
  private more(): SocketRare {
    return (this.#rare ??= new SocketRare());
  }

  private flag(bit: number, on: boolean): void {
    this.#flags = on ? this.#flags | bit : this.#flags & ~bit;
  }

  // The flags, as the fields they replace (readable code elsewhere; V8 inlines accessors).
  /** Calls block (the default) or throw EAGAIN (`setblocking(fd, false)`). */
  get blocking(): boolean {
    return (this.#flags & BLOCKING) !== 0;
  }
  set blocking(on: boolean) {
    this.flag(BLOCKING, on);
  }
  /** shutdown(SHUT_RD) was called: reads return EOF. */
  get rdShut(): boolean {
    return (this.#flags & RD_SHUT) !== 0;
  }
  set rdShut(on: boolean) {
    this.flag(RD_SHUT, on);
  }
  /** shutdown(SHUT_WR) was called: our FIN is sent. */
  get wrShut(): boolean {
    return (this.#flags & WR_SHUT) !== 0;
  }
  set wrShut(on: boolean) {
    this.flag(WR_SHUT, on);
  }
  /** The peer reset the connection (RST): unread data is gone. */
  get reset(): boolean {
    return (this.#flags & RESET) !== 0;
  }
  set reset(on: boolean) {
    this.flag(RESET, on);
  }
  /**
   * The error the RST left pending (Linux's `sk_err`): `EPIPE` if the peer's FIN had arrived
   * first (CLOSE_WAIT), `ECONNRESET` otherwise. `tcp_reset()` in net/ipv4/tcp_input.c.
   */
  get resetError(): 'EPIPE' | 'ECONNRESET' {
    return (this.#flags & RESET_EPIPE) !== 0 ? 'EPIPE' : 'ECONNRESET';
  }
  set resetError(code: 'EPIPE' | 'ECONNRESET') {
    this.flag(RESET_EPIPE, code === 'EPIPE');
  }
  get resetReported(): boolean {
    return (this.#flags & RESET_REPORTED) !== 0;
  }
  set resetReported(on: boolean) {
    this.flag(RESET_REPORTED, on);
  }
  /** An RST is already on its way back to our peer (we wrote to a closed peer). */
  get rstSent(): boolean {
    return (this.#flags & RST_SENT) !== 0;
  }
  set rstSent(on: boolean) {
    this.flag(RST_SENT, on);
  }
  /** This socket bound `local` (bind, or listen without bind): close frees the address. */
  get ownsAddr(): boolean {
    return (this.#flags & OWNS_ADDR) !== 0;
  }
  set ownsAddr(on: boolean) {
    this.flag(OWNS_ADDR, on);
  }
  /** Created by accept(): closing it counts as a connection served. */
  get accepted(): boolean {
    return (this.#flags & ACCEPTED) !== 0;
  }
  set accepted(on: boolean) {
    this.flag(ACCEPTED, on);
  }

  // The rare part, as the fields it replaces. Writing a default (null, 0) makes nothing.
  /** A pending error (failed connect), reported by the next call or SO_ERROR. */
  get error(): ErrorCode | null {
    const r = this.#rare;
    return r === null ? null : r.error;
  }
  set error(code: ErrorCode | null) {
    if (code !== null || this.#rare !== null) this.more().error = code;
  }
  /** SYNs sent again because the listener's accept queue was full. */
  get synTries(): number {
    const r = this.#rare;
    return r === null ? 0 : r.synTries;
  }
  set synTries(n: number) {
    if (n !== 0 || this.#rare !== null) this.more().synTries = n;
  }
  /** accept queue length limit (listen's backlog). */
  get backlogMax(): number {
    const r = this.#rare;
    return r === null ? 0 : r.backlogMax;
  }
  set backlogMax(n: number) {
    if (n !== 0 || this.#rare !== null) this.more().backlogMax = n;
  }
  /** The epoll entries watching this socket when there are two or more (see `watcher`). */
  get watchers(): Set<EpollEntry> | null {
    const r = this.#rare;
    return r === null ? null : r.watchers;
  }
  set watchers(set: Set<EpollEntry> | null) {
    if (set !== null || this.#rare !== null) this.more().watchers = set;
  }

  constructor(owner: string, cap: number) {
    super(cap);
    this.owner = owner;
  }

  /** Incoming bytes: in flight plus the receive buffer (the socket itself: see above). */
  get rx(): Pipe {
    return this;
  }

  /**
   * Completed connections waiting for accept (listening sockets; made on first use). A ring
   * buffer, not an array: an array used as a queue that is pushed and shifted one item at a time
   * gets a new backing store from V8 at each push after it emptied, one allocation per connection.
   */
  get backlog(): Fifo<Socket> {
    return (this.more().backlog ??= new Fifo<Socket>());
  }

  /**
   * The tasks waiting on this socket: the socket itself, which is a `WaitQueue` (through `Pipe`).
   * A separate queue object would be one more object per connection end, and one more to bring
   * back into the cache each time data wakes a client blocked on its socket.
   */
  get wq(): WaitQueue {
    return this;
  }

  /** True once the peer's FIN has arrived (by virtual time `now`, ns). */
  finBy(now: number): boolean {
    return this.finAt >= 0 && this.finAt <= now;
  }

  /** True once the peer's FIN has arrived and all data before it has been read. */
  eof(now: number): boolean {
    return this.finBy(now) && this.rx.len === 0;
  }

  /** Current readiness, as poll(2) bits. */
  events(now: number): number {
    switch (this.state) {
      case 'listening':
        return this.backlog.size > 0 ? POLLIN : 0;
      case 'connecting':
        return 0;
      case 'closed':
        return POLLNVAL;
      case 'new':
      case 'bound':
        // Linux reports an unconnected TCP socket as writable and hung up.
        return this.error === null ? POLLOUT | POLLHUP : POLLOUT | POLLHUP | POLLERR;
      case 'connected':
        break;
    }
    let m = 0;
    if (this.reset || this.rdShut || this.rx.readableAt(now) || this.finBy(now)) m |= POLLIN;
    const p = this.peer;
    // Like tcp_poll: once this side can no longer send (shutdown(SHUT_WR), or a reset), a write
    // would not block (it fails at once), so the socket is reported writable.
    if (this.wrShut || this.reset || p === null || p.state === 'closed' || p.rx.free() > 0) {
      m |= POLLOUT;
    }
    if (this.reset || this.error !== null) m |= POLLERR;
    if (this.reset || (this.wrShut && this.finBy(now))) m |= POLLHUP;
    return m;
  }

  /**
   * `events(now) & want`. A connected socket asked for no POLLOUT skips the writability check,
   * which is the only part that looks at the peer (two objects fewer to touch per check).
   */
  readiness(now: number, want: number): number {
    if (this.state !== 'connected' || (want & POLLOUT) !== 0) return this.events(now) & want;
    let m = 0;
    if (this.reset || this.rdShut || this.rx.readableAt(now) || this.finBy(now)) m |= POLLIN;
    if (this.reset || this.error !== null) m |= POLLERR;
    if (this.reset || (this.wrShut && this.finBy(now))) m |= POLLHUP;
    return m & want;
  }
}

/** Normalises an address: a number is a port on localhost; 0.0.0.0, 127.0.0.1 and * mean localhost. */
export function normalizeAddress(addr: string | number): string | null {
  if (typeof addr === 'number') {
    return Number.isInteger(addr) && addr > 0 && addr < 65536 ? `localhost:${addr}` : null;
  }
  if (typeof addr !== 'string') return null;
  const a = addr.trim();
  const i = a.lastIndexOf(':');
  if (i < 0) return a.length > 0 ? `${a}:80` : null;
  if (i === a.length - 1) return null;
  const host = a.slice(0, i);
  const local = ['', '0.0.0.0', '127.0.0.1', '*', '::'].includes(host);
  return `${local ? 'localhost' : host}:${a.slice(i + 1)}`;
}
