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
  // `declare`: assigned in the constructor only. A plain field declaration would also define
  // each of them (as undefined) on every error first: four more property definitions per error,
  // and a reactor makes one for every EAGAIN. The own keys stay in the same order.
  /** The symbolic code, e.g. `'EAGAIN'`. */
  declare readonly code: ErrorCode;
  /** The numeric Linux errno for `code`. */
  declare readonly errno: number;
  /** The call that failed, e.g. `'recv'`. */
  declare readonly syscall: string;
  /** The descriptor the call was made on, when there was one. */
  declare readonly fd: number | undefined;

  constructor(code: ErrorCode, syscall: string, fd: number | undefined, reason: string) {
    super(messageOf(code, syscall, fd, reason));
    this.code = code;
    this.errno = ERRNO[code];
    this.syscall = syscall;
    this.fd = fd;
    this.name = 'KernelError';
  }
}

/**
 * The last message made, what it was made from, and its error's stack text (see `messageOf`):
 * one object updated in place.
 */
const last = {
  code: '',
  syscall: '',
  fd: undefined as number | undefined,
  reason: '',
  message: '',
  stack: '',
};

/**
 * `EAGAIN: recv on fd 7, <reason>`. The same call failing the same way on the same descriptor
 * again (a reactor's accept loop ends in the same EAGAIN thousands of times) gets the same string
 * back instead of a new one pieced together (a few hundred bytes each); strings are values, so
 * nothing a program can see changes.
 */
function messageOf(
  code: ErrorCode,
  syscall: string,
  fd: number | undefined,
  reason: string,
): string {
  const l = last;
  if (l.reason === reason && l.fd === fd && l.syscall === syscall && l.code === code)
    return l.message;
  const message = `${code}: ${syscall}${fd === undefined ? '' : ` on fd ${fd}`}, ${reason}`;
  l.code = code;
  l.syscall = syscall;
  l.fd = fd;
  l.reason = reason;
  l.message = message;
  l.stack = '';
  return message;
}

/**
 * A `KernelError` whose stack is its first line alone, `KernelError: <message>`, made without
 * walking the stack: for errors that are control flow (EAGAIN), which a reactor makes by the
 * thousand. It is what V8 would show with `Error.stackTraceLimit = 0`, built at less cost: with
 * the limit not a number V8 captures nothing at all (about 300 ns less per error here) and leaves
 * `stack` undefined, so the line is set through the error's own `stack` accessor, as a program
 * may set it, from the text kept with the cached message.
 */
export function stacklessError(
  code: ErrorCode,
  syscall: string,
  fd: number | undefined,
  reason: string,
): KernelError {
  const E = Error as { stackTraceLimit?: number | undefined };
  const limit = E.stackTraceLimit;
  E.stackTraceLimit = undefined;
  let e: KernelError;
  try {
    e = new KernelError(code, syscall, fd, reason);
  } finally {
    E.stackTraceLimit = limit;
  }
  const l = last; // the entry `messageOf` just used or made
  e.stack = l.stack === '' ? (l.stack = `${e.name}: ${e.message}`) : l.stack;
  return e;
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
