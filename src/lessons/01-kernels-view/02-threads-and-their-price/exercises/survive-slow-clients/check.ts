import { defineChecks, seedRange } from '#harness';
import { Kernel, Random, type ClientSpec } from '#kit';
import type * as Solution from './solution.ts';

const BIG = 'x'.repeat(20_000);

/** Five quick clients, one every 10 ms from 10 ms on, each sending two short lines. */
const quick: ClientSpec[] = ['ana', 'bo', 'cy', 'di', 'ed'].map(
  (name, i) => ({
    name,
    at: 10 + 10 * i,
    send: [`hi from ${name}`, 'bye'],
  }),
);

/** The troublemakers, all connected before the quick clients. */
const slowReader: ClientSpec = {
  name: 'slow-reader',
  at: 0,
  send: [BIG],
  readSize: 1000,
  readDelay: 25, // reads 1000 bytes every 25 ms: 500 ms for the reply
};
const neverReads: ClientSpec = {
  name: 'never-reads',
  at: 1,
  send: [BIG],
  read: false,
  hold: 400, // then hangs up without having read a byte
};
const vanishes: ClientSpec = {
  name: 'vanishes',
  at: 2,
  wait: 300, // would send after 300 ms...
  send: ['are you there?'],
  vanishAfter: 150, // ...but its connection is reset at 150 ms
};

/**
 * All eight clients under `seed`: in a shuffled order, each connecting at a random time in the
 * first 60 ms, so the troublemakers may come before, between or after the quick clients.
 */
function shuffled(seed: number): ClientSpec[] {
  const rng = new Random(seed);
  const all = [slowReader, neverReads, vanishes, ...quick];
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.map((c) => ({ ...c, at: rng.int(0, 60) }));
}

function run(m: typeof Solution, specs: ClientSpec[], seed = 1) {
  const k = new Kernel({ seed });
  const listener = k.socket();
  k.bind(listener, 7000);
  k.listen(listener);
  const group = k.clients(7000, specs);
  m.serveEveryone(k, listener, specs.length);
  const byName = (name: string) =>
    group.clients.find((c) => c.name === name);
  return { k, group, byName };
}

function quickLatencies(
  byName: (n: string) => { latencies: number[] } | undefined,
): number {
  return Math.max(
    ...quick.flatMap(
      (c) => byName(c.name ?? '')?.latencies ?? [Infinity],
    ),
  );
}

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    check('quick clients alone get their lines echoed back', (t) => {
      const { byName } = run(m, quick);
      for (const c of quick) {
        t.deepEqual(
          byName(c.name ?? '')?.replies,
          c.send,
          `replies to ${c.name}`,
        );
      }
    });
    check('a slow reader does not delay the quick clients', (t) => {
      const { byName } = run(m, [slowReader, ...quick]);
      t.atMost(
        quickLatencies(byName),
        1,
        'slowest reply to a quick client (ms)',
      );
      t.equal(
        byName('slow-reader')?.replies[0],
        BIG,
        'the slow reader still gets all of its echo',
      );
    });
    check(
      'a client that never reads does not delay the quick clients',
      (t) => {
        const { byName } = run(m, [neverReads, ...quick]);
        t.atMost(
          quickLatencies(byName),
          1,
          'slowest reply to a quick client (ms)',
        );
      },
    );
    check('a client that vanishes does not crash the server', (t) => {
      const { byName } = run(m, [vanishes, ...quick]);
      t.equal(
        byName('vanishes')?.state,
        'vanished',
        'state of the vanishing client',
      );
      t.atMost(
        quickLatencies(byName),
        1,
        'slowest reply to a quick client (ms)',
      );
    });
    check(
      'all three troublemakers at once, and every connection is closed in the end',
      (t) => {
        const { k, group } = run(m, [
          slowReader,
          neverReads,
          vanishes,
          ...quick,
        ]);
        const s = k.stats();
        t.equal(s.connectionsAccepted, 8, 'connections accepted');
        t.equal(
          s.connectionsServed,
          8,
          'connections accepted and closed',
        );
        t.equal(
          s.threads.live,
          0,
          'threads still alive when serveEveryone returns',
        );
        t.ok(
          group.done,
          'every client should have finished, failed or vanished',
        );
      },
    );
    checkSeeds(
      'whatever order they arrive in (seeds 1–6), quick clients are answered within 1 ms',
      seedRange(1, 6),
      (t, seed) => {
        const { k, group, byName } = run(m, shuffled(seed), seed);
        t.atMost(
          quickLatencies(byName),
          1,
          'slowest reply to a quick client (ms)',
        );
        t.equal(
          k.stats().connectionsServed,
          8,
          'connections accepted and closed',
        );
        t.equal(
          k.stats().threads.live,
          0,
          'threads still alive when serveEveryone returns',
        );
        t.ok(
          group.done,
          'every client should have finished, failed or vanished',
        );
      },
    );
  },
);
