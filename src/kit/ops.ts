/**
 * What a system-call generator yields to the scheduler. Threads see these only as the opaque
 * `Op` type in their body's signature: every kit call inside a thread is `yield* sys.call(...)`.
 */

/** An instruction from a task to the scheduler (opaque to lessons). */
export interface Op {
  readonly op: 'block' | 'cpu' | 'yield' | 'pay';
}

/** The task registered its waits and sleeps until woken. */
export const BLOCK: Op = Object.freeze({ op: 'block' });
/** The task added to its `cpuLeft` and needs the CPU for that long. */
export const CPU: Op = Object.freeze({ op: 'cpu' });
/** The task gives up the CPU but stays ready (sched_yield). */
export const YIELD: Op = Object.freeze({ op: 'yield' });
/** The task wants its accrued syscall cost charged now (before EAGAIN, so busy loops advance). */
export const PAY: Op = Object.freeze({ op: 'pay' });

/** A system call as a generator: returns T, yields Ops while it waits. */
export type Sc<T> = Generator<Op, T, unknown>;
