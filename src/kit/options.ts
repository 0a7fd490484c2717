/** Kernel options and their defaults. All times are virtual milliseconds; sizes are bytes. */
import { asSmi } from './smi.ts';

/** Options for `new Kernel(...)`. Every field has a documented default. */
export interface KernelOptions {
  /** Seed for the kernel's random generator (service latencies, arrival patterns). Default 1. */
  readonly seed?: number;
  /** CPU cost of one system call. Default 0.001 (1 µs), so busy polling burns virtual time. */
  readonly syscallCost?: number;
  /** CPU cost of switching between threads. Default 0.005 (5 µs). */
  readonly switchCost?: number;
  /** CPU cost of switching to a cooperative task (a user-space switch). Default 0.0002. */
  readonly greenSwitchCost?: number;
  /**
   * CPU time a thread runs, across calls, before a ready thread preempts it. Default 0.75, Linux's
   * base slice (`sysctl_sched_base_slice`). The kit's first versions used 10.
   */
  readonly timeSlice?: number;
  /**
   * A thread woken from a blocking call jumps the round-robin queue and gets the CPU when the
   * running thread's slice ends (EEVDF's wake-up preemption, simplified). Default true.
   */
  readonly wakeupPreemption?: boolean;
  /** One-way network delay for every byte, connect and close. Default 0. */
  readonly netDelay?: number;
  /** Capacity of each direction of a connection (send + receive buffer). Default 65536. */
  readonly bufferSize?: number;
  /** Descriptor limit (RLIMIT_NOFILE): descriptors must be below it. Default 1024, as on Linux. */
  readonly maxFds?: number;
  /**
   * Stack reserved per thread (and for main): address space, as glibc's `mmap` of a thread stack,
   * plus a 4 KiB guard page for each thread. Default 1 MiB (glibc on Linux uses `ulimit -s`,
   * usually 8 MiB: pass `stackSize: 8 * 1024 * 1024` for that).
   */
  readonly stackSize?: number;
  /**
   * Stack pages a thread actually touches, and so holds in RAM (at most `stackSize`). Default
   * 8 KiB: two pages, what a thread blocked in `read` held on Linux 6.18, glibc 2.36, x86-64.
   */
  readonly stackTouched?: number;
  /** Kernel stack per thread, in RAM. Default 16 KiB: `THREAD_SIZE` on x86-64 without KASAN. */
  readonly kernelStack?: number;
  /**
   * RAM for the program: touched stack pages, kernel stacks and socket memory. A `spawn` past it
   * fails with EAGAIN. Default 2 GiB.
   */
  readonly memoryLimit?: number;
  /**
   * Address space for stacks (`RLIMIT_AS`, `ulimit -v`; strict overcommit charges the same
   * reservations). A `spawn` past it fails with EAGAIN (mmap's ENOMEM). Default unlimited.
   */
  readonly addressSpaceLimit?: number;
  /**
   * Memory mappings (`vm.max_map_count`): main's stack takes 1, each thread 2 (stack and guard
   * page). A `spawn` past it fails with EAGAIN (mmap's ENOMEM). Default 65530, Linux's default.
   */
  readonly maxMapCount?: number;
  /**
   * Tasks, main included (`RLIMIT_NPROC`, `ulimit -u`): a `spawn` past it fails with EAGAIN.
   * Default: what Linux gives a machine with `memoryLimit` of RAM, half of `threads-max`, which
   * is RAM / (8 × kernel stack): 8192 for the defaults. Unlimited if `memoryLimit` is.
   */
  readonly maxThreads?: number;
  /** Kernel memory charged per open socket. Default 4096. */
  readonly socketMemory?: number;
  /** Record a trace. Default true. */
  readonly trace?: boolean;
  /** Stop recording after this many trace events. Default 100000. */
  readonly traceLimit?: number;
  /** Failed polls in a row, with nothing else able to happen, before a busy-wait is reported. */
  readonly spinLimit?: number;
}

/** Options with defaults applied; durations converted to integer nanoseconds. */
export interface Resolved {
  readonly seed: number;
  readonly syscallNs: number;
  readonly switchNs: number;
  readonly greenSwitchNs: number;
  readonly sliceNs: number;
  readonly wakeupPreemption: boolean;
  readonly delayNs: number;
  readonly bufferSize: number;
  readonly maxFds: number;
  readonly stackSize: number;
  readonly stackTouched: number;
  readonly kernelStack: number;
  readonly memoryLimit: number;
  readonly addressSpaceLimit: number;
  readonly maxMapCount: number;
  readonly maxThreads: number;
  readonly socketMemory: number;
  readonly trace: boolean;
  readonly traceLimit: number;
  readonly spinLimit: number;
}

/** Milliseconds to integer nanoseconds: integer time keeps sums exact and output clean. */
export function toNs(ms: number): number {
  return asSmi(Math.round(ms * 1e6)); // a Smi when it fits: see smi.ts
}

function nonNegative(name: string, v: number | undefined, dflt: number): number {
  const x = v ?? dflt;
  if (typeof x !== 'number' || Number.isNaN(x) || x < 0) {
    throw new RangeError(`Kernel option ${name} must be a number >= 0 (got ${String(v)})`);
  }
  return x;
}

/**
 * Linux's default `RLIMIT_NPROC` for a machine with `ram` bytes: `fork_init()` sets it to half of
 * `max_threads`, which `set_max_threads()` computes as RAM / (`THREAD_SIZE` × 8), at least 20.
 */
function defaultMaxThreads(ram: number, kernelStack: number): number {
  if (!Number.isFinite(ram) || kernelStack === 0) return Infinity;
  return Math.floor(Math.max(20, Math.floor(ram / (8 * kernelStack))) / 2);
}

/** Applies defaults and checks ranges. */
export function resolveOptions(o: KernelOptions = {}): Resolved {
  const MiB = 1024 * 1024;
  const stackSize = nonNegative('stackSize', o.stackSize, MiB);
  const kernelStack = nonNegative('kernelStack', o.kernelStack, 16384);
  const memoryLimit = nonNegative('memoryLimit', o.memoryLimit, 2048 * MiB);
  return {
    seed: o.seed ?? 1,
    syscallNs: toNs(nonNegative('syscallCost', o.syscallCost, 0.001)),
    switchNs: toNs(nonNegative('switchCost', o.switchCost, 0.005)),
    greenSwitchNs: toNs(nonNegative('greenSwitchCost', o.greenSwitchCost, 0.0002)),
    sliceNs: Math.max(1, toNs(nonNegative('timeSlice', o.timeSlice, 0.75))),
    wakeupPreemption: o.wakeupPreemption ?? true,
    delayNs: toNs(nonNegative('netDelay', o.netDelay, 0)),
    bufferSize: Math.max(1, Math.floor(nonNegative('bufferSize', o.bufferSize, 65536))),
    maxFds: nonNegative('maxFds', o.maxFds, 1024),
    stackSize,
    stackTouched: nonNegative('stackTouched', o.stackTouched, 8192),
    kernelStack,
    memoryLimit,
    addressSpaceLimit: nonNegative('addressSpaceLimit', o.addressSpaceLimit, Infinity),
    maxMapCount: nonNegative('maxMapCount', o.maxMapCount, 65530),
    maxThreads: nonNegative(
      'maxThreads',
      o.maxThreads,
      defaultMaxThreads(memoryLimit, kernelStack),
    ),
    socketMemory: nonNegative('socketMemory', o.socketMemory, 4096),
    trace: o.trace ?? true,
    traceLimit: nonNegative('traceLimit', o.traceLimit, 100_000),
    spinLimit: nonNegative('spinLimit', o.spinLimit, 100_000),
  };
}
