/**
 * The Kernel: a deterministic simulated operating system with a virtual clock. Its calls are
 * synchronous: `k.recv(fd, 1024)` runs the whole simulation (peers, timers, other threads)
 * inside the call until data arrives, so single-threaded blocking code reads like blocking code.
 */
import { ALL_EVENTS } from './constants.ts';
import { Core } from './core.ts';
import { startClients, type ClientGroup, type ClientSpec } from './clients.ts';
import { KernelError } from './errors.ts';
import * as ep from './epollcalls.ts';
import * as mux from './muxcalls.ts';
import type { EpollEvent, EpollSpec } from './epollcalls.ts';
import type { PollFd, Timeout } from './muxcalls.ts';
import type { KernelOptions } from './options.ts';
import { toNs } from './options.ts';
import { Queue, qget, qput } from './queue.ts';
import { kernelCreated, makingKeptKernel } from './keepalive.ts';
import { noteKernel } from './registry.ts';
import { drive, mainWaits, spawnThread, type SpawnOptions } from './sched.ts';
import { startService, type ServiceOptions } from './services.ts';
import * as io from './iocalls.ts';
import * as sock from './sockcalls.ts';
import type { Address } from './sockcalls.ts';
import * as info from './sockinfo.ts';
import type { SockOpt } from './sockinfo.ts';
import { percentiles, type KernelStats, type LatencySummary } from './stats.ts';
import { Sys, type ThreadBody } from './sys.ts';
import * as tc from './taskcalls.ts';
import type { Thread } from './task.ts';
import type { TraceEvent } from './trace.ts';
import type { Random } from './random.ts';

/** Options for `k.run()`. */
export interface RunOptions {
  /** Stop at this virtual time (ms) even if threads are still running. */
  readonly until?: number;
  /** Run until nothing more can happen, and return quietly instead of reporting a deadlock. */
  readonly idle?: boolean;
}

/** A simulated kernel. See README.md for the model and examples. */
export class Kernel {
  readonly #c: Core;
  readonly #sys: Sys;
  #clientCount = 0;
  #queues = 0;

  /** Creates a kernel; every option has a default (see KernelOptions). */
  constructor(opts?: KernelOptions) {
    this.#c = new Core(opts);
    this.#sys = new Sys(this.#c);
    if (makingKeptKernel()) return; // the kit's own (keepalive.ts): not the program's
    noteKernel(this.#c); // lets the workbench find this kernel's trace (registry.ts)
    kernelCreated(() => new Kernel({ trace: false, maxFds: 16 }));
  }

  /** Virtual time in ms. */
  now(): number {
    return this.#c.now();
  }
  /** The kernel's seeded random generator. */
  get random(): Random {
    return this.#c.rng;
  }

  // ---- sockets ----
  /** socket(): a new blocking TCP-like stream socket; returns its descriptor (from 3 up). */
  socket(): number {
    return sock.socket(this.#c);
  }
  /** bind(fd, addr): a port number or 'host:port'. */
  bind(fd: number, addr: Address): void {
    sock.bind(this.#c, fd, addr);
  }
  /** listen(fd, backlog = 128). */
  listen(fd: number, backlog?: number): void {
    sock.listen(this.#c, fd, backlog);
  }
  /** accept(fd): blocks for the next connection; returns its descriptor. */
  accept(fd: number): number {
    const c = this.#c;
    if (c.current !== c.main) return drive(c, io.accept(c, fd), 'accept');
    // main's fast path: no generator unless the call has to wait.
    const s = io.acceptBegin(c, fd);
    const nfd = io.acceptTry(c, s, fd);
    if (nfd >= 0) return nfd;
    if (!s.blocking) throw sock.eagainError(c, 'accept', fd, 'no connection is waiting');
    return drive(c, io.acceptLoop(c, s, fd), 'accept');
  }
  /** connect(fd, addr): blocks until connected; EINPROGRESS if non-blocking. */
  connect(fd: number, addr: Address): void {
    drive(this.#c, io.connect(this.#c, fd, addr), 'connect');
  }
  /** recv(fd, n): up to n bytes; '' at EOF; blocks (or EAGAIN) when nothing has arrived. */
  recv(fd: number, n: number): string {
    const c = this.#c;
    if (c.current !== c.main) return drive(c, io.recv(c, fd, n), 'recv');
    const s = io.recvBegin(c, fd, n);
    const d = io.recvTry(c, s, fd, n);
    if (d !== null) return d;
    if (!s.blocking) throw sock.eagainError(c, 'recv', fd, 'no data has arrived');
    return drive(c, io.recvLoop(c, s, fd, n), 'recv');
  }
  /** send(fd, data): bytes written: all (blocking), or what fits (non-blocking, maybe partial). */
  send(fd: number, data: string): number {
    const c = this.#c;
    if (c.current !== c.main) return drive(c, io.send(c, fd, data), 'send');
    const s = io.sendBegin(c, fd, data, 'send');
    const n = io.sendTry(c, s, fd, data, 'send');
    if (n >= 0) return n;
    return drive(c, io.sendLoop(c, s, fd, data, 'send'), 'send');
  }
  /** sendall(fd, data): send until everything is written. */
  sendall(fd: number, data: string): void {
    drive(this.#c, io.sendall(this.#c, fd, data), 'sendall');
  }
  /** shutdown(fd, how): SHUT_RD, SHUT_WR or SHUT_RDWR. */
  shutdown(fd: number, how: number): void {
    sock.shutdown(this.#c, fd, how);
  }
  /** close(fd). */
  close(fd: number): void {
    sock.close(this.#c, fd);
  }
  /** setblocking(fd, flag): false makes calls fail with EAGAIN instead of blocking. */
  setblocking(fd: number, flag: boolean): void {
    sock.setblocking(this.#c, fd, flag);
  }
  /** getsockname(fd): local address. */
  getsockname(fd: number): string {
    return info.getsockname(this.#c, fd);
  }
  /** getpeername(fd): remote address. */
  getpeername(fd: number): string {
    return info.getpeername(this.#c, fd);
  }
  /** getsockopt(fd, 'SO_ERROR' | 'SO_RCVBUF' | 'SO_SNDBUF'). */
  getsockopt(fd: number, name: SockOpt): number {
    return info.getsockopt(this.#c, fd, name);
  }
  /** setsockopt(fd, 'SO_RCVBUF', bytes). */
  setsockopt(fd: number, name: SockOpt, value: number): void {
    info.setsockopt(this.#c, fd, name, value);
  }

  // ---- readiness ----
  /** select(rlist, wlist, xlist, timeout ms): the ready subsets. Descriptors must be < FD_SETSIZE. */
  select(
    r: readonly number[],
    w: readonly number[],
    x: readonly number[] = [],
    timeout?: Timeout,
  ): [number[], number[], number[]] {
    return drive(this.#c, mux.select(this.#c, r, w, x, timeout), 'select');
  }
  /** poll(fds, timeout ms): fills `revents`, returns how many entries have some. */
  poll(fds: PollFd[], timeout?: Timeout): number {
    return drive(this.#c, mux.poll(this.#c, fds, timeout), 'poll');
  }
  /** epoll_create(): a new epoll instance. */
  epoll_create(): number {
    return ep.epollCreate(this.#c);
  }
  /** epoll_ctl(epfd, EPOLL_CTL_ADD | MOD | DEL, fd, events or { events, data }). */
  epoll_ctl(epfd: number, op: number, fd: number, spec?: EpollSpec): void {
    ep.epollCtl(this.#c, epfd, op, fd, spec);
  }
  /** epoll_wait(epfd, maxevents, timeout ms): ready descriptors. */
  epoll_wait(epfd: number, maxevents: number, timeout?: Timeout): EpollEvent[] {
    const c = this.#c;
    if (c.current !== c.main)
      return drive(c, ep.epollWait(c, epfd, maxevents, timeout), 'epoll_wait');
    // main's path: a loop, no generator (a reactor blocks here once per turn).
    const e = ep.epollWaitBegin(c, epfd, maxevents);
    const deadline = mux.deadlineOf(c, timeout, 'epoll_wait');
    for (;;) {
      const out = ep.epollWaitTry(c, e, epfd, maxevents, timeout);
      if (out !== null) return out;
      if (c.clock >= deadline) {
        mux.nothingNow(c, 'epoll_wait', timeout);
        return [];
      }
      ep.epollWaitBlock(c, e, epfd, timeout, deadline);
      mainWaits(c, 'epoll_wait');
    }
  }

  // ---- time, CPU, threads ----
  /** sleep(ms): let virtual time pass. */
  sleep(ms: number): void {
    drive(this.#c, tc.sleep(this.#c, ms), 'sleep');
  }
  /** cpu(ms): compute for ms of CPU time. */
  cpu(ms: number): void {
    drive(this.#c, tc.cpu(this.#c, ms), 'cpu');
  }
  /** spawn(function* (sys) {...}, options): a new thread; EAGAIN past a thread, mapping, address-space or memory limit. */
  spawn<R>(body: ThreadBody<R>, opts?: SpawnOptions): Thread<R> {
    const sys = this.#sys;
    return spawnThread(this.#c, () => body(sys), opts) as Thread<R>;
  }
  /** join(thread): run until it ends; its result, or its error rethrown. */
  join<R>(thread: Thread<R>): R {
    return drive(this.#c, tc.join(this.#c, thread), 'join');
  }
  /**
   * run(): run the simulation until every thread has finished (DeadlockError if they cannot),
   * until virtual time `until`, or with `idle: true` until nothing more can happen.
   */
  run(opts: RunOptions = {}): void {
    const c = this.#c;
    if (c.current !== c.main)
      throw new KernelError('EDEADLK', 'run', undefined, 'run() called inside a thread');
    const until = opts.until === undefined ? Infinity : toNs(opts.until);
    const idle = opts.idle === true || until !== Infinity;
    const m = c.main;
    if (!idle && c.threads.size > 0) c.waitOn(c.allDone, ALL_EVENTS);
    c.traceBlock(
      'run',
      undefined,
      idle ? 'until nothing more can happen' : 'until every thread has finished',
    );
    c.block(idle ? 'run()' : `run(): waiting for ${c.threads.size} threads to finish`, until);
    c.mainOnCpu = false;
    c.cpuOwner = null;
    const finished = (): boolean => c.mainOnCpu || (!idle && c.threads.size === 0);
    try {
      c.loop(finished, 'run', idle ? 'return' : 'throw');
    } finally {
      c.unwait(m);
      m.state = 'running';
      c.mainOnCpu = true;
      c.cpuOwner = m;
    }
    if (until !== Infinity && c.clock < until) c.clock = until;
    const crash = c.crashed.find((t) => !t.joined);
    if (crash) {
      crash.joined = true;
      throw crash.error;
    }
  }
  /** queue(maxsize = 0): a blocking FIFO between threads (0 = unbounded). */
  queue<T>(maxsize = 0, name?: string): Queue<T> {
    return new Queue<T>(name ?? `queue${++this.#queues}`, maxsize);
  }
  /** get(queue): oldest item, blocking while empty. */
  get<T>(q: Queue<T>): T {
    return drive(this.#c, qget(this.#c, q), 'get');
  }
  /** put(queue, item): blocks while a bounded queue is full. */
  put<T>(q: Queue<T>, item: T): void {
    drive(this.#c, qput(this.#c, q, item), 'put');
  }

  // ---- scripted peers ----
  /** service(name, { latency, reply, mode }): start a remote service; returns its address. */
  service(name: string, opts?: ServiceOptions): string {
    return startService(this.#c, name, opts);
  }
  /** fetch(addr, request): blocking request/response (connect, send, recv to EOF, close). */
  fetch(addr: Address, request: string): string {
    return drive(this.#c, tc.fetch(this.#c, addr, request), 'fetch');
  }
  /** clients(addr, specs): start scripted clients; the handle shows their progress and latencies. */
  clients(addr: Address, specs: readonly ClientSpec[]): ClientGroup {
    const g = startClients(this.#c, addr, specs, this.#clientCount + 1);
    this.#clientCount += specs.length;
    return g;
  }

  // ---- measurement ----
  /** Counters: syscalls, wasted polls, switches, memory, bytes, connections, latency. */
  stats(): KernelStats {
    return this.#c.stats.snapshot(this.#c.now(), this.#c.o.memoryLimit);
  }
  /** Records a request latency (ms) for the percentiles. */
  recordLatency(ms: number): void {
    this.#c.stats.latencies.push(ms);
  }
  /** p50/p90/p99 of `values`, or of the recorded latencies. */
  percentiles(values?: readonly number[]): LatencySummary {
    return values === undefined ? this.#c.stats.latencies.summary() : percentiles(values);
  }
  /**
   * The trace events so far (a copy). A full trace (past `traceLimit`) has its first events, a
   * `cut` event saying how many were dropped, and its latest events.
   */
  trace(): TraceEvent[] {
    return this.#c.tracer.events();
  }
  /** The trace as readable text, one event per line. */
  traceText(): string {
    return this.#c.tracer.text();
  }
  /** The trace as JSON (for a timeline view). */
  traceJSON(): string {
    return this.#c.tracer.json();
  }
}
