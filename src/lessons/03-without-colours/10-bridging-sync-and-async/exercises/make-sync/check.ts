import { defineChecks } from '#harness';
import type * as Solution from './solution.ts';

type M = typeof Solution;

// These run in the worker, so each is self-contained: no outside names.
const slowDouble = async (n: number) => {
  await new Promise((ok) => setTimeout(ok, 100));
  if (n < 0) throw new RangeError('negative: ' + n);
  return n * 2;
};
const describe = async (name: string, tags: string[]) => {
  await new Promise((ok) => setTimeout(ok, 20));
  return { name: name.toUpperCase(), count: tags.length };
};

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * A facade that wrongly returns a Promise gets a handler on it, so that it fails its check
 * instead of crashing the checks with an unhandled rejection.
 */
function settled<T>(value: T): T {
  if (value instanceof Promise) value.catch(() => {});
  return value;
}

export default defineChecks<M>((m, { check }) => {
  check(
    'SharedArrayBuffer is available here (the page is cross-origin isolated)',
    (t) => {
      t.ok(
        typeof SharedArrayBuffer === 'function',
        'no SharedArrayBuffer: this page is not cross-origin isolated, so Atomics.wait cannot block on shared memory',
      );
    },
  );

  check(
    'the call returns the value itself, not a Promise',
    async (t) => {
      const f = await m.makeSync(slowDouble);
      try {
        const v: unknown = settled(f(21));
        t.ok(!(v instanceof Promise), 'the facade returned a Promise');
        t.equal(v, 42);
      } finally {
        f.close();
      }
    },
  );

  check(
    'the caller is frozen while it waits: no timer ticks during the call',
    async (t) => {
      const f = await m.makeSync(slowDouble);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      try {
        await sleep(30); // the timer ticks before the call...
        t.atLeast(ticks, 1, 'ticks before the call');
        for (const n of [1, 2, 3]) {
          const before = ticks;
          const t0 = performance.now();
          const v = settled(f(n));
          const waited = performance.now() - t0;
          t.equal(v, n * 2, `f(${n})`);
          t.equal(ticks, before, `timer ticks during f(${n})`);
          t.atLeast(
            Math.round(waited),
            95,
            `ms the caller waited in f(${n})`,
          );
        }
        const before = ticks;
        await sleep(30); // ...and again after it
        t.atLeast(ticks - before, 1, 'ticks after the calls');
      } finally {
        clearInterval(timer);
        f.close();
      }
    },
  );

  check(
    'arguments and results of several types travel both ways',
    async (t) => {
      const f = await m.makeSync(describe);
      try {
        t.deepEqual(settled(f('ada', ['a', 'b', 'c'])), {
          name: 'ADA',
          count: 3,
        });
        t.deepEqual(settled(f('bo', [])), { name: 'BO', count: 0 });
      } finally {
        f.close();
      }
    },
  );

  check(
    "the async function's error is thrown in the caller",
    async (t) => {
      const f = await m.makeSync(slowDouble);
      try {
        let caught: unknown;
        try {
          settled(f(-1));
        } catch (e) {
          caught = e;
        }
        t.ok(caught instanceof Error, 'f(-1) should throw an Error');
        t.equal((caught as Error).name, 'RangeError');
        t.equal((caught as Error).message, 'negative: -1');
        t.equal(
          settled(f(5)),
          10,
          'the facade still works after an error',
        );
      } finally {
        f.close();
      }
    },
  );
});
