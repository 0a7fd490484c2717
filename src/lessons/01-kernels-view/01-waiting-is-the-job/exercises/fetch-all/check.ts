import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import type * as Solution from './solution.ts';

const LATENCIES = [150, 90, 300, 60];
const SUM = 600;
const MAX = 300;

function world(): { k: Kernel; addrs: string[] } {
  const k = new Kernel();
  const addrs = LATENCIES.map((latency, i) =>
    k.service(`svc${i}`, { latency, reply: (r) => `svc${i}: ${r}` }),
  );
  return { k, addrs };
}

const expected = LATENCIES.map((_, i) => `svc${i}: GET /`);

export default defineChecks<typeof Solution>((m, { check }) => {
  check('fetchInOrder returns every reply, in order', (t) => {
    const { k, addrs } = world();
    t.deepEqual(m.fetchInOrder(k, addrs, 'GET /'), expected);
  });
  check('fetchInOrder takes the sum of the latencies (600 ms)', (t) => {
    const { k, addrs } = world();
    m.fetchInOrder(k, addrs, 'GET /');
    t.atLeast(k.now(), SUM, 'virtual time taken');
    t.atMost(k.now(), SUM + 1, 'virtual time taken');
  });
  check(
    'fetchTogether returns every reply, in the order of addrs',
    (t) => {
      const { k, addrs } = world();
      t.deepEqual(m.fetchTogether(k, addrs, 'GET /'), expected);
    },
  );
  check(
    'fetchTogether takes about the longest latency (300 ms)',
    (t) => {
      const { k, addrs } = world();
      m.fetchTogether(k, addrs, 'GET /');
      t.atLeast(k.now(), MAX, 'virtual time taken');
      t.atMost(k.now(), MAX + 5, 'virtual time taken');
    },
  );
  check('both handle an empty list', (t) => {
    const { k } = world();
    t.deepEqual(m.fetchInOrder(k, [], 'GET /'), []);
    t.deepEqual(m.fetchTogether(k, [], 'GET /'), []);
    t.equal(k.now(), 0, 'virtual time taken');
  });
});
