/**
 * The kernel's insides: the virtual clock, the event queue, the one CPU and the scheduler that
 * hands it to tasks, waiting and waking, and deadlock detection. Public API lives in kernel.ts.
 *
 * Time is an integer number of nanoseconds so sums stay exact; the API speaks milliseconds.
 * There is one CPU. `main` (the caller's own JavaScript stack) and threads (generators) take
 * turns on it; peers (scripted clients and services) are on other machines and never use it.
 */
import { DeadlockError, type BlockedWait } from './errors.ts';
import { EventQueue, Fifo, type EventFn } from './events.ts';
import { FdTable } from './fdtable.ts';
import { BLOCK, type Op } from './ops.ts';
import { resolveOptions, type KernelOptions, type Resolved } from './options.ts';
import { Random } from './random.ts';
import type { Socket } from './socket.ts';
import { Counters, stackCost } from './stats.ts';
import { CpuTask, onTheCpu, Task, WaitQueue } from './task.ts';
import { Tracer, type DetailFn } from './trace.ts';
import { stepTask } from './sched.ts';

/** A closure scheduled with `c.at`: the event calls it. */
function callClosure(_c: Core, fn: () => void): void {
  fn();
}

/** A blocked task's deadline: wake it, unless it was woken (and maybe blocked again) since. */
function timeoutWake(c: Core, t: Task, gen: number): void {
  if (t.state === 'blocked' && t.waitGen === gen) c.wake(t);
}

/** The end of a CPU burst of `q` ns by `t` (see `onCpu`). */
function burstDone(c: Core, t: CpuTask, q: number): void {
  c.burstDone(t, q);
}

function describeWait(t: Task): string {
  return typeof t.waitWhat === 'string' ? t.waitWhat : t.waitWhat();
}

/**
 * The run queue. Threads that used up a slice, yielded or were just created wait in round-robin
 * order; with wake-up preemption on, a task woken from a blocking call is queued ahead of them,
 * so it gets the CPU as soon as the running thread's current slice ends.
 */
export class RunQueue {
  readonly #woken = new Fifo<CpuTask>();
  readonly #rr = new Fifo<CpuTask>();

  get size(): number {
    return this.#woken.size + this.#rr.size;
  }

  /** Appends at the tail of the round-robin queue. */
  push(t: CpuTask): void {
    this.#rr.push(t);
  }

  /** Queues a just-woken task ahead of the round-robin queue. */
  pushWoken(t: CpuTask): void {
    this.#woken.push(t);
  }

  shift(): CpuTask | undefined {
    return this.#woken.shift() ?? this.#rr.shift();
  }
}

/** State shared by every part of the kit. */
export class Core {
  readonly o: Resolved;
  /** Virtual time in nanoseconds. */
  clock = 0;
  readonly events = new EventQueue<Core>();
  /** Tasks ready to run: woken tasks first (wake-up preemption), then the round-robin queue. */
  readonly ready = new RunQueue();
  readonly peerQ = new Fifo<Task>();
  readonly main: CpuTask;
  /** The task whose JavaScript is executing right now. */
  current: Task;
  /** The task that holds the CPU (running code or burning a CPU burst), or null if idle. */
  cpuOwner: CpuTask | null;
  lastOnCpu: CpuTask | null;
  mainOnCpu = true;
  readonly threads = new Set<CpuTask>();
  /** Notified when the last live thread exits. */
  readonly allDone = new WaitQueue();
  readonly crashed: CpuTask[] = [];
  readonly stats = new Counters();
  readonly tracer: Tracer;
  readonly rng: Random;
  readonly fds: FdTable;
  readonly listeners = new Map<string, Socket>();
  readonly bound = new Set<string>();
  #port = 49152;
  #tids = 1;
  #spin = 0;

  constructor(opts?: KernelOptions) {
    this.o = resolveOptions(opts);
    this.tracer = new Tracer(this.o.trace, this.o.traceLimit);
    this.rng = new Random(this.o.seed);
    this.fds = new FdTable(this.o.maxFds);
    this.main = new CpuTask(0, 'main', 'main', false, this.o.stackSize);
    this.main.state = 'running';
    this.current = this.main;
    this.cpuOwner = this.main;
    this.lastOnCpu = this.main;
    this.stats.limits = this.o;
    this.stats.stack(stackCost(this.o.stackSize, this.o, true), 1);
  }

  /** Virtual time in ms. */
  now(): number {
    return this.clock / 1e6;
  }

  nextTid(): number {
    return this.#tids++;
  }

  ephemeral(): string {
    return `localhost:${this.#port++}`;
  }

  /** Adds a trace event at the current time (cheap no-op when tracing is off). */
  trace(actor: string, event: string, fd?: number, detail?: string): void {
    if (this.tracer.on) this.tracer.add(this.clock, actor, event, fd, detail);
  }

  /**
   * {@link trace} with a detail made only if the event is still kept when the trace is read:
   * `fmt(arg, n)` (see `Tracer.addLazy`), for the events a long run records by the hundred
   * thousand (sends, receives, replies).
   */
  traceLazy<A>(
    actor: string,
    event: string,
    fd: number | undefined,
    fmt: DetailFn<A>,
    arg: A,
    n: number,
  ): void {
    if (this.tracer.on) this.tracer.addLazy(this.clock, actor, event, fd, fmt, arg, n);
  }

  /**
   * Traces that the current task blocks in `call` (on `fd`, if any): a `block` event whose detail
   * is `call: why`, which the timeline shows as "blocked in recv on fd 5". Peers are not traced,
   * nor a thread that still owes syscall CPU: it pays first, and its call then blocks again.
   */
  traceBlock(call: string, fd: number | undefined, why: string): void {
    const t = this.current;
    if (this.tracer.on && onTheCpu(t) && t.debt === 0)
      this.tracer.add(this.clock, t.name, 'block', fd, `${call}: ${why}`);
  }

  /** Runs `fn` at virtual time `t` (ns). */
  at(t: number, fn: () => void): void {
    this.events.push(t, callClosure, fn, 0);
  }

  /**
   * Runs `fn(this, a, n)` at virtual time `t` (ns): {@link at} without a closure, for the events
   * the kit schedules by the thousand (timeouts, handshakes, data arriving after a delay).
   */
  call<A>(t: number, fn: EventFn<Core, A>, a: A, n: number): void {
    this.events.push(t, fn, a, n);
  }

  /** Removes the earliest event, moves the clock to it and runs it; false if there is none. */
  #fire(): boolean {
    const ev = this.events;
    if (!ev.pop()) return false;
    if (ev.t > this.clock) this.clock = ev.t;
    const fn = ev.fn as EventFn<Core, unknown>;
    const a = ev.a;
    ev.a = null;
    fn(this, a, ev.n);
    return true;
  }

  // ---- waiting and waking ----

  /** Registers the current task as waiting on `w` (a Waitable's `wq`) for any of the `mask` bits. */
  waitOn(w: WaitQueue, mask: number): void {
    const t = this.current;
    if (t.waitingCount === 0) t.firstWait = w;
    else (t.waitingOn ??= [])[t.waitingCount - 1] = w;
    t.waitingCount++;
    const ws = w.waiters;
    if (ws !== null && ws.size > 0) ws.set(t, mask);
    else if (w.waiter === null || w.waiter === t) {
      w.waiter = t;
      w.waiterMask = mask;
    } else {
      // A second waiter: move to the map, the first one first.
      const m = ws ?? (w.waiters = new Map());
      m.set(w.waiter, w.waiterMask);
      m.set(t, mask);
      w.waiter = null;
    }
  }

  /** Marks the current task blocked (with an optional deadline, ns) and returns the op to yield. */
  block(what: string | (() => string), deadline = Infinity): Op {
    const t = this.current;
    t.state = 'blocked';
    t.waitWhat = what;
    if (deadline !== Infinity) this.#timeout(t, deadline);
    return BLOCK;
  }

  /** Wakes `t` at `deadline` (ns) unless it was woken before: an event naming the task and its
   * wait generation (stale once bumped), so a timeout allocates no closure. */
  #timeout(t: Task, deadline: number): void {
    this.events.push(deadline, timeoutWake, t, t.waitGen);
  }

  /** Removes `t` from everything it waits on. */
  unwait(t: Task): void {
    const n = t.waitingCount;
    if (n === 0) {
      t.waitGen++;
      return;
    }
    this.#leave(t, t.firstWait as WaitQueue);
    t.firstWait = null;
    // The array keeps its backing store (setting `length = 0` would free it, and the next wait allocate one).
    const on = t.waitingOn as (WaitQueue | null)[];
    for (let i = 0; i < n - 1; i++) {
      this.#leave(t, on[i] as WaitQueue);
      on[i] = null;
    }
    t.waitingCount = 0;
    t.waitGen++;
  }

  /** Takes `t` off the waiters of `w`. */
  #leave(t: Task, w: WaitQueue): void {
    if (w.waiter === t) w.waiter = null;
    else w.waiters?.delete(t);
  }

  /** Makes a blocked task ready. */
  wake(t: Task): void {
    this.#spin = 0;
    this.unwait(t);
    t.state = 'ready';
    if (this.tracer.on && t.kind !== 'peer') this.tracer.add(this.clock, t.name, 'wake');
    if (!onTheCpu(t)) this.peerQ.push(t);
    else if (this.o.wakeupPreemption) this.ready.pushWoken(t);
    else this.ready.push(t);
  }

  /** Wakes every task waiting on `w` (a Waitable's `wq`) for one of the `mask` bits. */
  notify(w: WaitQueue, mask: number): void {
    const one = w.waiter;
    if (one !== null) {
      if ((w.waiterMask & mask) !== 0) this.wake(one);
      return;
    }
    const ws = w.waiters;
    if (ws === null || ws.size === 0) return;
    for (const [t, m] of ws) if ((m & mask) !== 0) this.wake(t);
  }

  // ---- the CPU ----

  /**
   * Charges one syscall (its number in `SYS`) to the current task: main advances the clock at
   * once (it holds the CPU); a thread accrues debt, paid at its next yield.
   */
  charge(call: number): void {
    const t = this.current;
    if (!onTheCpu(t)) return;
    this.stats.call(call);
    const cost = this.o.syscallNs;
    if (cost === 0) return;
    this.stats.cpuNs += cost;
    if (t === this.main) this.advance(this.clock + cost);
    else t.debt += cost;
  }

  /** Moves the clock to `target` while main holds the CPU, running everything due on the way. */
  advance(target: number): void {
    for (;;) {
      if (this.peerQ.size > 0) this.runPeers();
      if (this.events.peekTime() > target || !this.#fire()) break;
    }
    if (target > this.clock) this.clock = target;
  }

  /** Runs ready peers until none is ready. Peers cost no CPU: they are other machines. */
  runPeers(): void {
    const saved = this.current;
    for (let p = this.peerQ.shift(); p !== undefined; p = this.peerQ.shift()) {
      this.current = p;
      stepTask(this, p);
    }
    this.current = saved;
  }

  /**
   * The scheduler loop: runs peers, dispatches ready tasks onto the idle CPU and fires timed
   * events in order until `done()`. When nothing can happen any more it returns false
   * (`idle: 'return'`) or throws a DeadlockError naming what everyone waits for.
   */
  loop(done: (() => boolean) | null, syscall: string, idle: 'throw' | 'return' = 'throw'): boolean {
    for (;;) {
      if (this.peerQ.size > 0) this.runPeers();
      // null: until main is back on the CPU (the common case; no closure per blocking call).
      if (done === null ? this.mainOnCpu : done()) return true;
      if (this.cpuOwner === null && this.ready.size > 0) {
        this.dispatch(this.ready.shift() as CpuTask);
        continue;
      }
      if (this.#fire()) continue;
      if (idle === 'return') return false;
      throw this.deadlock(syscall);
    }
  }

  /** Gives the CPU to `t`, charging a context switch if another task had it last. */
  dispatch(t: CpuTask): void {
    this.cpuOwner = t;
    t.sliceUsed = 0; // a fresh slice each time the task is picked
    if (this.lastOnCpu !== t) {
      if (this.lastOnCpu !== null) {
        this.stats.contextSwitches++;
        t.cpuLeft += t.cooperative ? this.o.greenSwitchNs : this.o.switchNs;
        if (this.tracer.on) this.trace(t.name, 'switch', undefined, `from ${this.lastOnCpu.name}`);
      }
      this.lastOnCpu = t;
    }
    this.onCpu(t);
  }

  /**
   * `t` holds the CPU: burn its pending CPU time in slices, then let its code continue. The slice
   * is counted per task across `cpu()` calls and syscall costs, so many short bursts are
   * preempted just like one long one.
   */
  onCpu(t: CpuTask): void {
    t.state = 'running';
    if (t.cpuLeft > 0) {
      if (!t.cooperative && t.sliceUsed >= this.o.sliceNs) {
        // The slice ran out exactly as the last burst ended: preempt now if someone is ready,
        // otherwise start a new slice.
        if (this.ready.size > 0) {
          this.#preempt(t);
          return;
        }
        t.sliceUsed = 0;
      }
      const q = t.cooperative ? t.cpuLeft : Math.min(this.o.sliceNs - t.sliceUsed, t.cpuLeft);
      this.events.push(this.clock + q, burstDone, t, q);
      return;
    }
    if (t === this.main) {
      this.mainOnCpu = true;
      return;
    }
    const saved = this.current;
    this.current = t;
    stepTask(this, t);
    this.current = saved;
  }

  /** `t` has burnt `q` ns of CPU: preempt it, or let it go on. */
  burstDone(t: CpuTask, q: number): void {
    t.cpuLeft -= q;
    this.stats.cpuNs += q;
    if (!t.cooperative) t.sliceUsed += q;
    if (t.cpuLeft > 0 && t.sliceUsed >= this.o.sliceNs && this.ready.size > 0) {
      // Time slice used up and someone else is ready: preempt (round robin).
      this.#preempt(t);
      return;
    }
    this.onCpu(t);
  }

  #preempt(t: CpuTask): void {
    if (this.tracer.on)
      this.trace(t.name, 'preempt', undefined, `${(t.cpuLeft / 1e6).toFixed(3)} ms of CPU left`);
    t.state = 'ready';
    this.cpuOwner = null;
    this.ready.push(t);
  }

  /** Called when the current task's non-blocking call found nothing to do (EAGAIN, empty poll). */
  wasted(syscall: string, fd: number | undefined): void {
    const t = this.current;
    if (t.kind === 'peer') return;
    this.stats.wastedPolls++;
    const frozen = this.events.size === 0 && this.ready.size === 0 && this.peerQ.size === 0;
    if (!frozen) {
      this.#spin = 0;
      return;
    }
    if (++this.#spin > this.o.spinLimit) {
      this.#spin = 0;
      const where = fd === undefined ? syscall : `${syscall} on fd ${fd}`;
      throw new DeadlockError(
        syscall,
        this.now(),
        this.#waits(),
        `busy-wait: ${t.name} polled ${this.o.spinLimit} times (${where}) while nothing else could ever happen`,
      );
    }
  }

  /** Builds the deadlock report. */
  deadlock(syscall: string): DeadlockError {
    return new DeadlockError(syscall, this.now(), this.#waits());
  }

  #waits(): BlockedWait[] {
    const waits: BlockedWait[] = [];
    const m = this.main;
    if (m.state === 'blocked') waits.push({ actor: m.name, waitingFor: describeWait(m) });
    for (const t of this.threads) {
      if (t.state === 'blocked') waits.push({ actor: t.name, waitingFor: describeWait(t) });
      else waits.push({ actor: t.name, waitingFor: `nothing (${t.state})` });
    }
    return waits;
  }
}
