/** Counters the kernel keeps, and latency percentiles. */

/** The system calls the kit counts, in the order `k.stats().syscalls` lists them (by name). */
export const SYSCALL_NAMES = [
  'accept',
  'bind',
  'close',
  'connect',
  'epoll_create',
  'epoll_ctl',
  'epoll_wait',
  'getpeername',
  'getsockname',
  'getsockopt',
  'join',
  'listen',
  'poll',
  'recv',
  'sched_yield',
  'select',
  'send',
  'sendall',
  'setblocking',
  'setsockopt',
  'shutdown',
  'sleep',
  'socket',
  'spawn',
] as const;

/** A counted system call's name. */
export type SyscallName = (typeof SYSCALL_NAMES)[number];

/**
 * Each counted call's number: its index in {@link SYSCALL_NAMES}, so counting one is an array
 * increment (`c.charge(SYS.recv)`), not a lookup by name on every call.
 */
export const SYS: { readonly [K in SyscallName]: number } = {
  accept: 0,
  bind: 1,
  close: 2,
  connect: 3,
  epoll_create: 4,
  epoll_ctl: 5,
  epoll_wait: 6,
  getpeername: 7,
  getsockname: 8,
  getsockopt: 9,
  join: 10,
  listen: 11,
  poll: 12,
  recv: 13,
  sched_yield: 14,
  select: 15,
  send: 16,
  sendall: 17,
  setblocking: 18,
  setsockopt: 19,
  shutdown: 20,
  sleep: 21,
  socket: 22,
  spawn: 23,
};

/** p50/p90/p99 and friends over recorded latencies (ms). Nearest-rank percentiles. */
export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** One figure of `k.stats().memory`: now, its peak, and the limit a `spawn` is checked against. */
export interface MemoryFigure {
  readonly current: number;
  readonly peak: number;
  readonly limit: number;
}

/** Memory as `k.stats().memory` reports it, in bytes (mappings: a count). */
export interface MemoryStats {
  /**
   * The kit's first measure, kept because chapters print it: every stack at its full `stackSize`
   * plus socket memory. Neither address space nor RAM; prefer `reserved` and `resident`.
   */
  readonly current: number;
  readonly peak: number;
  /** `memoryLimit`, which applies to `resident`. */
  readonly limit: number;
  /** Address space reserved for stacks and guard pages; limit `addressSpaceLimit` (RLIMIT_AS). */
  readonly reserved: MemoryFigure;
  /** RAM in use: touched stack pages, kernel stacks, socket memory; limit `memoryLimit`. */
  readonly resident: MemoryFigure;
  /** Memory mappings of stacks and guard pages; limit `maxMapCount` (`vm.max_map_count`). */
  readonly mappings: MemoryFigure;
}

/** The options `k.stats().memory` reports its limits from. */
export interface MemoryLimits {
  readonly memoryLimit: number;
  readonly addressSpaceLimit: number;
  readonly maxMapCount: number;
}

/** A guard page below each thread's stack: glibc maps it `PROT_NONE`, a second mapping. */
export const GUARD_PAGE = 4096;

/** What one task's stack costs while it lives. */
export interface StackCost {
  /** The first model's charge: the stack size. */
  readonly charged: number;
  readonly reserved: number;
  readonly resident: number;
  readonly mappings: number;
}

/**
 * The cost of a stack of `size` bytes. main's stack is one mapping with no guard page of its own
 * (the kernel keeps a gap below it); a thread's is the stack plus a guard page, two mappings.
 */
export function stackCost(
  size: number,
  o: { readonly stackTouched: number; readonly kernelStack: number },
  main = false,
): StackCost {
  return {
    charged: size,
    reserved: main ? size : size + GUARD_PAGE,
    resident: Math.min(o.stackTouched, size) + o.kernelStack,
    mappings: main ? 1 : 2,
  };
}

function size(bytes: number): string {
  if (bytes < 1048576) return `${Math.round((bytes / 1024) * 100) / 100} KiB`;
  return `${Math.round((bytes / 1048576) * 100) / 100} MiB`;
}

/**
 * Why a new thread with stack `cost` cannot be created while `live` threads (besides main) live,
 * or null. The checks run in Linux's order: glibc first maps the stack (RLIMIT_AS and
 * `vm.max_map_count` fail that `mmap` with ENOMEM, which `pthread_create` reports as EAGAIN),
 * then `clone` needs kernel memory and a task slot (RLIMIT_NPROC and threads-max give EAGAIN).
 */
export function spawnRefusal(
  s: Counters,
  o: MemoryLimits & { readonly maxThreads: number },
  cost: StackCost,
  live: number,
): string | null {
  const why = 'cannot create thread: ';
  const who = `(${live} threads live)`;
  const viaMmap = "mmap's ENOMEM, reported by pthread_create as EAGAIN";
  if (s.reserved + cost.reserved > o.addressSpaceLimit) {
    return `${why}reserving its ${size(cost.reserved)} stack would bring address space to ${size(s.reserved + cost.reserved)}, over addressSpaceLimit (RLIMIT_AS) ${size(o.addressSpaceLimit)}: ${viaMmap} ${who}`;
  }
  if (s.mappings + cost.mappings > o.maxMapCount) {
    return `${why}its stack and guard page would bring memory mappings to ${s.mappings + cost.mappings}, over maxMapCount (vm.max_map_count) ${o.maxMapCount}: ${viaMmap} ${who}`;
  }
  if (s.resident + cost.resident > o.memoryLimit) {
    return `${why}its ${size(cost.resident)} of touched stack and kernel stack would bring resident memory to ${size(s.resident + cost.resident)}, over memoryLimit ${size(o.memoryLimit)} ${who}`;
  }
  if (live + 2 > o.maxThreads) {
    return `${why}a new thread would make ${live + 2} tasks with main, over maxThreads (RLIMIT_NPROC) ${o.maxThreads}: clone fails with EAGAIN ${who}`;
  }
  return null;
}

/** Everything `k.stats()` reports. Times in virtual ms, sizes in bytes. */
export interface KernelStats {
  /** Virtual time now. */
  readonly time: number;
  /** Syscalls made by the program (main and its threads), by name, sorted by name. */
  readonly syscalls: Readonly<Record<string, number>>;
  readonly totalSyscalls: number;
  /** Non-blocking calls that returned EAGAIN plus select/poll/epoll_wait calls that found nothing. */
  readonly wastedPolls: number;
  /** Switches of the CPU from one of the program's tasks to another. */
  readonly contextSwitches: number;
  /** Descriptors examined by select, poll and epoll_wait (select scans 0..nfds-1). */
  readonly fdsScanned: number;
  /** CPU time the program used: syscall costs, `cpu()` work and context switches. */
  readonly cpuTime: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly connectionsAccepted: number;
  /** Accepted connections the program has closed: served and done with. */
  readonly connectionsServed: number;
  readonly memory: MemoryStats;
  readonly threads: { readonly live: number; readonly peak: number; readonly created: number };
  /** Summary of recorded request latencies (scripted clients record theirs). */
  readonly latency: LatencySummary;
}

/** Nearest-rank percentile summary of `values` (all zeros when empty). */
export function percentiles(values: readonly number[]): LatencySummary {
  return summarizeSorted([...values].sort((a, b) => a - b));
}

/** The summary of values already sorted in ascending order; the mean sums them in that order. */
function summarizeSorted(s: ArrayLike<number>): LatencySummary {
  const n = s.length;
  if (n === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const rank = (p: number): number => s[Math.max(0, Math.ceil((p / 100) * n) - 1)] as number;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i] as number;
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    count: n,
    min: s[0] as number,
    mean: round(sum / n),
    p50: rank(50),
    p90: rank(90),
    p99: rank(99),
    max: s[n - 1] as number,
  };
}

/**
 * The kernel's own list of recorded latencies (ms): a `Float64Array` that doubles when full.
 * Not a plain array, for speed: an echo run records 100,000 latencies, and V8 grows an array by
 * half its size plus 16, so on the way to 100,000 it allocates and copies about 25 backing
 * stores (2.4 MB in all); doubling from 256 takes 9. Only the percentile summary reads the list
 * back (`summary`), sorted and summed in the same order as `percentiles` would.
 */
export class LatencyLog {
  #buf = new Float64Array(256);
  /** Number of recorded latencies. */
  length = 0;

  push(ms: number): void {
    if (this.length === this.#buf.length) this.#grow();
    this.#buf[this.length++] = ms;
  }

  /**
   * Records a latency given in integer ns (the clock's unit): the same value as `push(ns / 1e6)`.
   * The division happens here so that the caller passes a small integer, not a fractional
   * number, which V8 would box in a heap object of its own when the call is not inlined.
   */
  pushNs(ns: number): void {
    if (this.length === this.#buf.length) this.#grow();
    this.#buf[this.length++] = ns / 1e6;
  }

  #grow(): void {
    const grown = new Float64Array(this.#buf.length * 2);
    grown.set(this.#buf);
    this.#buf = grown;
  }

  /**
   * The percentile summary of the recorded latencies: the same figures as `percentiles` of them
   * as a plain array, from a sorted copy in a `Float64Array` (a native numeric sort, and no number
   * boxed: the plain array, its sort and its sum allocated about 17 MB for an echo run's 100,000
   * latencies, and the garbage collector pauses that followed landed in the next run).
   */
  summary(): LatencySummary {
    return summarizeSorted(this.#buf.slice(0, this.length).sort());
  }
}

/** Mutable counters behind `KernelStats`. */
export class Counters {
  /** Calls made, by number (`SYS`): one slot per name in `SYSCALL_NAMES`. */
  readonly #calls = new Float64Array(SYSCALL_NAMES.length);
  total = 0;
  wastedPolls = 0;
  contextSwitches = 0;
  fdsScanned = 0;
  cpuNs = 0;
  bytesSent = 0;
  bytesReceived = 0;
  accepted = 0;
  served = 0;
  /** The first model's total: stacks at full size plus socket memory. */
  memory = 0;
  peakMemory = 0;
  reserved = 0;
  peakReserved = 0;
  resident = 0;
  peakResident = 0;
  mappings = 0;
  peakMappings = 0;
  /** Limits reported by `snapshot`; the kernel sets them from its options. */
  limits: MemoryLimits = {
    memoryLimit: Infinity,
    addressSpaceLimit: Infinity,
    maxMapCount: Infinity,
  };
  threadsCreated = 0;
  liveThreads = 0;
  peakThreads = 0;
  readonly latencies = new LatencyLog();

  /** Counts one syscall, by its number in `SYS`. */
  call(n: number): void {
    this.total++;
    (this.#calls[n] as number)++;
  }

  /** Adds (or with a negative number, frees) kernel memory, a socket's, and tracks the peaks. */
  mem(delta: number): void {
    this.memory += delta;
    if (this.memory > this.peakMemory) this.peakMemory = this.memory;
    this.resident += delta;
    if (this.resident > this.peakResident) this.peakResident = this.resident;
  }

  /** Charges a stack (`sign` 1) or frees it (-1), and tracks the peaks. */
  stack(cost: StackCost, sign: 1 | -1): void {
    this.memory += sign * cost.charged;
    if (this.memory > this.peakMemory) this.peakMemory = this.memory;
    this.reserved += sign * cost.reserved;
    if (this.reserved > this.peakReserved) this.peakReserved = this.reserved;
    this.resident += sign * cost.resident;
    if (this.resident > this.peakResident) this.peakResident = this.resident;
    this.mappings += sign * cost.mappings;
    if (this.mappings > this.peakMappings) this.peakMappings = this.mappings;
  }

  /** A frozen snapshot. */
  snapshot(timeMs: number, memoryLimit: number): KernelStats {
    // The names are in sorted order already; only the calls made are listed.
    const syscalls: Record<string, number> = {};
    SYSCALL_NAMES.forEach((name, i) => {
      const n = this.#calls[i] as number;
      if (n > 0) syscalls[name] = n;
    });
    return {
      time: timeMs,
      syscalls,
      totalSyscalls: this.total,
      wastedPolls: this.wastedPolls,
      contextSwitches: this.contextSwitches,
      fdsScanned: this.fdsScanned,
      cpuTime: this.cpuNs / 1e6,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      connectionsAccepted: this.accepted,
      connectionsServed: this.served,
      memory: {
        current: this.memory,
        peak: this.peakMemory,
        limit: memoryLimit,
        reserved: {
          current: this.reserved,
          peak: this.peakReserved,
          limit: this.limits.addressSpaceLimit,
        },
        resident: { current: this.resident, peak: this.peakResident, limit: memoryLimit },
        mappings: {
          current: this.mappings,
          peak: this.peakMappings,
          limit: this.limits.maxMapCount,
        },
      },
      threads: { live: this.liveThreads, peak: this.peakThreads, created: this.threadsCreated },
      latency: this.latencies.summary(),
    };
  }
}
