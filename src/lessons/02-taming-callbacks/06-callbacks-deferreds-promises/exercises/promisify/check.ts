import { defineChecks, seedRange } from '#harness';
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import type * as Solution from './solution.ts';
import type { ErrorFirst } from './solution.ts';

class NotFound extends Error {
  readonly code = 'ENOENT';
}

/** A key-value store with an error-first API, answering from the reactor after a delay. */
class Store {
  #data = new Map<string, string>([['a', 'apple']]);
  readonly #r: Reactor;
  readonly #delay: () => number;
  constructor(r: Reactor, delay: () => number) {
    this.#r = r;
    this.#delay = delay;
  }
  get(key: string, cb: ErrorFirst<string>): void {
    const data = this.#data; // needs `this`: a lost `this` throws a TypeError here
    this.#r.callLater(this.#delay(), () => {
      const v = data.get(key);
      if (v === undefined) cb(new NotFound(`no key ${key}`));
      else cb(null, v);
    });
  }
  put(key: string, value: string, cb: ErrorFirst<number>): void {
    this.#r.callLater(this.#delay(), () => {
      this.#data.set(key, value);
      cb(undefined, this.#data.size); // undefined, not null: still success
    });
  }
}

function world(seed = 1) {
  const k = new Kernel({ seed });
  const r = new Reactor(k);
  return { r, store: new Store(r, () => k.random.int(1, 50)) };
}

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    check('resolves with the value the callback gives', async (t) => {
      const { r, store } = world();
      const get = m.promisify(store.get).bind(store);
      const p = get('a');
      r.run();
      t.equal(await p, 'apple');
    });

    check(
      'rejects with the very same error object, code and all',
      async (t) => {
        const { r, store } = world();
        const get = m.promisify(store.get).bind(store);
        const p = get('zzz');
        r.run();
        let caught: unknown = 'the promise resolved';
        try {
          await p;
        } catch (e) {
          caught = e;
        }
        t.ok(
          caught instanceof NotFound,
          `expected the NotFound error, got ${String(caught)}`,
        );
        t.equal((caught as NotFound).code, 'ENOENT', 'error.code');
      },
    );

    check(
      'keeps `this` when the promisified function is called as a method',
      async (t) => {
        const { r, store } = world();
        const s = Object.assign(store, {
          getAsync: m.promisify(store.get),
        });
        let out: unknown;
        const p = s.getAsync('a').then(
          (v) => (out = v),
          (e: unknown) => (out = `rejected: ${(e as Error).message}`),
        );
        r.run();
        await p;
        t.equal(out, 'apple', 'store.getAsync("a")');
      },
    );

    check(
      'passes every argument on; undefined as the error means success',
      async (t) => {
        const { r, store } = world();
        const put = m.promisify(store.put).bind(store);
        const p = put('b', 'banana');
        r.run();
        t.equal(await p, 2, 'size after put');
      },
    );

    check(
      'a function that throws gives a rejected promise, not an exception',
      async (t) => {
        const throws = (_x: number, _cb: ErrorFirst<number>): void => {
          throw new RangeError('bad argument');
        };
        let p: Promise<number> | undefined;
        try {
          p = m.promisify(throws)(1);
        } catch {
          t.ok(
            false,
            'calling the promisified function threw instead of returning a promise',
          );
        }
        await t.rejects(p!, /bad argument/);
      },
    );

    checkSeeds(
      'many calls in flight, under 8 seeds: each gets its own answer',
      seedRange(1, 8),
      async (t, seed) => {
        const { r, store } = world(seed);
        const get = m.promisify(store.get).bind(store);
        const put = m.promisify(store.put).bind(store);
        const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
        const puts = keys.map((key) => put(key, `v-${key}`));
        r.run();
        await Promise.all(puts);
        const gets = [...keys, 'missing'].map((key) =>
          get(key).then(
            (v) => v,
            (e: unknown) => `error ${(e as Error).message}`,
          ),
        );
        r.run();
        t.deepEqual(
          await Promise.all(gets),
          [...keys.map((key) => `v-${key}`), 'error no key missing'],
          'answers, in the order asked',
        );
      },
    );
  },
);
