/** Time, CPU and thread calls: sleep, cpu, sched_yield, join, and the lesson-1 `fetch`. */
import { ALL_EVENTS } from './constants.ts';
import type { Core } from './core.ts';
import { KernelError } from './errors.ts';
import { CPU, YIELD, type Sc } from './ops.ts';
import { toNs } from './options.ts';
import { connect, recv, sendall } from './iocalls.ts';
import { close, socket, type Address } from './sockcalls.ts';
import { CpuTask, onTheCpu, type Thread } from './task.ts';
import { SYS } from './stats.ts';

function duration(ms: number, syscall: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new KernelError(
      'EINVAL',
      syscall,
      undefined,
      `duration must be a finite number of ms >= 0 (got ${String(ms)})`,
    );
  }
  return toNs(ms);
}

/** sleep(ms): blocks for `ms` of virtual time; the CPU is free meanwhile. */
export function* sleep(c: Core, ms: number): Sc<void> {
  c.charge(SYS.sleep);
  const until = c.clock + duration(ms, 'sleep');
  while (c.clock < until) {
    if (c.tracer.on) c.traceBlock('sleep', undefined, `until ${(until / 1e6).toFixed(3)} ms`);
    yield c.block(`sleep until ${(until / 1e6).toFixed(3)} ms`, until);
  }
}

/** cpu(ms): computes for `ms` of CPU time. Other threads get the CPU only between time slices. */
export function* cpu(c: Core, ms: number): Sc<void> {
  const t = c.current;
  const ns = duration(ms, 'cpu');
  if (onTheCpu(t)) t.cpuLeft += ns; // a peer's call fails when it yields: peers have no CPU
  if (c.tracer.on) c.trace(t.name, 'cpu', undefined, `${ms} ms of work`);
  yield CPU;
}

/** sched_yield(): lets another ready thread run; returns at once if none is ready. */
export function* schedYield(c: Core): Sc<void> {
  c.charge(SYS.sched_yield);
  yield YIELD;
}

/** join(thread): waits for it to end; returns its result or rethrows its error. */
export function* join<R>(c: Core, thread: Thread<R>): Sc<R> {
  c.charge(SYS.join);
  if (!(thread instanceof CpuTask) || thread.kind !== 'thread') {
    throw new KernelError('EINVAL', 'join', undefined, 'that is not a thread returned by spawn()');
  }
  if (thread === c.current)
    throw new KernelError('EDEADLK', 'join', undefined, `thread ${thread.name} cannot join itself`);
  while (thread.state !== 'done') {
    c.waitOn(thread.wq, ALL_EVENTS);
    c.traceBlock('join', undefined, thread.name);
    yield c.block(`join ${thread.name}`);
  }
  thread.joined = true;
  if (thread.failed) throw thread.error;
  return thread.result as R;
}

/**
 * fetch(addr, request): the blocking client of lesson 1 (socket, connect, sendall, recv until
 * EOF, close). Costs what those calls cost, so mostly the service's latency.
 */
export function* fetch(c: Core, addr: Address, request: string): Sc<string> {
  const fd = socket(c);
  try {
    yield* connect(c, fd, addr);
    yield* sendall(c, fd, request);
    let reply = '';
    for (;;) {
      const d = yield* recv(c, fd, 65536);
      if (d === '') return reply;
      reply += d;
    }
  } finally {
    if (c.fds.peek(fd) !== undefined) close(c, fd);
  }
}
