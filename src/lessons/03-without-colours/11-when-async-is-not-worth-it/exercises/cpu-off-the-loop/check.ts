import { defineChecks } from '#harness';
import { Kernel, type ClientSpec } from '#kit';
import { Loop } from '#lib/aio';
import type * as Solution from './solution.ts';

type M = typeof Solution;
const SEEDS = [1, 2, 3, 4, 5, 6];
const BUDGET = 12; // ms: p99 of the short requests

interface Run {
  pingP99: number;
  pings: number;
  hashes: number;
  replies: string[];
  /** The fastest hash reply (ms): no hash can be answered before its 50 ms of CPU. */
  fastestHash: number;
  /** CPU time the whole run used (ms). */
  cpu: number;
  peak: number;
  created: number;
  liveAfterStop: number;
}

/** An async echo server: "hash" needs 50 ms of CPU, "ping" needs none. */
async function scenario(
  m: M,
  seed: number,
  size: number,
): Promise<Run> {
  const k = new Kernel({ seed });
  const rng = k.random;
  const loop = new Loop(k);
  const server = loop.listen(8080);
  const pool = m.cpuPool(k, loop, size);
  const specs: ClientSpec[] = [];
  for (let i = 0; i < 5; i++)
    specs.push({
      name: `ping${i}`,
      at: rng.int(1, 20),
      send: Array<string>(rng.int(15, 25)).fill('ping'),
      gap: rng.int(3, 12),
    });
  for (let i = 0; i < 3; i++)
    specs.push({
      name: `hash${i}`,
      at: rng.int(5, 120),
      send: ['hash', 'hash'],
      gap: rng.int(10, 60),
    });
  const g = k.clients(8080, specs);
  const handle = async (conn: number): Promise<void> => {
    for (
      let req = await loop.recv(conn, 64);
      req !== '';
      req = await loop.recv(conn, 64)
    ) {
      if (req === 'hash') await pool.compute(50);
      await loop.sendall(conn, req);
    }
    loop.close(conn);
  };
  await loop.run(async () => {
    const handlers: Promise<void>[] = [];
    for (let i = 0; i < specs.length; i++)
      handlers.push(handle(await loop.accept(server)));
    await Promise.all(handlers);
  });
  pool.stop();
  k.run(); // let the pool's threads end
  const pings = g.clients.filter((c) => c.name.startsWith('ping'));
  const hashes = g.clients.filter((c) => c.name.startsWith('hash'));
  const s = k.stats();
  return {
    pingP99: Number(
      k.percentiles(pings.flatMap((c) => c.latencies)).p99.toFixed(2),
    ),
    pings: pings.reduce((n, c) => n + c.replies.length, 0),
    hashes: hashes.reduce((n, c) => n + c.replies.length, 0),
    replies: hashes.flatMap((c) => c.replies),
    fastestHash: Number(
      Math.min(...hashes.flatMap((c) => c.latencies)).toFixed(2),
    ),
    cpu: Number(s.cpuTime.toFixed(2)),
    peak: s.threads.peak,
    created: s.threads.created,
    liveAfterStop: s.threads.live,
  };
}

export default defineChecks<M>((m, { checkSeeds }) => {
  checkSeeds(
    'every request is answered once its work is done, under six seeds',
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed, 1);
      t.equal(run.hashes, 6, `hash replies`);
      t.deepEqual(
        [...new Set(run.replies)],
        ['hash'],
        `hash reply text`,
      );
      t.atLeast(run.pings, 75, `ping replies`);
      // A pool that resolves without computing would pass everything else.
      t.atLeast(
        run.fastestHash,
        50,
        `fastest hash reply in ms (its 50 ms of CPU come first)`,
      );
      t.atLeast(
        run.cpu,
        300,
        `CPU time used (ms) for six hashes of 50 ms`,
      );
      t.atLeast(
        run.created,
        1,
        `threads created (the hashing belongs on a pool thread)`,
      );
    },
  );

  checkSeeds(
    `short requests: p99 at most ${BUDGET} ms while hashes run (pool of 1)`,
    SEEDS,
    async (t, seed) => {
      const run = await scenario(m, seed, 1);
      t.atMost(run.pingP99, BUDGET, `ping p99 (ms)`);
    },
  );

  checkSeeds(
    'never more than `size` threads, reused, and all ended after stop()',
    SEEDS,
    async (t, seed) => {
      for (const size of [1, 2]) {
        const run = await scenario(m, seed, size);
        t.atMost(run.peak, size, `size ${size}: threads alive at once`);
        t.atMost(run.created, size, `size ${size}: threads created`);
        t.equal(
          run.liveAfterStop,
          0,
          `size ${size}: threads alive after stop()`,
        );
      }
    },
  );
});
