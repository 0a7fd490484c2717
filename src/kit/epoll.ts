/**
 * epoll's kernel side: an interest list and a ready list. A socket that changes state puts its
 * entries on their instance's ready list (that is the O(1) callback that makes epoll_wait
 * O(ready) instead of O(n)). Level-triggered entries go back on the list after being reported;
 * edge-triggered ones only come back on the next change.
 */
import { ALL_EVENTS, EPOLLET, EPOLLONESHOT, POLLERR, POLLHUP } from './constants.ts';
import type { Core } from './core.ts';
import type { EpollEvent } from './epollcalls.ts';
import type { Socket } from './socket.ts';
import { WaitQueue, type Waitable } from './task.ts';

/** One registered descriptor. */
export class EpollEntry {
  readonly fd: number;
  readonly sock: Socket;
  readonly ep: Epoll;
  events: number;
  data: unknown;
  /** EPOLLONESHOT fired: silent until EPOLL_CTL_MOD re-arms it. */
  disabled = false;
  /** Links of the instance's ready list ({@link ReadyList}). */
  queued = false;
  prev: EpollEntry | null = null;
  next: EpollEntry | null = null;

  constructor(fd: number, sock: Socket, ep: Epoll, events: number, data: unknown) {
    this.fd = fd;
    this.sock = sock;
    this.ep = ep;
    this.events = events;
    this.data = data;
  }

  /** Bits this entry reports: what was asked for, plus errors and hang-ups. */
  interest(): number {
    return (this.events & ~(EPOLLET | EPOLLONESHOT)) | POLLERR | POLLHUP;
  }
}

/**
 * An epoll instance's ready list: entries in the order they became ready, each at most once
 * (adding a queued entry leaves it where it is, as a Set would). The links live in the entries,
 * as in Linux's `rdllist`, so adding and removing cost no hashing and no allocation.
 */
export class ReadyList {
  head: EpollEntry | null = null;
  tail: EpollEntry | null = null;
  size = 0;

  /** Appends `e` unless it is already queued. */
  add(e: EpollEntry): void {
    if (e.queued) return;
    e.queued = true;
    e.prev = this.tail;
    e.next = null;
    if (this.tail === null) this.head = e;
    else this.tail.next = e;
    this.tail = e;
    this.size++;
  }

  /** Removes `e` if it is queued. */
  delete(e: EpollEntry): void {
    if (!e.queued) return;
    const { prev, next } = e;
    if (prev === null) this.head = next;
    else prev.next = next;
    if (next === null) this.tail = prev;
    else next.prev = prev;
    e.queued = false;
    e.prev = null;
    e.next = null;
    this.size--;
  }

  /** Removes and returns the oldest entry, or null. */
  shift(): EpollEntry | null {
    const e = this.head;
    if (e !== null) this.delete(e);
    return e;
  }

  /** Empties the list. */
  clear(): void {
    while (this.head !== null) this.delete(this.head);
  }
}

/**
 * An epoll instance's interest list: its entries by descriptor. Descriptors are small, dense
 * integers, so an array indexed by descriptor does what a `Map` would, without hashing and
 * without a hash table that is rebuilt as a reactor's 10,000 connections come and go.
 */
export class InterestList {
  readonly #byFd: (EpollEntry | undefined)[] = [];
  /** Number of registered descriptors. */
  size = 0;

  get(fd: number): EpollEntry | undefined {
    return this.#byFd[fd];
  }

  /** Registers `e` under its descriptor (which has none yet). */
  add(e: EpollEntry): void {
    const byFd = this.#byFd;
    // Fill any gap below `fd` so the array stays dense (no holes, no dictionary mode).
    while (byFd.length < e.fd) byFd.push(undefined);
    byFd[e.fd] = e;
    this.size++;
  }

  delete(fd: number): void {
    if (this.#byFd[fd] === undefined) return;
    this.#byFd[fd] = undefined;
    this.size--;
  }

  /** The registered entries, by descriptor. */
  *values(): IterableIterator<EpollEntry> {
    for (const e of this.#byFd) if (e !== undefined) yield e;
  }

  clear(): void {
    this.#byFd.length = 0;
    this.size = 0;
  }
}

/** An epoll instance (what epoll_create's descriptor refers to). */
export class Epoll implements Waitable {
  readonly interest = new InterestList();
  /** Entries that may be ready, in the order they became ready. */
  readonly ready = new ReadyList();
  readonly wq = new WaitQueue();
  fd = -1;
  /** Scratch space where epoll_wait gathers events before copying them out (epollcalls.ts). */
  readonly found: (EpollEvent | null)[] = [];
  /** What a task blocked in epoll_wait without a timeout waits for (made once; epollcalls.ts). */
  waitText: (() => string) | null = null;
}

/** Adds `e` to the entries watching `s` (after the ones already there). */
export function addWatcher(s: Socket, e: EpollEntry): void {
  const ws = s.watchers;
  if (ws !== null && ws.size > 0) ws.add(e);
  else if (s.watcher === null) s.watcher = e;
  else {
    // A second watcher: move to the set, the first one first.
    const set = ws ?? (s.watchers = new Set());
    set.add(s.watcher);
    set.add(e);
    s.watcher = null;
  }
}

/** Removes `e` from the entries watching `s`. */
export function removeWatcher(s: Socket, e: EpollEntry): void {
  if (s.watcher === e) s.watcher = null;
  else s.watchers?.delete(e);
}

/** Queues `e` on its instance's ready list if `mask` concerns it and the socket is ready for it. */
function queueIfReady(c: Core, s: Socket, e: EpollEntry, mask: number): void {
  if (e.disabled) return;
  const want = e.interest();
  if ((mask & want) === 0) return;
  if (s.readiness(c.clock, want) === 0) return;
  e.ep.ready.add(e);
  c.notify(e.ep.wq, ALL_EVENTS);
}

/** A socket changed (`mask` says how): wake its waiters and queue its epoll entries. */
export function sockChanged(c: Core, s: Socket, mask: number): void {
  c.notify(s, mask);
  const one = s.watcher;
  if (one !== null) {
    queueIfReady(c, s, one, mask);
    return;
  }
  const ws = s.watchers;
  if (ws === null) return;
  for (const e of ws) queueIfReady(c, s, e, mask);
}

/** Removes every epoll registration of a socket that is being closed. */
export function dropWatchers(s: Socket): void {
  const one = s.watcher;
  if (one !== null) {
    one.ep.interest.delete(one.fd);
    one.ep.ready.delete(one);
    s.watcher = null;
  }
  const ws = s.watchers;
  if (ws === null) return;
  for (const e of ws) {
    e.ep.interest.delete(e.fd);
    e.ep.ready.delete(e);
  }
  s.watchers = null;
}
