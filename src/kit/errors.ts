/**
 * Typed errors the kit throws, named and numbered as Linux names them, so a learner who later meets
 * `EAGAIN` or `ECONNRESET` in a real stack trace has seen it before.
 */

/** Every error code a kit call can throw. `EWOULDBLOCK` is `EAGAIN`, as on Linux. */
export type ErrorCode =
  | 'EAGAIN'
  | 'EBADF'
  | 'EINVAL'
  | 'EINPROGRESS'
  | 'EALREADY'
  | 'EISCONN'
  | 'ENOTCONN'
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'EPIPE'
  | 'ETIMEDOUT'
  | 'EADDRINUSE'
  | 'EMFILE'
  | 'ENOTSOCK'
  | 'EEXIST'
  | 'ENOENT'
  | 'EDEADLK';

/** Linux errno values, for learners who compare with C or Python's `e.errno`. */
export const ERRNO: Readonly<Record<ErrorCode, number>> = {
  ENOENT: 2,
  EBADF: 9,
  EAGAIN: 11,
  EEXIST: 17,
  EINVAL: 22,
  EMFILE: 24,
  EPIPE: 32,
  EDEADLK: 35,
  ENOTSOCK: 88,
  EADDRINUSE: 98,
  ECONNRESET: 104,
  EISCONN: 106,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EALREADY: 114,
  EINPROGRESS: 115,
};

/** Same value as `EAGAIN`: Linux defines one as the other. */
export const EWOULDBLOCK = 'EAGAIN';

/**
 * An error a system call returned. The message says what was wrong and on which descriptor,
 * e.g. `EBADF: recv on fd 7, which is closed`.
 */
export class KernelError extends Error {
  /** The symbolic code, e.g. `'EAGAIN'`. */
  readonly code: ErrorCode;
  /** The numeric Linux errno for `code`. */
  readonly errno: number;
  /** The call that failed, e.g. `'recv'`. */
  readonly syscall: string;
  /** The descriptor the call was made on, when there was one. */
  readonly fd: number | undefined;

  constructor(code: ErrorCode, syscall: string, fd: number | undefined, reason: string) {
    super(`${code}: ${syscall}${fd === undefined ? '' : ` on fd ${fd}`}, ${reason}`);
    this.name = 'KernelError';
    this.code = code;
    this.errno = ERRNO[code];
    this.syscall = syscall;
    this.fd = fd;
  }
}

/** One blocked thread in a deadlock report. */
export interface BlockedWait {
  readonly actor: string;
  readonly waitingFor: string;
}

/**
 * Thrown instead of hanging when nothing can ever happen again: every thread is blocked, no timer
 * is pending and no peer is left to act. `waits` lists what each thread was waiting for.
 */
export class DeadlockError extends KernelError {
  /** What each blocked thread (and `main`) was waiting for. */
  readonly waits: readonly BlockedWait[];
  /** Virtual time (ms) at which the deadlock was found. */
  readonly at: number;

  constructor(syscall: string, at: number, waits: readonly BlockedWait[], why?: string) {
    const lines = waits.map((w) => `\n  ${w.actor}: ${w.waitingFor}`).join('');
    const reason =
      why ?? 'deadlock: every thread is blocked, no timer is pending and no peer is left to act';
    super('EDEADLK', syscall, undefined, `${reason} (at ${at.toFixed(3)} ms)${lines}`);
    this.name = 'DeadlockError';
    this.waits = waits;
    this.at = at;
  }
}

/** True when `e` is the kit's "try again later" error (`EAGAIN` / `EWOULDBLOCK`). */
export function wouldBlock(e: unknown): boolean {
  return e instanceof KernelError && e.code === 'EAGAIN';
}
