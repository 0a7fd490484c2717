import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';
import type * as Solution from './solution.ts';

type M = typeof Solution;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const BUDGET_MS = 1; // 100 items; one round trip is about 45 µs

interface Run {
  total: number;
  expected: number;
  ms: number;
  asked: Map<string, number>; // id -> how many times its price was asked for
  lines: number; // request lines the service received
}

async function scenario(
  m: M,
  seed: number,
  count: number,
): Promise<Run> {
  const k = new Kernel({ seed, netDelay: 0.02 });
  const price = (id: string) =>
    (id.length * 7 + Number(id.slice(3))) % 97;
  const asked = new Map<string, number>();
  let lines = 0;
  const ask = (id: string) => {
    asked.set(id, (asked.get(id) ?? 0) + 1);
    return String(price(id));
  };
  const prices = k.service('prices:7000', {
    mode: 'lines',
    latency: { min: 0.002, max: 0.008 },
    reply: (line) => {
      lines++;
      const [cmd, ...ids] = line.trim().split(' ');
      if (cmd === 'GET' && ids.length === 1) return ask(ids[0]!);
      if (cmd === 'MGET') return ids.map(ask).join(' ');
      return 'ERR unknown command';
    },
  });
  const ids = Array.from(
    { length: count },
    (_, i) => `sku${(i * 37 + seed) % 1000}`,
  );
  const unique = [...new Set(ids)];
  const loop = new Loop(k);
  const t0 = k.now();
  const total = await loop.run(() => m.cartTotal(loop, prices, ids));
  return {
    total,
    expected: ids.reduce((s, id) => s + price(id), 0),
    ms: k.now() - t0,
    asked: new Map([...asked].filter(([id]) => unique.includes(id))),
    lines,
  };
}

export default defineChecks<M>((m, { check, checkSeeds }) => {
  checkSeeds(
    'the total is right, under eight seeds',
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed, 100);
      t.equal(run.total, run.expected, `cart total`);
    },
  );

  checkSeeds(
    '100 items cost at most 1 ms of virtual time',
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed, 100);
      t.atMost(
        Number(run.ms.toFixed(3)),
        BUDGET_MS,
        `virtual ms for 100 items`,
      );
    },
  );

  checkSeeds(
    'every item is asked for exactly once, in at most 100 request lines',
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed, 100);
      t.equal(run.asked.size, 100, `items asked for`);
      t.deepEqual(
        [...run.asked.values()].filter((n) => n !== 1),
        [],
        `items asked for more than once`,
      );
      t.atMost(run.lines, 100, `request lines`);
    },
  );

  check('an empty cart costs nothing', async (t) => {
    const run = await scenario(m, 1, 0);
    t.equal(run.total, 0, 'total of an empty cart');
  });
});
