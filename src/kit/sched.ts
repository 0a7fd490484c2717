/**
 * Running tasks: stepping a generator until it blocks, creating threads and peers, and driving a
 * system-call generator synchronously for `main` so blocking code needs no `await` or `yield`.
 */
import { ALL_EVENTS } from './constants.ts';
import type { Core } from './core.ts';
import { KernelError } from './errors.ts';
import { BLOCK, CPU, type Op, type Sc } from './ops.ts';
import { spawnRefusal, stackCost, SYS } from './stats.ts';
import { CpuTask, onTheCpu, Task, type PeerMachine } from './task.ts';

/** Options for `spawn`. */
export interface SpawnOptions {
  /** Name in the trace and deadlock reports. Default `T<tid>`. */
  readonly name?: string;
  /** A cooperative task is never preempted and switches cheaply (green threads, coroutines). */
  readonly cooperative?: boolean;
  /** Stack memory to charge for this thread. Default: the kernel's `stackSize`. */
  readonly stackSize?: number;
}

/**
 * Resumes `t` (its generator, or a peer's state machine) until it blocks, needs the CPU, yields
 * the CPU or ends.
 */
export function stepTask(c: Core, t: Task): void {
  if (t.machine !== null) {
    stepMachine(c, t, t.machine);
    return;
  }
  const gen = t.gen;
  if (gen === null) return;
  for (;;) {
    let r: IteratorResult<Op, unknown>;
    try {
      r = gen.next();
    } catch (e) {
      exitTask(c, t, e, true);
      return;
    }
    if (r.done === true) {
      exitTask(c, t, r.value, false);
      return;
    }
    const op = r.value;
    if (!onTheCpu(t)) {
      // Peers run on other machines: no CPU, no debt. Only blocking stops them.
      if (op === BLOCK) return;
      continue;
    }
    if (t.debt > 0) {
      // Pay the syscalls' CPU cost first. The generator then resumes and re-checks its
      // condition, so a wait registered before paying is simply dropped.
      if (op === BLOCK) c.unwait(t);
      t.cpuLeft += t.debt;
      t.debt = 0;
      c.onCpu(t);
      return;
    }
    if (op === BLOCK) {
      c.cpuOwner = null;
      return;
    }
    if (op === CPU) {
      if (t.cpuLeft > 0) {
        c.onCpu(t);
        return;
      }
      continue;
    }
    // sched_yield (or a paid EAGAIN): let another ready task run, if any.
    if (c.ready.size === 0) continue;
    t.state = 'ready';
    c.cpuOwner = null;
    c.ready.push(t);
    return;
  }
}

/** Resumes a peer that is a state machine until it blocks or ends. */
function stepMachine(c: Core, t: Task, m: PeerMachine): void {
  let done: boolean;
  try {
    done = m.step(c);
  } catch (e) {
    exitTask(c, t, e, true);
    return;
  }
  if (done) exitTask(c, t, undefined, false);
}

/** Ends a task: records its result or crash, frees its stack, wakes joiners. */
export function exitTask(c: Core, t: Task, value: unknown, failed: boolean): void {
  t.state = 'done';
  t.gen = null;
  t.machine = null;
  c.unwait(t);
  if (!onTheCpu(t)) {
    // A scripted peer threw: a bug in a handler or in the kit. Never swallow it.
    if (failed) throw value;
    return;
  }
  if (failed) {
    t.error = value;
    t.failed = true;
    c.crashed.push(t);
    c.trace(t.name, 'crash', undefined, value instanceof Error ? value.message : String(value));
  } else {
    t.result = value;
    c.trace(t.name, 'exit');
  }
  c.threads.delete(t);
  c.stats.liveThreads--;
  c.stats.stack(stackCost(t.stack, c.o), -1);
  c.cpuOwner = null;
  if (t.waitq !== null) c.notify(t.waitq, ALL_EVENTS);
  if (c.threads.size === 0) c.notify(c.allDone, ALL_EVENTS);
}

/** Creates a thread from a generator factory, or throws EAGAIN like pthread_create. */
export function spawnThread(c: Core, make: () => Sc<unknown>, opts: SpawnOptions = {}): CpuTask {
  c.charge(SYS.spawn);
  const stack = opts.stackSize ?? c.o.stackSize;
  const cost = stackCost(stack, c.o);
  const refused = spawnRefusal(c.stats, c.o, cost, c.threads.size);
  if (refused !== null) throw new KernelError('EAGAIN', 'spawn', undefined, refused);
  const gen: unknown = make();
  if (typeof gen !== 'object' || gen === null || typeof (gen as Sc<unknown>).next !== 'function') {
    throw new TypeError('spawn expects a generator function: k.spawn(function* (sys) { ... })');
  }
  const tid = c.nextTid();
  const t = new CpuTask(tid, opts.name ?? `T${tid}`, 'thread', opts.cooperative === true, stack);
  t.gen = gen as Sc<unknown>;
  c.threads.add(t);
  c.stats.threadsCreated++;
  c.stats.liveThreads++;
  if (c.stats.liveThreads > c.stats.peakThreads) c.stats.peakThreads = c.stats.liveThreads;
  c.stats.stack(cost, 1);
  // A new thread gets wake-up preemption too (Linux: wake_up_new_task → wakeup_preempt).
  if (c.o.wakeupPreemption) c.ready.pushWoken(t);
  else c.ready.push(t);
  if (c.tracer.on)
    c.trace(
      c.current.name,
      'spawn',
      undefined,
      `${t.name}${t.cooperative ? ' (cooperative)' : ''}`,
    );
  return t;
}

/** Starts a scripted peer (client or service); it runs when the simulation next runs. */
export function spawnPeer(c: Core, name: string, gen: Sc<void>): void {
  const t = new Task(name, 'peer');
  t.gen = gen;
  c.peerQ.push(t);
}

/**
 * Starts a scripted peer written as a state machine (see {@link PeerMachine}): a peer task whose
 * `machine` is set (scripted clients are their own machine).
 */
export function startMachine(c: Core, t: Task): void {
  c.peerQ.push(t);
}

/** Puts main back on the CPU after a blocking call failed (deadlock, or an error in a peer). */
function restoreMain(c: Core): void {
  const m = c.main;
  c.unwait(m);
  m.state = 'running';
  m.cpuLeft = 0;
  c.mainOnCpu = true;
  c.cpuOwner = m;
  c.lastOnCpu = m;
}

/**
 * main has registered its wait and called `c.block` (a call written as a loop, not a generator):
 * runs the simulation until main is woken and back on the CPU. What {@link drive} does when a
 * generator yields BLOCK.
 */
export function mainWaits(c: Core, name: string): void {
  c.mainOnCpu = false;
  c.cpuOwner = null;
  try {
    c.loop(null, name);
  } catch (e) {
    restoreMain(c);
    throw e;
  }
}

/**
 * Runs a system-call generator to completion on main's own stack: each time it blocks, the
 * simulation (peers, timers, threads) runs until main is woken and back on the CPU.
 */
export function drive<T>(c: Core, gen: Sc<T>, name: string): T {
  if (c.current !== c.main) return driveNested(c, gen, name);
  const m = c.main;
  for (;;) {
    const r = gen.next();
    if (r.done === true) return r.value;
    const op = r.value;
    c.mainOnCpu = false;
    if (op === BLOCK) {
      c.cpuOwner = null;
    } else if (op === CPU) {
      c.onCpu(m);
    } else if (c.ready.size > 0) {
      m.state = 'ready';
      c.cpuOwner = null;
      c.ready.push(m);
    } else {
      c.mainOnCpu = true;
      continue;
    }
    try {
      c.loop(null, name);
    } catch (e) {
      restoreMain(c);
      gen.return(undefined as T);
      throw e;
    }
  }
}

/** A plain `k.call()` made inside a thread: fine if it does not block, an error if it would. */
function driveNested<T>(c: Core, gen: Sc<T>, name: string): T {
  const t = c.current;
  for (;;) {
    const r = gen.next();
    if (r.done === true) return r.value;
    if (r.value === BLOCK || r.value === CPU) {
      c.unwait(t);
      t.state = 'running';
      if (onTheCpu(t)) t.cpuLeft = 0;
      gen.return(undefined as T);
      throw new KernelError(
        'EDEADLK',
        name,
        undefined,
        `k.${name}() would block inside ${t.kind === 'thread' ? `thread ${t.name}` : t.name}; inside a thread write \`yield* sys.${name}(...)\``,
      );
    }
  }
}
