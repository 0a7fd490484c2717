/**
 * The system-call interface inside a thread. JavaScript has one stack, so a thread cannot block
 * the way `main` does; instead its body is a generator and every kit call is `yield* sys.call()`.
 * The `yield*` marks the one place where the thread may be descheduled, exactly where a real
 * thread would block in the kernel. Same names, arguments and errors as the Kernel's calls.
 */
import type { Core } from './core.ts';
import * as ep from './epollcalls.ts';
import * as mux from './muxcalls.ts';
import type { EpollEvent, EpollSpec } from './epollcalls.ts';
import type { PollFd, Timeout } from './muxcalls.ts';
import type { Sc } from './ops.ts';
import { qget, qput, type Queue } from './queue.ts';
import { spawnThread, type SpawnOptions } from './sched.ts';
import * as io from './iocalls.ts';
import * as sock from './sockcalls.ts';
import type { Address } from './sockcalls.ts';
import * as info from './sockinfo.ts';
import type { SockOpt } from './sockinfo.ts';
import * as tc from './taskcalls.ts';
import type { CpuTask, Thread } from './task.ts';

/** A thread body: a generator function that receives the thread's `sys`. */
export type ThreadBody<R> = (sys: Sys) => Sc<R>;

/** Wraps a plain (non-blocking) call so threads use one rule: every call is `yield*`. */
function* now<T>(f: () => T): Sc<T> {
  return f();
}

/** Kit calls for code running inside a thread (`yield* sys.recv(fd, 1024)`). */
export class Sys {
  readonly #c: Core;

  constructor(c: Core) {
    this.#c = c;
  }

  /** Virtual time in ms (not a system call: no yield needed). */
  now(): number {
    return this.#c.now();
  }

  /** The calling thread. */
  self(): Thread {
    return this.#c.current as CpuTask; // thread bodies run as threads (peers have no `sys`)
  }

  /** socket(): a new blocking stream socket. */
  socket(): Sc<number> {
    return now(() => sock.socket(this.#c));
  }
  /** bind(fd, addr). */
  bind(fd: number, addr: Address): Sc<void> {
    return now(() => sock.bind(this.#c, fd, addr));
  }
  /** listen(fd, backlog = 128). */
  listen(fd: number, backlog?: number): Sc<void> {
    return now(() => sock.listen(this.#c, fd, backlog));
  }
  /** accept(fd): the next connection's descriptor. */
  accept(fd: number): Sc<number> {
    return io.accept(this.#c, fd);
  }
  /** connect(fd, addr). */
  connect(fd: number, addr: Address): Sc<void> {
    return io.connect(this.#c, fd, addr);
  }
  /** recv(fd, n): up to n bytes, '' at EOF. */
  recv(fd: number, n: number): Sc<string> {
    return io.recv(this.#c, fd, n);
  }
  /** send(fd, data): bytes written. */
  send(fd: number, data: string): Sc<number> {
    return io.send(this.#c, fd, data);
  }
  /** sendall(fd, data). */
  sendall(fd: number, data: string): Sc<void> {
    return io.sendall(this.#c, fd, data);
  }
  /** shutdown(fd, how). */
  shutdown(fd: number, how: number): Sc<void> {
    return now(() => sock.shutdown(this.#c, fd, how));
  }
  /** close(fd). */
  close(fd: number): Sc<void> {
    return now(() => sock.close(this.#c, fd));
  }
  /** setblocking(fd, flag). */
  setblocking(fd: number, flag: boolean): Sc<void> {
    return now(() => sock.setblocking(this.#c, fd, flag));
  }
  /** getsockname(fd): local address. */
  getsockname(fd: number): Sc<string> {
    return now(() => info.getsockname(this.#c, fd));
  }
  /** getpeername(fd): remote address, or ENOTCONN. */
  getpeername(fd: number): Sc<string> {
    return now(() => info.getpeername(this.#c, fd));
  }
  /** getsockopt(fd, name). */
  getsockopt(fd: number, name: SockOpt): Sc<number> {
    return now(() => info.getsockopt(this.#c, fd, name));
  }
  /** setsockopt(fd, 'SO_RCVBUF', bytes). */
  setsockopt(fd: number, name: SockOpt, value: number): Sc<void> {
    return now(() => info.setsockopt(this.#c, fd, name, value));
  }
  /** select(rlist, wlist, xlist, timeout). */
  select(
    r: readonly number[],
    w: readonly number[],
    x: readonly number[],
    timeout?: Timeout,
  ): Sc<[number[], number[], number[]]> {
    return mux.select(this.#c, r, w, x, timeout);
  }
  /** poll(fds, timeout). */
  poll(fds: PollFd[], timeout?: Timeout): Sc<number> {
    return mux.poll(this.#c, fds, timeout);
  }
  /** epoll_create(). */
  epoll_create(): Sc<number> {
    return now(() => ep.epollCreate(this.#c));
  }
  /** epoll_ctl(epfd, op, fd, events). */
  epoll_ctl(epfd: number, op: number, fd: number, spec?: EpollSpec): Sc<void> {
    return now(() => ep.epollCtl(this.#c, epfd, op, fd, spec));
  }
  /** epoll_wait(epfd, maxevents, timeout). */
  epoll_wait(epfd: number, maxevents: number, timeout?: Timeout): Sc<EpollEvent[]> {
    return ep.epollWait(this.#c, epfd, maxevents, timeout);
  }
  /** sleep(ms). */
  sleep(ms: number): Sc<void> {
    return tc.sleep(this.#c, ms);
  }
  /** cpu(ms): compute for ms of CPU time (preemptible at time-slice boundaries). */
  cpu(ms: number): Sc<void> {
    return tc.cpu(this.#c, ms);
  }
  /** sched_yield(): give the CPU to another ready thread. */
  yield(): Sc<void> {
    return tc.schedYield(this.#c);
  }
  /** spawn(body, options): start another thread. */
  spawn<R>(body: ThreadBody<R>, opts?: SpawnOptions): Sc<Thread<R>> {
    return now(() => spawnThread(this.#c, () => body(this), opts) as Thread<R>);
  }
  /** join(thread): wait for it; its result, or its error rethrown. */
  join<R>(thread: Thread<R>): Sc<R> {
    return tc.join(this.#c, thread);
  }
  /** get(queue): oldest item, blocking while empty. */
  get<T>(q: Queue<T>): Sc<T> {
    return qget(this.#c, q);
  }
  /** put(queue, item): blocks while a bounded queue is full. */
  put<T>(q: Queue<T>, item: T): Sc<void> {
    return qput(this.#c, q, item);
  }
  /** fetch(addr, request): connect, send, read the reply to EOF, close. */
  fetch(addr: Address, request: string): Sc<string> {
    return tc.fetch(this.#c, addr, request);
  }
}
