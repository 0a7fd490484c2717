/**
 * Which kernels a program created, for tools that show a run afterwards (the workbench's
 * timeline reads their traces when the program ends). Off by default: nothing is kept, so tests,
 * benchmarks and long-lived Node processes pay one branch per `new Kernel()`. The browser worker
 * turns it on before the program runs. It only reads: it never changes what a kernel does, so
 * runs stay deterministic with or without it.
 */
import type { Core } from './core.ts';
import type { TraceEvent } from './trace.ts';

/** Kernels kept per run; later ones are only counted (see {@link kernelsNotKept}). */
export const MAX_KEPT_KERNELS = 8;

/** Where one of the program's tasks is when asked (main and every live thread). */
export interface ActorNow {
  readonly actor: string;
  readonly state: 'running' | 'ready' | 'blocked' | 'done';
  /** What it waits for, as a deadlock report says it (`accept on fd 3 (…)`); '' if not blocked. */
  readonly waitingFor: string;
  readonly cooperative: boolean;
}

/** One kernel the program created. */
export interface KernelRecord {
  /** 1 for the run's first kernel, 2 for the next… */
  readonly index: number;
  /**
   * The events recorded so far (a copy; at most the kernel's `traceLimit`, plus one `cut` marker
   * event where events were dropped: the kit keeps the first half and the latest half).
   */
  trace(): TraceEvent[];
  /** Events the kernel's own `traceLimit` dropped (the `cut` marker's count). */
  dropped(): number;
  /** Virtual time now (ms). */
  now(): number;
  /** Where main and every live thread is now. */
  actors(): ActorNow[];
}

let on = false;
let kept: KernelRecord[] = [];
let notKept = 0;

/** Starts (true) or stops (false) keeping the kernels created from now on; forgets earlier ones. */
export function recordKernels(enabled: boolean): void {
  on = enabled;
  kept = [];
  notKept = 0;
}

/** The kernels created since `recordKernels(true)`, oldest first, at most {@link MAX_KEPT_KERNELS}. */
export function kernelsCreated(): readonly KernelRecord[] {
  return kept;
}

/** Kernels created past {@link MAX_KEPT_KERNELS} (counted, not kept). */
export function kernelsNotKept(): number {
  return notKept;
}

/** Called by the Kernel constructor (kernel.ts). */
export function noteKernel(c: Core): void {
  if (!on) return;
  if (kept.length >= MAX_KEPT_KERNELS) {
    notKept++;
    return;
  }
  const describe = (w: string | (() => string)) => (typeof w === 'string' ? w : w());
  kept.push({
    index: kept.length + 1,
    trace: () => c.tracer.events(),
    dropped: () => c.tracer.dropped,
    now: () => c.now(),
    actors: () =>
      [c.main, ...c.threads].map((t) => ({
        actor: t.name,
        state: t.state,
        waitingFor: t.state === 'blocked' ? describe(t.waitWhat) : '',
        cooperative: t.cooperative,
      })),
  });
}
