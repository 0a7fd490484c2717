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
  // A `function`, not an arrow: it must receive the `this` it is called with.
  return function (this: unknown, ...args: A): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      // A throw from fn inside the executor becomes a rejection, not a throw.
      fn.call(
        this,
        ...args,
        (err: Error | null | undefined, value?: R) => {
          if (err) reject(err);
          else resolve(value as R);
        },
      );
    });
  };
}
