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

export function run<T>(gen: Gen<T>, mode: 'sync'): T;
export function run<T>(gen: Gen<T>, mode: 'async'): Promise<T>;
export function run<T>(
  gen: Gen<T>,
  mode: 'sync' | 'async',
): T | Promise<T> {
  return mode === 'sync' ? runSync(gen) : runAsync(gen);
}

function runSync<T>(gen: Gen<T>): T {
  let step = gen.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = step.value.sync();
    } catch (e) {
      step = gen.throw(e); // the error appears at the yield
      continue;
    }
    step = gen.next(value);
  }
  return step.value;
}

async function runAsync<T>(gen: Gen<T>): Promise<T> {
  let step = gen.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = await step.value.async();
    } catch (e) {
      step = gen.throw(e);
      continue;
    }
    step = gen.next(value);
  }
  return step.value;
}
