import { defineChecks, seedRange } from '#harness';
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import type * as Solution from './solution.ts';

type M = typeof Solution;
type Co<T> = Solution.Coroutine<T>;

const world = (seed = 1) => {
  const k = new Kernel({ seed, syscallCost: 0 });
  return { k, loop: new Reactor(k) };
};

export default defineChecks<M>((m, { check, checkSeeds }) => {
  checkSeeds(
    'results are sent in; the return value completes the task (seeds 1-8)',
    seedRange(1, 8),
    (t, seed) => {
      const { k, loop } = world(seed);
      const log: string[] = [];
      const plans = [0, 1, 2].map(() =>
        Array.from({ length: 3 }, () => k.random.int(1, 100)),
      );
      const tasks = plans.map(
        (plan, i) =>
          new m.Task(
            loop,
            (function* (): Co<number> {
              let total = 0;
              for (const ms of plan) {
                const got = yield* m.delay(loop, ms, ms);
                total += got;
                log.push(`${i}:${got}@${k.now()}`);
              }
              return total;
            })(),
          ),
      );
      loop.run();
      const expected = plans
        .flatMap((plan, i) =>
          plan.map((ms, j) => ({
            i,
            ms,
            at: plan.slice(0, j + 1).reduce((a, b) => a + b, 0),
          })),
        )
        .sort((a, b) => a.at - b.at || a.i - b.i)
        .map(({ i, ms, at }) => `${i}:${ms}@${at}`);
      const sorted = [...log].sort(
        (a, b) =>
          Number(a.split('@')[1]) - Number(b.split('@')[1]) ||
          Number(a.split(':')[0]) - Number(b.split(':')[0]),
      );
      t.deepEqual(sorted, expected, `values seen, and when`);
      t.deepEqual(
        tasks.map((x) => x.result()),
        plans.map((p) => p.reduce((a, b) => a + b, 0)),
        `task results`,
      );
      t.equal(
        k.now(),
        Math.max(...expected.map((e) => Number(e.split('@')[1]))),
        `run() ends at the last result`,
      );
    },
  );

  check(
    'yield* carries values into nested generators and their return values out',
    (t) => {
      const { loop } = world();
      function* leaf(x: number): Co<number> {
        return (yield* m.delay(loop, 10, x)) * 10;
      }
      function* middle(): Co<number> {
        const a = yield* leaf(1);
        const b = yield* leaf(2);
        return a + b;
      }
      const task = new m.Task(
        loop,
        (function* (): Co<string> {
          const sum = yield* middle();
          return `sum ${sum}`;
        })(),
      );
      loop.run();
      t.equal(task.result(), 'sum 30');
    },
  );

  check(
    'a failed future throws at the yield, where try/catch catches it (also inside yield*)',
    (t) => {
      const { k, loop } = world();
      const log: string[] = [];
      function* inner(): Co<string> {
        try {
          yield* m.failAfter(loop, 40, 'disk on fire');
          log.push('not reached');
          return 'no';
        } catch (e) {
          log.push(
            `inner caught "${(e as Error).message}" at ${k.now()}`,
          );
          return 'recovered';
        }
      }
      const task = new m.Task(
        loop,
        (function* (): Co<string> {
          const r = yield* inner();
          const after = yield* m.delay(loop, 10, 'later');
          return `${r}, then ${after}`;
        })(),
      );
      loop.run();
      t.deepEqual(log, ['inner caught "disk on fire" at 40']);
      t.equal(task.result(), 'recovered, then later');
    },
  );

  check(
    'an uncaught error fails the task; a task that waits on it gets the error',
    (t) => {
      const { loop } = world();
      const failing = new m.Task(
        loop,
        (function* (): Co<number> {
          yield* m.delay(loop, 5, 0);
          throw new Error('bad input');
        })(),
      );
      const waiter = new m.Task(
        loop,
        (function* (): Co<string> {
          try {
            return `got ${yield* failing}`;
          } catch (e) {
            return `saw "${(e as Error).message}"`;
          }
        })(),
      );
      loop.run();
      t.ok(failing.done(), 'the failing task should be done');
      t.throws(
        () => failing.result(),
        'bad input',
        'failing.result() should throw the error',
      );
      t.equal(waiter.result(), 'saw "bad input"');
    },
  );

  check(
    'cancel() runs every finally block at once, and nothing after the yield runs',
    (t) => {
      const { k, loop } = world();
      const log: string[] = [];
      function* inner(): Co<void> {
        try {
          yield* m.delay(loop, 1000, 'x');
          log.push('inner resumed');
        } finally {
          log.push(`inner finally at ${k.now()}`);
        }
      }
      const task = new m.Task(
        loop,
        (function* (): Co<void> {
          try {
            yield* inner();
            log.push('outer resumed');
          } finally {
            log.push(`outer finally at ${k.now()}`);
          }
          log.push('after the try');
        })(),
      );
      const answers: boolean[] = [];
      loop.callLater(70, () => answers.push(task.cancel()));
      loop.run();
      t.deepEqual(log, ['inner finally at 70', 'outer finally at 70']);
      t.deepEqual(
        answers,
        [true],
        'cancel() on a running task returns true',
      );
      t.ok(task.cancelled(), 'task.cancelled() should be true');
      t.throws(
        () => task.result(),
        'CancelledError',
        'task.result() should throw CancelledError',
      );
      t.equal(
        task.cancel(),
        false,
        'cancel() on a finished task returns false',
      );
      t.equal(
        k.now(),
        70,
        'run() should return at 70 ms: the 1000 ms timer must be cancelled too',
      );
    },
  );

  checkSeeds(
    'cancel() at random times (seeds 1-8): steps before it, finally at it, none after',
    seedRange(1, 8),
    (t, seed) => {
      const { k, loop } = world(seed);
      const delays = Array.from({ length: 5 }, () =>
        k.random.int(10, 60),
      );
      const cancelAt = k.random.int(5, 200);
      const log: string[] = [];
      const task = new m.Task(
        loop,
        (function* (): Co<void> {
          try {
            for (const ms of delays) {
              yield* m.delay(loop, ms, ms);
              log.push(`step@${k.now()}`);
            }
          } finally {
            log.push(`finally@${k.now()}`);
          }
        })(),
      );
      loop.callLater(cancelAt, () => task.cancel());
      loop.run();
      const expected: string[] = [];
      let at = 0;
      for (const ms of delays) {
        at += ms;
        if (at >= cancelAt) break;
        expected.push(`step@${at}`);
      }
      const finishedFirst = expected.length === delays.length;
      expected.push(`finally@${finishedFirst ? at : cancelAt}`);
      t.deepEqual(
        log,
        expected,
        `delays ${delays.join(',')}, cancel at ${cancelAt}`,
      );
      t.equal(task.cancelled(), !finishedFirst, `task.cancelled()`);
    },
  );

  check('cancel() before the first step: the body never runs', (t) => {
    const { loop } = world();
    let ran = false;
    const task = new m.Task(
      loop,
      (function* (): Co<void> {
        ran = true;
        yield* m.delay(loop, 10, 0);
      })(),
    );
    task.cancel();
    loop.run();
    t.equal(ran, false, 'the generator body should not have run');
    t.ok(task.cancelled(), 'task.cancelled() should be true');
  });
});
