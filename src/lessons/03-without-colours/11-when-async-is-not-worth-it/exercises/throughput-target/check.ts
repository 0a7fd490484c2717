import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';
import type * as Solution from './solution.ts';

type M = typeof Solution;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const TARGET = 100_000; // SETs per virtual second
const COUNT = 500;

interface Run {
  oks: number;
  stored: Map<string, string>;
  perSecond: number;
}

async function scenario(
  m: M,
  seed: number,
  count = COUNT,
): Promise<Run> {
  const k = new Kernel({ seed, netDelay: 0.02 }); // 20 µs each way
  const stored = new Map<string, string>();
  const cache = k.service('cache:6379', {
    mode: 'lines',
    latency: { min: 0.002, max: 0.008 }, // 2 to 8 µs per command
    reply: (line) => {
      const [cmd, key, value] = line.trim().split(' ');
      if (cmd !== 'SET' || key === undefined || value === undefined)
        return 'ERR';
      stored.set(key, value);
      return 'OK';
    },
  });
  const entries = Array.from(
    { length: count },
    (_, i) => [`user:${i}`, `v${(i * 7919 + seed) % 10007}`] as const,
  );
  const loop = new Loop(k);
  const t0 = k.now();
  const oks = await loop.run(() => m.warm(loop, cache, entries));
  const seconds = (k.now() - t0) / 1000;
  return { oks, stored, perSecond: Math.round(count / seconds) };
}

export default defineChecks<M>((m, { check, checkSeeds }) => {
  checkSeeds(
    'every SET is stored and acknowledged, under eight seeds',
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed);
      t.equal(run.oks, COUNT, `OK replies counted`);
      t.equal(run.stored.size, COUNT, `keys stored`);
      t.equal(
        run.stored.get('user:42'),
        `v${(42 * 7919 + seed) % 10007}`,
        `user:42`,
      );
    },
  );

  checkSeeds(
    `at least ${TARGET.toLocaleString('en')} SETs per virtual second`,
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed);
      t.atLeast(run.perSecond, TARGET, `SETs per virtual second`);
    },
  );

  check('a small batch works too', async (t) => {
    const run = await scenario(m, 3, 3);
    t.equal(run.oks, 3, 'OK replies for 3 SETs');
  });
});
