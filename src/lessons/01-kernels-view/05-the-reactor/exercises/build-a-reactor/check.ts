import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import type * as Solution from './solution.ts';

type Log = [string, number][];

/** A kernel whose system calls cost no time, so timer times are exact. */
const exact = () => new Kernel({ syscallCost: 0 });

export default defineChecks<typeof Solution>((m, { check }) => {
  check(
    'callLater runs each callback at its time, earliest first',
    (t) => {
      const k = exact();
      const r = new m.Reactor(k);
      const log: Log = [];
      r.callLater(300, () => log.push(['c', k.now()]));
      r.callLater(100, () => log.push(['a', k.now()]));
      r.callLater(200, () => log.push(['b', k.now()]));
      r.run();
      t.deepEqual(log, [
        ['a', 100],
        ['b', 200],
        ['c', 300],
      ]);
    },
  );

  check(
    'timers due at the same time run in the order they were scheduled',
    (t) => {
      const k = exact();
      const r = new m.Reactor(k);
      const order: string[] = [];
      const delays = [50, 20, 50, 80, 50, 20, 50, 50, 80, 50, 20, 50];
      delays.forEach((d, i) =>
        r.callLater(d, () => order.push(`${d}ms#${i}`)),
      );
      r.run();
      const expected = delays
        .map((d, i) => ({ d, i }))
        .sort((x, y) => x.d - y.d || x.i - y.i)
        .map(({ d, i }) => `${d}ms#${i}`);
      t.deepEqual(order, expected);
    },
  );

  check(
    'callSoon callbacks run first, in FIFO order, before due timers',
    (t) => {
      const k = exact();
      const r = new m.Reactor(k);
      const order: string[] = [];
      r.callLater(0, () => order.push('callLater(0)'));
      r.callSoon(() => order.push('soon 1'));
      r.callSoon(() => order.push('soon 2'));
      r.run();
      t.deepEqual(order, ['soon 1', 'soon 2', 'callLater(0)']);
    },
  );

  check('a callback can schedule more work, which runs later', (t) => {
    const k = exact();
    const r = new m.Reactor(k);
    const log: Log = [];
    r.callLater(100, () => {
      log.push(['first', k.now()]);
      r.callSoon(() => log.push(['soon', k.now()]));
      r.callLater(50, () => log.push(['later', k.now()]));
    });
    r.run();
    t.deepEqual(log, [
      ['first', 100],
      ['soon', 100],
      ['later', 150],
    ]);
  });

  check(
    'run() returns when nothing is left, at the last timer',
    (t) => {
      const k = exact();
      const r = new m.Reactor(k);
      r.run();
      t.equal(
        k.now(),
        0,
        'virtual time after run() with nothing to do',
      );
      let fired = false;
      r.callLater(250, () => (fired = true));
      r.run();
      t.ok(fired, 'the 250 ms timer should have fired');
      t.equal(k.now(), 250, 'virtual time when run() returned');
    },
  );

  check(
    'a cancelled timer neither runs nor keeps the loop alive',
    (t) => {
      const k = exact();
      const r = new m.Reactor(k);
      const order: string[] = [];
      const far = r.callLater(5000, () =>
        order.push('cancelled timer'),
      );
      r.callLater(50, () => far.cancel());
      r.callLater(100, () => order.push('100 ms'));
      r.run();
      t.deepEqual(order, ['100 ms']);
      t.equal(k.now(), 100, 'virtual time when run() returned');
    },
  );

  check(
    'stop() returns from run() after the current callback; run() resumes',
    (t) => {
      const k = exact();
      const r = new m.Reactor(k);
      const order: string[] = [];
      r.callLater(100, () => {
        order.push('first');
        r.stop();
      });
      r.callLater(100, () => order.push('second'));
      r.callLater(200, () => order.push('third'));
      r.run();
      t.deepEqual(
        order,
        ['first'],
        'callbacks run before run() returned',
      );
      t.equal(k.now(), 100, 'virtual time when run() returned');
      r.run();
      t.deepEqual(
        order,
        ['first', 'second', 'third'],
        'after a second run()',
      );
    },
  );

  check('addReader calls back when a connection arrives', (t) => {
    const k = exact();
    const r = new m.Reactor(k);
    const server = k.socket();
    k.bind(server, 9000);
    k.listen(server);
    k.setblocking(server, false);
    const at: number[] = [];
    r.addReader(server, () => {
      at.push(k.now());
      k.close(k.accept(server));
      r.removeReader(server);
      k.close(server);
    });
    k.clients(9000, [{ at: 30 }]);
    r.run();
    t.deepEqual(at, [30], 'times the reader was called');
  });

  const echoWorld = () => {
    const k = new Kernel();
    const r = new m.Reactor(k);
    m.serveEcho(k, r, 8080, 3);
    const g = k.clients(8080, [
      { name: 'ana', at: 10, send: ['one', 'two'], gap: 200 },
      { name: 'bo', at: 20, wait: 100, send: ['slow'] },
      { name: 'cy', at: 30, send: ['hey'] },
    ]);
    r.run();
    return { k, g };
  };

  check('serveEcho echoes every request back to its client', (t) => {
    const { g } = echoWorld();
    const replies = g.clients.map((c) => [c.name, c.replies]);
    t.deepEqual(replies, [
      ['ana', ['one', 'two']],
      ['bo', ['slow']],
      ['cy', ['hey']],
    ]);
  });

  check(
    'serveEcho serves clients together: nobody waits for another',
    (t) => {
      const { g } = echoWorld();
      for (const c of g.clients) {
        for (const l of c.latencies)
          t.atMost(l, 1, `${c.name}'s reply latency (ms)`);
      }
      const finished = [...g.clients]
        .sort(
          (a, b) =>
            (a.finishedAt ?? Infinity) - (b.finishedAt ?? Infinity),
        )
        .map((c) => c.name);
      t.deepEqual(
        finished,
        ['cy', 'bo', 'ana'],
        'order in which clients finished',
      );
    },
  );

  check(
    'after its clients leave, the reactor is idle and run() returns',
    (t) => {
      const { k, g } = echoWorld();
      t.ok(
        g.clients.every((c) => c.state === 'done'),
        'every client should be done',
      );
      t.equal(
        k.stats().connectionsServed,
        3,
        'connections accepted and closed',
      );
      t.atMost(k.now(), 215, 'virtual time when run() returned (ms)');
    },
  );
});
