/** Node's error-first convention: an error (or null/undefined), then the value. */
export type ErrorFirst<R> = (
  err: Error | null | undefined,
  value?: R,
) => void;

/**
 * Turns `fn(...args, callback)` into `(...args) => Promise`. The promise rejects with the
 * callback's error (the very same object) and resolves with its value. Called as a method,
 * the promisified function passes its `this` on to `fn`.
 */
export function promisify<A extends unknown[], R>(
  fn: (...args: [...A, ErrorFirst<R>]) => void,
): (...args: A) => Promise<R> {
  return (...args: A) =>
    new Promise<R>((resolve) => {
      fn(...args, (_err, value) => resolve(value as R));
    });
}
