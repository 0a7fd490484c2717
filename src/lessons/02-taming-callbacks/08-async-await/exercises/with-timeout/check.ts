import { defineChecks, seedRange } from '#harness';
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';
import type * as Solution from './solution.ts';

const NONE = { timers: 0, readers: 0, writers: 0 };

/** What a check looks at once its world's loop has stopped. */
interface World<T> {
  /** What `main` returned. */
  readonly result: T;
  readonly loop: Loop;
  readonly kernel: Kernel;
}

/**
 * One check's world: a fresh kernel whose syscalls cost no time (its
 * random latencies drawn from `seed`), the course's `aio` loop on it,
 * and `main` run on that loop until it settles.
 */
async function inWorld<T>(
  main: (loop: Loop, kernel: Kernel) => Promise<T>,
  seed = 1,
): Promise<World<T>> {
  const kernel = new Kernel({ syscallCost: 0, seed });
  const loop = new Loop(kernel);
  const result = await loop.run(() => main(loop, kernel));
  return { result, loop, kernel };
}

/** Settles `p` into a string, so outcomes can be compared. */
const outcome = (p: Promise<unknown>): Promise<string> =>
  p.then(
    (v) => `value ${String(v)}`,
    (e: unknown) =>
      e instanceof Error
        ? `${e.name}: ${e.message}`
        : `thrown ${String(e)}`,
  );

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    check(
      'a fast operation returns its value, and no timer is left',
      async (t) => {
        await inWorld(async (loop) => {
          const r = await outcome(
            m.withTimeout(
              loop,
              (signal) => loop.sleep(30, signal).then(() => 'ok'),
              100,
            ),
          );
          t.equal(r, 'value ok');
          t.equal(
            loop.now(),
            30,
            'virtual time when withTimeout returned',
          );
          t.deepEqual(
            loop.pending(),
            NONE,
            'waits left on the loop right after it returned',
          );
        });
      },
    );

    check(
      'a failing operation rejects with its own error, and no timer is left',
      async (t) => {
        await inWorld(async (loop) => {
          const r = await outcome(
            m.withTimeout(
              loop,
              async (signal) => {
                await loop.sleep(10, signal);
                throw new Error('bad gateway');
              },
              100,
            ),
          );
          t.equal(r, 'Error: bad gateway');
          t.deepEqual(loop.pending(), NONE, 'waits left on the loop');
        });
      },
    );

    check(
      'a slow operation rejects with a TimeoutError exactly at the deadline',
      async (t) => {
        await inWorld(async (loop) => {
          const r = await outcome(
            m.withTimeout(
              loop,
              (signal) => loop.sleep(1000, signal).then(() => 'late'),
              120,
            ),
          );
          t.equal(r, 'TimeoutError: timed out after 120 ms');
          t.equal(loop.now(), 120, 'virtual time of the rejection');
        });
      },
    );

    check(
      'the operation is told why it stopped: its signal aborts with the TimeoutError',
      async (t) => {
        let seen: unknown = 'the signal never aborted';
        await inWorld(async (loop) => {
          await outcome(
            m.withTimeout(
              loop,
              (signal) => {
                signal.addEventListener(
                  'abort',
                  () => (seen = signal.reason),
                );
                return loop.sleep(500);
              },
              50,
            ),
          );
        });
        t.ok(
          seen instanceof m.TimeoutError,
          `signal.reason should be a TimeoutError, got ${String(seen)}`,
        );
      },
    );

    check(
      'after the timeout the work really stops: no more ticks, nothing pending',
      async (t) => {
        const ticks: number[] = [];
        const world = await inWorld(async (loop) => {
          const ticker = async (signal: AbortSignal) => {
            for (let i = 0; i < 20; i++) {
              await loop.sleep(10, signal);
              ticks.push(loop.now());
            }
            return 'all 20 ticks';
          };
          const r = await outcome(m.withTimeout(loop, ticker, 55));
          t.equal(r, 'TimeoutError: timed out after 55 ms');
          await loop.sleep(500); // give a runaway ticker every chance to show itself
        });
        t.deepEqual(
          ticks,
          [10, 20, 30, 40, 50],
          'virtual times of the ticks',
        );
        t.deepEqual(
          world.loop.pending(),
          NONE,
          'waits left on the loop',
        );
      },
    );

    checkSeeds(
      'fetches with random latencies: each one ends in time or is cut off (8 seeds)',
      seedRange(1, 8),
      async (t, seed) => {
        const world = await inWorld((loop, kernel) => {
          const api = kernel.service('api', {
            latency: { min: 40, max: 160 },
          });
          return Promise.all(
            [1, 2, 3, 4, 5, 6].map(async (i) => {
              const start = loop.now();
              const r = await outcome(
                m.withTimeout(
                  loop,
                  (s) => loop.fetch(api, `q${i}`, s),
                  100,
                ),
              );
              return { r, took: loop.now() - start, i };
            }),
          );
        }, seed);
        for (const { r, took, i } of world.result) {
          if (r.startsWith('value')) {
            t.equal(r, `value api: q${i}`, `reply to q${i}`);
            t.atMost(took, 100, `time of the successful q${i} (ms)`);
          } else {
            t.equal(
              r,
              'TimeoutError: timed out after 100 ms',
              `outcome of q${i}`,
            );
            t.equal(took, 100, `time of the timed-out q${i} (ms)`);
          }
        }
        t.ok(
          world.result.some((x) => x.r.startsWith('value')) &&
            world.result.some((x) => !x.r.startsWith('value')),
          `expected some fetches to finish and some to time out`,
        );
        t.deepEqual(
          world.loop.pending(),
          NONE,
          `waits left on the loop`,
        );
        const s = world.kernel.stats().syscalls;
        t.equal(
          s['close'],
          s['socket'],
          `sockets closed (of ${s['socket']} opened)`,
        );
      },
    );
  },
);
