import { defineChecks, seedRange, type Assert } from '#harness';
import { Kernel, Random, type ClientSpec } from '#kit';
import * as gevent from '#lib/gevent';
import type * as Solution from './solution.ts';

const BUDGET = 20; // ms of virtual time: p99 of request-to-reply latency

/**
 * 40 clients, 5 ms apart on average, three lines each. Most send them
 * 2 ms apart; `slow` of them (chosen by the seed) think 400 ms between
 * lines, like a person typing in a chat.
 */
function load(seed: number, slow: number): ClientSpec[] {
  const rng = new Random(seed);
  const slowOnes = new Set<number>();
  while (slowOnes.size < slow) slowOnes.add(rng.int(0, 39));
  return rng.arrivals(40, 5, 1).map((at, i) => ({
    at,
    gap: slowOnes.has(i) ? 400 : 2,
    expect: 'line',
    send: ['one\n', 'two\n', 'three\n'],
  }));
}

function judge(
  m: typeof Solution,
  t: Assert,
  seed: number,
  slow: number,
): void {
  const k = new Kernel({ seed });
  const group = k.clients(8080, load(seed, slow));
  try {
    m.serve(k, 8080, 40);
  } catch (e) {
    const why =
      e instanceof Error ? e.message.split('\n')[0] : String(e);
    t.ok(
      false,
      `serve() failed after ${Math.round(k.now())} ms: ${why}`,
    );
  }
  const done = group.clients.filter((c) => c.state === 'done').length;
  t.ok(done === 40, `${done} of 40 clients were served to the end`);
  const bad = group.clients
    .flatMap((c) => c.replies)
    .find((r) => !/^#\d+ \w+\n$/.test(r));
  t.ok(
    bad === undefined,
    `a reply should be "#n line\\n", got ${JSON.stringify(bad)}`,
  );
  t.ok(
    k.stats().threads.created === 0,
    `green threads only: no kernel threads, please`,
  );
  const p = k.percentiles();
  t.ok(
    p.p99 <= BUDGET,
    `${slow} slow clients: p99 ${p.p99.toFixed(1)} ms > ${BUDGET} ms budget ` +
      `(worst ${p.max.toFixed(1)} ms)`,
  );
}

export default defineChecks<typeof Solution>((m, { checkSeeds }) => {
  void gevent;
  checkSeeds(
    'no slow clients: every line answered quickly (seeds 1..4)',
    seedRange(1, 4),
    (t, seed) => {
      judge(m, t, seed, 0);
    },
  );
  checkSeeds(
    `8 to 22 slow clients: p99 within ${BUDGET} ms (seeds 1..8)`,
    seedRange(1, 8),
    (t, seed) => {
      judge(m, t, seed, 6 + 2 * seed);
    },
  );
});
