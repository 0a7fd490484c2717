import { defineChecks } from '#harness';
import { Kernel, type Random } from '#kit';
import { Loop } from '#lib/aio';
import type * as Solution from './solution.ts';

/** A random site: page i links to a few others; some pages are unreachable. */
function makeSite(rng: Random): Record<string, string[]> {
  const n = 30 + rng.int(0, 10);
  const site: Record<string, string[]> = {
    '/': ['/p1', '/p2', '/p3', '/p4', '/p5'],
  };
  for (let i = 1; i < n; i++)
    site[`/p${i}`] = Array.from(
      { length: rng.int(0, 4) },
      () => `/p${rng.int(1, n - 1)}`,
    );
  return site;
}

function reachable(site: Record<string, string[]>): string[] {
  const seen = new Set(['/']);
  const todo = ['/'];
  for (let url = todo.pop(); url !== undefined; url = todo.pop())
    for (const l of site[url] ?? [])
      if (!seen.has(l)) {
        seen.add(l);
        todo.push(l);
      }
  return [...seen].sort();
}

/** One crawl on the kit with seeded latencies; what the check needs to judge it. */
async function crawlWorld(
  m: typeof Solution,
  seed: number,
  concurrency: number,
) {
  const k = new Kernel({ seed });
  const loop = new Loop(k);
  const site = makeSite(k.random);
  const web = k.service('web', {
    latency: { min: 5, max: 150 },
    reply: (req) => (site[req.slice(4)] ?? []).join(' '),
  });
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchCount = new Map<string, number>();
  const fetchLinks = async (url: string): Promise<string[]> => {
    fetchCount.set(url, (fetchCount.get(url) ?? 0) + 1);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    try {
      const body = await loop.fetch(web, `GET ${url}`);
      return body === '' ? [] : body.split(' ');
    } finally {
      inFlight--;
    }
  };
  const queue = new m.AsyncQueue<string>();
  let inFlightAtReturn = -1;
  const fetched = await loop.run(async () => {
    const r = await m.crawl('/', fetchLinks, concurrency, queue);
    inFlightAtReturn = inFlight;
    return r;
  });
  return {
    site,
    fetched,
    fetchCount,
    maxInFlight,
    inFlightAtReturn,
    queue,
    loop,
  };
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Lets `n` microtask turns pass. */
async function turns(n = 20): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/** How `p` has settled after a few microtask turns: a check must fail, not hang. */
function soon<T>(p: Promise<T>): Promise<string> {
  return Promise.race([
    p.then(
      (v) => `fulfilled: ${String(v)}`,
      (e: unknown) =>
        `rejected: ${e instanceof Error ? e.message : String(e)}`,
    ),
    turns().then(() => 'still pending'),
  ]);
}

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    check('get returns items in the order they were put', async (t) => {
      const q = new m.AsyncQueue<number>();
      q.put(1);
      q.put(2);
      q.put(3);
      t.deepEqual(
        [await q.get(), await q.get(), await q.get()],
        [1, 2, 3],
      );
    });

    check(
      'get waits while the queue is empty; waiting getters are served in order',
      async (t) => {
        const q = new m.AsyncQueue<string>();
        const got: string[] = [];
        const a = q.get().then((x) => got.push(`first getter: ${x}`));
        const b = q.get().then((x) => got.push(`second getter: ${x}`));
        await turns();
        t.deepEqual(got, [], 'nothing to get yet');
        t.equal(q.waiting, 2, 'getters waiting');
        q.put('x');
        q.put('y');
        await Promise.all([a, b]);
        t.deepEqual(got, ['first getter: x', 'second getter: y']);
      },
    );

    check('join waits for one taskDone per item put', async (t) => {
      const q = new m.AsyncQueue<string>();
      let joined = false;
      await q.join(); // nothing put: resolves at once
      q.put('a');
      q.put('b');
      const j = q.join().then(() => (joined = true));
      await q.get();
      await q.get();
      await turns();
      t.ok(
        !joined,
        'join resolved while both items were still being processed',
      );
      q.taskDone();
      await turns();
      t.ok(!joined, 'join resolved after one taskDone of two');
      q.taskDone();
      t.equal(
        await soon(j),
        'fulfilled: true',
        'join after the second taskDone',
      );
    });

    check('taskDone called more times than put throws', (t) => {
      const q = new m.AsyncQueue<number>();
      q.put(1);
      q.taskDone();
      t.throws(
        () => q.taskDone(),
        /./,
        'the second taskDone should throw',
      );
    });

    check(
      'an aborted get rejects, stops waiting, and does not swallow a later item',
      async (t) => {
        const q = new m.AsyncQueue<string>();
        const stop = new AbortController();
        const g = q.get(stop.signal);
        stop.abort(new Error('stopped'));
        t.equal(await soon(g), 'rejected: stopped', 'the aborted get');
        t.equal(q.waiting, 0, 'getters still waiting after the abort');
        q.put('kept');
        t.equal(q.size, 1, 'items in the queue after put');
        t.equal(await soon(q.get()), 'fulfilled: kept', 'the next get');
      },
    );

    checkSeeds(
      'crawl fetches every reachable page exactly once (8 seeds)',
      SEEDS,
      async (t, seed) => {
        const { site, fetched, fetchCount } = await crawlWorld(
          m,
          seed,
          3,
        );
        const twice = [...fetchCount]
          .filter(([, n]) => n > 1)
          .map(([u]) => u);
        t.deepEqual(twice, [], `URLs fetched more than once`);
        t.deepEqual(
          [...fetched].sort(),
          reachable(site),
          `pages crawl returned`,
        );
      },
    );

    checkSeeds(
      'never more than k fetches in flight, and k are used (8 seeds, k = 1, 3, 5)',
      SEEDS,
      async (t, seed) => {
        for (const k of [1, 3, 5]) {
          const { maxInFlight } = await crawlWorld(m, seed, k);
          t.equal(
            maxInFlight,
            k,
            `concurrency ${k}: most fetches in flight at once`,
          );
        }
      },
    );

    checkSeeds(
      'crawl returns only when all work is done, and leaves nothing waiting (8 seeds)',
      SEEDS,
      async (t, seed) => {
        const { inFlightAtReturn, queue, loop } = await crawlWorld(
          m,
          seed,
          4,
        );
        t.equal(
          inFlightAtReturn,
          0,
          `fetches still in flight when crawl returned`,
        );
        t.equal(queue.size, 0, `items left in the queue`);
        t.equal(
          queue.waiting,
          0,
          `workers still blocked in get() after crawl`,
        );
        t.deepEqual(
          loop.pending(),
          { timers: 0, readers: 0, writers: 0 },
          `waits left on the loop`,
        );
      },
    );
  },
);
