import type { Loop } from '#lib/aio';

/** What `withTimeout` rejects with, and the reason the operation's signal carries. */
export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs `op(signal)` with a deadline of `ms` of the loop's virtual time. If `op` settles first,
 * returns its result (or rethrows its error) and cancels the timer. If the deadline comes first,
 * aborts `signal` with a `TimeoutError`, so the operation stops, and rejects with that error.
 */
export async function withTimeout<T>(
  loop: Loop,
  op: (signal: AbortSignal) => Promise<T>,
  ms: number,
): Promise<T> {
  // The version found in many code bases: it stops *waiting*, but the work goes on,
  // and the timer stays set even when the operation wins the race.
  const signal = new AbortController().signal;
  const deadline = loop.sleep(ms).then(() => {
    throw new TimeoutError(ms);
  });
  return Promise.race([op(signal), deadline]);
}
