/** Counters the kernel keeps, and latency percentiles. */

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
  readonly memory: { readonly current: number; readonly peak: number; readonly limit: number };
  readonly threads: { readonly live: number; readonly peak: number; readonly created: number };
  /** Summary of recorded request latencies (scripted clients record theirs). */
  readonly latency: LatencySummary;
}

/** Nearest-rank percentile summary of `values` (all zeros when empty). */
export function percentiles(values: readonly number[]): LatencySummary {
  const n = values.length;
  if (n === 0) return { count: 0, min: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const s = [...values].sort((a, b) => a - b);
  const rank = (p: number): number => s[Math.max(0, Math.ceil((p / 100) * n) - 1)] as number;
  const sum = s.reduce((a, b) => a + b, 0);
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

/** Mutable counters behind `KernelStats`. */
export class Counters {
  readonly syscalls = new Map<string, number>();
  total = 0;
  wastedPolls = 0;
  contextSwitches = 0;
  fdsScanned = 0;
  cpuNs = 0;
  bytesSent = 0;
  bytesReceived = 0;
  accepted = 0;
  served = 0;
  memory = 0;
  peakMemory = 0;
  threadsCreated = 0;
  liveThreads = 0;
  peakThreads = 0;
  readonly latencies: number[] = [];

  /** Counts one syscall by name. */
  call(name: string): void {
    this.total++;
    this.syscalls.set(name, (this.syscalls.get(name) ?? 0) + 1);
  }

  /** Adds (or with a negative number, frees) memory and tracks the peak. */
  mem(delta: number): void {
    this.memory += delta;
    if (this.memory > this.peakMemory) this.peakMemory = this.memory;
  }

  /** A frozen snapshot. */
  snapshot(timeMs: number, memoryLimit: number): KernelStats {
    const names = [...this.syscalls.keys()].sort();
    const syscalls: Record<string, number> = {};
    for (const k of names) syscalls[k] = this.syscalls.get(k) as number;
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
      memory: { current: this.memory, peak: this.peakMemory, limit: memoryLimit },
      threads: { live: this.liveThreads, peak: this.peakThreads, created: this.threadsCreated },
      latency: percentiles(this.latencies),
    };
  }
}
