import { describe, expect, it } from 'vitest';
import { DeadlockError, Kernel, KernelError, type Sys } from './index.ts';

describe('threads', () => {
  it('each thread blocks on its own; the five fetches overlap (total ≈ max, not sum)', () => {
    const k = new Kernel({ syscallCost: 0, switchCost: 0 });
    const lat = [300, 100, 500, 200, 250];
    const addrs = lat.map((latency, i) => k.service(`svc${i}`, { latency }));
    for (const a of addrs) k.fetch(a, 'GET');
    expect(k.now()).toBe(1350);
    const t0 = k.now();
    const threads = addrs.map((a) =>
      k.spawn(function* (sys) {
        return yield* sys.fetch(a, 'GET');
      }),
    );
    k.run();
    expect(k.now() - t0).toBe(500);
    expect(threads.map((t) => t.result)).toEqual(addrs.map((_, i) => `svc${i}: GET`));
  });

  it('time-slices CPU-bound threads round robin and counts context switches', () => {
    const k = new Kernel({ syscallCost: 0, switchCost: 1, timeSlice: 10 });
    const done: string[] = [];
    const body = (name: string, ms: number) =>
      function* (sys: Sys) {
        yield* sys.cpu(ms);
        done.push(`${name}@${sys.now()}`);
      };
    k.spawn(body('long', 50), { name: 'long' });
    k.spawn(body('short', 5), { name: 'short' });
    k.run();
    // The 1 ms switch into `long` counts in its slice: preempted at 10, `short` done at 16.
    expect(done).toEqual(['short@16', 'long@58']);
    expect(k.stats().contextSwitches).toBe(3);
    expect(k.stats().cpuTime).toBe(58);
  });

  it('cooperative tasks are never preempted', () => {
    const k = new Kernel({ syscallCost: 0, greenSwitchCost: 0 });
    const order: string[] = [];
    for (const name of ['a', 'b']) {
      k.spawn(
        function* (sys) {
          yield* sys.cpu(50);
          order.push(`${name}@${sys.now()}`);
          yield* sys.yield();
          order.push(`${name} again`);
        },
        { cooperative: true, name },
      );
    }
    k.run();
    expect(order).toEqual(['a@50', 'b@100', 'a again', 'b again']);
  });

  it('reserves stack address space and fails with EAGAIN past an address-space limit', () => {
    const MiB = 1024 * 1024;
    // main's 1 MiB plus six threads of 1 MiB and a 4 KiB guard page fit in 8 MiB; a seventh not.
    const k = new Kernel({ stackSize: MiB, addressSpaceLimit: 8 * MiB });
    const idle = function* (sys: Sys) {
      yield* sys.sleep(1000);
    };
    for (let i = 0; i < 6; i++) k.spawn(idle);
    expect(() => k.spawn(idle)).toThrow(/EAGAIN: spawn, cannot create thread: .*RLIMIT_AS/);
    expect(k.stats().memory.reserved.peak).toBe(7 * MiB + 6 * 4096);
    expect(k.stats().memory.peak).toBe(7 * MiB);
    k.run();
    expect(k.stats().memory.reserved.current).toBe(MiB);
    expect(k.stats().memory.current).toBe(MiB);
    expect(k.stats().threads).toEqual({ live: 0, peak: 6, created: 6 });
  });

  it('join returns the result or rethrows; run rethrows an unjoined crash', () => {
    const k = new Kernel();
    const ok = k.spawn(function* (sys) {
      yield* sys.sleep(5);
      return 42;
    });
    expect(k.join(ok)).toBe(42);
    const bad = k.spawn(function* (sys) {
      yield* sys.recv(99, 10);
    });
    expect(() => k.join(bad)).toThrow(/EBADF: recv on fd 99/);
    k.spawn(function* () {
      throw new Error('boom');
    });
    expect(() => k.run()).toThrow('boom');
  });

  it('a blocking queue feeds a pool of worker threads', () => {
    const k = new Kernel({ syscallCost: 0, switchCost: 0 });
    const q = k.queue<number>();
    const seen: string[] = [];
    for (const name of ['w1', 'w2']) {
      k.spawn(
        function* (sys) {
          for (;;) {
            const job = yield* sys.get(q);
            if (job < 0) return;
            yield* sys.sleep(job);
            seen.push(`${name}:${job}@${sys.now()}`);
          }
        },
        { name },
      );
    }
    for (const job of [10, 20, 30, -1, -1]) k.put(q, job);
    k.run();
    expect(seen).toEqual(['w1:10@10', 'w2:20@20', 'w1:30@40']);
  });

  it('a plain k.call that would block inside a thread is an EDEADLK error, not a hang', () => {
    const k = new Kernel();
    const s = k.socket();
    k.bind(s, 80);
    k.listen(s);
    const t = k.spawn(function* () {
      k.accept(s);
    });
    expect(() => k.run()).toThrow(
      /would block inside thread T1; inside a thread write `yield\* sys.accept/,
    );
    expect(t.state).toBe('done');
  });

  it('deadlock: every thread blocked, nothing pending, reports what each waits for', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    k.spawn(
      function* (sys) {
        yield* sys.accept(l);
      },
      { name: 'acceptor' },
    );
    const q = k.queue<string>(0, 'jobs');
    k.spawn(
      function* (sys) {
        yield* sys.get(q);
      },
      { name: 'worker' },
    );
    try {
      k.run();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeadlockError);
      const d = e as DeadlockError;
      expect(d.code).toBe('EDEADLK');
      expect(d.waits.map((w) => w.actor)).toEqual(['main', 'acceptor', 'worker']);
      expect(d.message).toMatch(/acceptor: accept on fd 3/);
      expect(d.message).toMatch(/worker: get on jobs \(empty\)/);
    }
  });

  it('deadlock in a single-threaded program: a recv that can never complete throws', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    const c = k.socket();
    k.connect(c, 8080);
    expect(() => k.recv(c, 10)).toThrow(DeadlockError);
    expect(() => k.recv(c, 10)).toThrow(
      /main: recv on fd 4 \(waiting for data from localhost:8080\)/,
    );
    expect(k.now()).toBeLessThan(1);
  });

  it('busy-polling with nothing left to happen is reported instead of spinning forever', () => {
    const k = new Kernel({ spinLimit: 1000 });
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    k.setblocking(l, false);
    const spin = (): void => {
      for (;;) {
        try {
          k.accept(l);
          return;
        } catch (e) {
          if (e instanceof KernelError && e.code === 'EAGAIN') continue;
          throw e;
        }
      }
    };
    expect(spin).toThrow(/busy-wait: main polled 1000 times/);
  });

  it('a busy-polling thread burns virtual CPU time until the data comes', () => {
    const k = new Kernel({ syscallCost: 0.01 });
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    k.setblocking(l, false);
    k.clients(8080, [{ at: 5, send: [] }]);
    const t = k.spawn(function* (sys) {
      for (;;) {
        try {
          return yield* sys.accept(l);
        } catch (e) {
          if (!(e instanceof KernelError) || e.code !== 'EAGAIN') throw e;
        }
      }
    });
    expect(k.join(t)).toBeGreaterThan(3);
    expect(k.stats().wastedPolls).toBeGreaterThan(400);
    expect(k.stats().cpuTime).toBeGreaterThan(4.9);
  });
});
