/**
 * A task is anything the scheduler runs: `main` (the caller's own JavaScript stack), a thread
 * (a generator body), or a peer (a scripted client or service on "another machine").
 */
import type { Core } from './core.ts';
import type { Op } from './ops.ts';

/**
 * The tasks waiting on one thing (a socket, an epoll instance, a queue, a thread for join): an
 * ordered map from task to the event bits it cares about, kept in one of two forms (core.ts
 * keeps them right): most of the time a single waiter in `waiter`/`waiterMask`, which costs no
 * allocation; with two or more, all of them in `waiters`, in the order they came. One class for
 * every kind of thing waited on, so the scheduler's accesses to it see a single object shape.
 */
export class WaitQueue {
  /** The only waiter, or null (then `waiters` holds them all, if there are any). */
  waiter: Task | null = null;
  waiterMask = 0;
  /** Waiting tasks and their bits, in arrival order, when there are two or more. */
  waiters: Map<Task, number> | null = null;
}

/** Anything a task can wait on. */
export interface Waitable {
  readonly wq: WaitQueue;
}

/** What runs the task: the caller's stack, a generator thread, or a scripted peer. */
export type TaskKind = 'main' | 'thread' | 'peer';

/** Where a thread is in its life. */
export type ThreadState = 'ready' | 'running' | 'blocked' | 'done';

/** A thread as the program sees it (returned by `spawn`). */
export interface Thread<R = unknown> {
  /** Thread id: main is 0, threads count up from 1. */
  readonly tid: number;
  /** Name used in the trace and in deadlock reports. */
  readonly name: string;
  /** Current state. */
  readonly state: ThreadState;
  /** The body's return value, once done. */
  readonly result: R | undefined;
  /** What the body threw, if it crashed. */
  readonly error: unknown;
  /** True for cooperative tasks (never preempted). */
  readonly cooperative: boolean;
}

/**
 * A scripted peer written as a state machine: `step(c)` runs it (as the current task) until it
 * blocks, returning false, or until it is finished, returning true. Cheaper than a generator for
 * the thousands of clients a lesson starts.
 */
export interface PeerMachine {
  step(c: Core): boolean;
}

/**
 * The scheduler's record of one task: what every task has, peers included. A scripted client
 * extends it (it is its own task), so every field here is a field of each of the thousands of
 * clients a lesson may start; what only the program's own tasks need is in {@link CpuTask}.
 */
export class Task {
  // Fields in the order a wake-up reads them (state, wait generation, what the task waits on,
  // kind), the rest after: an object is laid out in this order, and a scripted client is woken
  // after a long idle wait, when its task is no longer in the cache.
  state: ThreadState = 'ready';
  /** Bumped on every wake so stale timeouts can tell they are stale. */
  waitGen = 0;
  /**
   * What the task waits on (core.ts: waitOn, unwait): `waitingCount` queues, the first in
   * `firstWait` (a field: most waits are on one thing) and the others in `waitingOn`.
   */
  waitingCount = 0;
  firstWait: WaitQueue | null = null;
  readonly kind: TaskKind;
  /** A peer's state machine, when it is one instead of a generator. */
  machine: PeerMachine | null = null;
  /** Human description of the current wait, for deadlock reports. */
  waitWhat: string | (() => string) = '';
  readonly name: string;
  /** The body of a thread or of a peer written as a generator (services). */
  gen: Generator<Op, unknown, unknown> | null = null;
  waitingOn: (WaitQueue | null)[] | null = null;

  constructor(name: string, kind: TaskKind) {
    this.name = name;
    this.kind = kind;
  }
}

/**
 * A task that runs on the program's one CPU: `main` or a thread (kind `'main'` or `'thread'`;
 * peers are other machines). It adds a thread id, CPU accounting, the stack it is charged for
 * and what a thread leaves for `join`: eleven fields that the thousands of scripted clients do not carry.
 */
export class CpuTask extends Task implements Waitable, Thread {
  /** Thread id: main is 0, threads count up from 1 (peers have none). */
  readonly tid: number;
  readonly cooperative: boolean;
  /** Stack memory charged while the task lives (bytes). */
  readonly stack: number;
  /** CPU time still to burn before the task's code continues (ns). */
  cpuLeft = 0;
  /** CPU time used since the task was last given the CPU (ns), for the time slice. */
  sliceUsed = 0;
  /** Syscall CPU cost accrued by a thread since its last yield (ns), paid at the next yield. */
  debt = 0;
  result: unknown = undefined;
  error: unknown = undefined;
  failed = false;
  /** True once join() has collected a crash, so run() does not rethrow it. */
  joined = false;
  /** Tasks joining this one (made on first use: see `wq`). */
  waitq: WaitQueue | null = null;

  constructor(
    tid: number,
    name: string,
    kind: 'main' | 'thread',
    cooperative: boolean,
    stack: number,
  ) {
    super(name, kind);
    this.tid = tid;
    this.cooperative = cooperative;
    this.stack = stack;
  }

  /** The tasks waiting for this one to end (join), made on first use. */
  get wq(): WaitQueue {
    return (this.waitq ??= new WaitQueue());
  }
}

/** True for main and threads: the tasks that use the program's CPU (not peers). */
export function onTheCpu(t: Task): t is CpuTask {
  return t.kind !== 'peer';
}
