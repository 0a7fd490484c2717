import { defineChecks, seedRange } from '#harness';
import { Kernel, type Address } from '#kit';
import * as gevent from '#lib/gevent';
import type * as Solution from './solution.ts';

interface World {
  k: Kernel;
  addrs: Address[];
  latencies: number[];
  started: number[];
}

/** Five services with random latencies; each records when its request arrived. */
function world(seed: number): World {
  const k = new Kernel({ seed });
  const latencies = Array.from({ length: 5 }, () =>
    k.random.int(100, 600),
  );
  const started: number[] = [];
  const addrs = latencies.map((latency, i) =>
    k.service(`svc${i}`, {
      latency,
      reply: (req) => {
        started[i] = k.now() - latency;
        return `svc${i} ${req} ${'x'.repeat(10 + i)}`;
      },
    }),
  );
  return { k, addrs, latencies, started };
}

export default defineChecks<typeof Solution>(
  (m, { check, checkSeeds }) => {
    void gevent;
    check('every body comes back, in input order', (t) => {
      const w = world(1);
      const bodies = m.crawl(w.k, w.addrs);
      t.deepEqual(
        bodies.map((b) => b.split(' ').slice(0, 2).join(' ')),
        ['svc0 GET', 'svc1 GET', 'svc2 GET', 'svc3 GET', 'svc4 GET'],
      );
    });

    checkSeeds(
      'the requests overlap: the crawl takes as long as the slowest one (seeds 1..8)',
      seedRange(1, 8),
      (t, seed) => {
        const w = world(seed);
        const t0 = w.k.now();
        m.crawl(w.k, w.addrs);
        const took = w.k.now() - t0;
        const slowest = Math.max(...w.latencies);
        const sum = w.latencies.reduce((a, b) => a + b, 0);
        t.atMost(
          Math.round(took),
          slowest + 5,
          `virtual ms for 5 requests (slowest ${slowest}, all in a row ${sum})`,
        );
      },
    );

    check(
      'every request reaches its service before the first reply comes back',
      (t) => {
        const w = world(2);
        m.crawl(w.k, w.addrs);
        const firstReply = Math.min(
          ...w.latencies.map((l, i) => w.started[i]! + l),
        );
        t.atMost(
          Math.round(Math.max(...w.started)),
          Math.round(firstReply),
          'virtual ms when the last request arrived, compared with the first reply',
        );
      },
    );

    check(
      'loadHttp still binds its calls when loaded (the library is not edited)',
      (t) => {
        const k = new Kernel();
        gevent.patchAll(k);
        const cooperative = k.recv;
        const http = m.loadHttp(k);
        t.ok(
          typeof http.get === 'function',
          'loadHttp returns a client with get()',
        );
        t.equal(k.recv, cooperative, 'k.recv after loadHttp');
      },
    );
  },
);
