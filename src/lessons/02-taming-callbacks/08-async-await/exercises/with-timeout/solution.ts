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
  const work = new AbortController(); // tells the operation to stop
  const timer = new AbortController(); // cancels our own sleep
  const deadline = loop.sleep(ms, timer.signal).then(() => {
    const error = new TimeoutError(ms);
    work.abort(error);
    throw error;
  });
  deadline.catch(() => {}); // handled by the race below, or abandoned when op wins
  try {
    return await Promise.race([op(work.signal), deadline]);
  } finally {
    timer.abort(); // no timer outlives the call
  }
}
