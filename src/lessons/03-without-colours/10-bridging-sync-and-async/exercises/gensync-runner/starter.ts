/** One operation with two implementations; the runner picks one. */
export interface Op<T> {
  sync(): T;
  async(): Promise<T>;
}

/** Code written once: a generator that yields operations. */
export type Gen<T> = Generator<Op<unknown>, T, unknown>;

/** The leaf: `const text = yield* perform(op)` inside a generator. */
export function* perform<T>(op: Op<T>): Gen<T> {
  return (yield op) as T;
}

// A first attempt: it gets the happy path right in both modes, but sync
// mode returns a Promise, and a failed operation never reaches the
// generator's own try/catch.
export function run<T>(gen: Gen<T>, mode: 'sync'): T;
export function run<T>(gen: Gen<T>, mode: 'async'): Promise<T>;
export async function run<T>(
  gen: Gen<T>,
  mode: 'sync' | 'async',
): Promise<T> {
  let step = gen.next();
  while (!step.done) {
    const value =
      mode === 'sync' ? step.value.sync() : await step.value.async();
    step = gen.next(value);
  }
  return step.value;
}
