import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import type { Failure } from '#lib/deferred';
import type * as Solution from './solution.ts';

type M = typeof Solution;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Which kit thread runs this code: the actor of a cheap traced call. */
function whoAmI(k: Kernel): string {
  const fd = k.socket();
  k.close(fd);
  return k.trace().at(-1)!.actor;
}

interface Run {
  results: string[];
  errors: string[];
  ranOn: Set<string>;
  peak: number;
  created: number;
  maxTickGap: number;
}

/** Seven slow queries (random latencies) through a pool of `max` threads. */
function scenario(m: M, seed: number, max: number, failing = -1): Run {
  const k = new Kernel({ seed });
  const db = k.service('db:5432', {
    latency: { min: 50, max: 300 },
    reply: (q) => `rows(${q})`,
  });
  const r = new Reactor(k);
  const pool = new m.ThreadPool(r, max);
  const n = 7;
  const run: Run = {
    results: [],
    errors: [],
    ranOn: new Set(),
    peak: 0,
    created: 0,
    maxTickGap: 0,
  };
  let finished = 0;
  const finish = () => {
    run.ranOn.add(whoAmI(k));
    if (++finished === n) pool.stop();
  };
  for (let i = 0; i < n; i++) {
    pool
      .deferToThread(function* (sys) {
        if (i === failing) throw new Error(`query ${i} failed`);
        return yield* sys.fetch(db, `q${i}`);
      })
      .addCallbacks(
        (rows) => {
          run.results[i] = rows;
          finish();
        },
        (f: Failure) => {
          run.errors[i] = f.getErrorMessage();
          finish();
        },
      );
  }
  // A heartbeat on the reactor: it must keep beating while queries run.
  let last = k.now();
  const beat = () => {
    run.maxTickGap = Math.max(run.maxTickGap, k.now() - last);
    last = k.now();
    if (finished < n) r.callLater(10, beat);
  };
  r.callLater(10, beat);
  r.run();
  k.run();
  run.peak = k.stats().threads.peak;
  run.created = k.stats().threads.created;
  return run;
}

export default defineChecks<M>((m, { checkSeeds }) => {
  checkSeeds(
    'every query returns its own rows, under eight seeds',
    SEEDS,
    (t, seed) => {
      const run = scenario(m, seed, 3);
      t.deepEqual(
        run.results,
        [0, 1, 2, 3, 4, 5, 6].map((i) => `rows(q${i})`),
        'answers, in the order asked',
      );
    },
  );

  checkSeeds(
    'callbacks run on the reactor thread (main), never on a pool thread',
    SEEDS,
    (t, seed) => {
      const run = scenario(m, seed, 3);
      t.deepEqual(
        [...run.ranOn],
        ['main'],
        `threads that ran callbacks`,
      );
    },
  );

  checkSeeds(
    'never more than maxThreads threads, and threads are reused',
    SEEDS,
    (t, seed) => {
      for (const max of [1, 2, 3]) {
        const run = scenario(m, seed, max);
        t.atMost(run.peak, max, `max ${max}: threads alive at once`);
        t.atMost(run.created, max, `max ${max}: threads created`);
      }
    },
  );

  checkSeeds(
    'the reactor keeps running while the queries block their threads',
    SEEDS,
    (t, seed) => {
      const run = scenario(m, seed, 3);
      t.atMost(
        run.maxTickGap,
        11,
        `longest gap between 10 ms ticks (ms)`,
      );
    },
  );

  checkSeeds(
    'an error thrown in the thread reaches the errback, on the reactor thread',
    SEEDS,
    (t, seed) => {
      const run = scenario(m, seed, 2, 3);
      t.equal(run.errors[3], 'query 3 failed', `errback of query 3`);
      t.equal(run.results.filter(Boolean).length, 6, `other queries`);
      t.deepEqual(
        [...run.ranOn],
        ['main'],
        `threads that ran callbacks`,
      );
    },
  );
});
