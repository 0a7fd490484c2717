/**
 * The course kit: a deterministic simulated kernel for lessons on asynchronous I/O.
 * `import { Kernel, EPOLLIN } from '#kit'`. See README.md.
 */
export { Kernel, type RunOptions } from './kernel.ts';
export { Sys, type ThreadBody } from './sys.ts';
export {
  KernelError,
  DeadlockError,
  EWOULDBLOCK,
  ERRNO,
  wouldBlock,
  type ErrorCode,
  type BlockedWait,
} from './errors.ts';
export * from './constants.ts';
export type { KernelOptions } from './options.ts';
export type { Op } from './ops.ts';
export type { Thread, ThreadState } from './task.ts';
export type { SpawnOptions } from './sched.ts';
export type { Address } from './sockcalls.ts';
export type { SockOpt } from './sockinfo.ts';
export type { PollFd, Timeout } from './muxcalls.ts';
export type { EpollEvent, EpollSpec } from './epollcalls.ts';
export type { ServiceOptions, Latency } from './services.ts';
export type { ClientSpec, ClientResult, ClientGroup, ClientState } from './clients.ts';
export type { Queue } from './queue.ts';
export { percentiles, type KernelStats, type LatencySummary } from './stats.ts';
export type { TraceEvent } from './trace.ts';
export { Random } from './random.ts';
