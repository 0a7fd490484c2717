import { describe, expect, it, vi } from 'vitest';
import { Kernel, KernelError } from '#kit';
import { Loop, LoopDeadlockError } from './aio.ts';

/** A kernel whose system calls cost nothing, so virtual times are exact. */
const exact = (seed = 1): Kernel => new Kernel({ syscallCost: 0, seed });

describe('sleep and virtual time', () => {
  it('sleepers wake at their virtual times, earliest first', async () => {
    const loop = new Loop(exact());
    const log: string[] = [];
    const nap = async (name: string, ms: number): Promise<void> => {
      await loop.sleep(ms);
      log.push(`${name}@${loop.now()}`);
    };
    await loop.run(() => Promise.all([nap('c', 300), nap('a', 100), nap('b', 200)]));
    expect(log).toEqual(['a@100', 'b@200', 'c@300']);
    expect(loop.now()).toBe(300);
  });

  it('timers due at the same time fire in the order they were set', async () => {
    const loop = new Loop(exact());
    const log: number[] = [];
    await loop.run(async () => {
      await Promise.all(
        [5, 3, 5, 1, 5, 3].map(async (ms, i) => {
          await loop.sleep(ms * 10);
          log.push(i);
        }),
      );
    });
    expect(log).toEqual([3, 1, 5, 0, 2, 4]);
  });

  it('a deep chain of async calls still sees the time its sleep ended', async () => {
    const loop = new Loop(exact());
    const deep = async (n: number): Promise<number> => {
      if (n === 0) {
        await loop.sleep(10);
        return loop.now();
      }
      return deep(n - 1); // `return promise` costs extra microtask turns at every level
    };
    const times: number[] = [];
    await loop.run(async () => {
      for (let i = 0; i < 3; i++) times.push(await deep(15));
    });
    expect(times).toEqual([10, 20, 30]);
  });

  it('run() returns main’s value and rethrows its error', async () => {
    const loop = new Loop(exact());
    await expect(loop.run(async () => 42)).resolves.toBe(42);
    await expect(
      loop.run(async () => {
        await loop.sleep(5);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('main waiting on a promise nobody resolves is a deadlock, not a hang', async () => {
    const loop = new Loop(exact());
    await expect(loop.run(() => new Promise<void>(() => {}))).rejects.toBeInstanceOf(
      LoopDeadlockError,
    );
  });
});

describe('sockets', () => {
  it('an echo server serves clients concurrently', async () => {
    const k = exact();
    const loop = new Loop(k);
    const server = loop.listen(8080);
    const g = k.clients(8080, [
      { name: 'ana', at: 10, send: ['one', 'two'], gap: 200 },
      { name: 'bo', at: 20, wait: 100, send: ['slow'] },
      { name: 'cy', at: 30, send: ['hey'] },
    ]);
    const handle = async (conn: number): Promise<void> => {
      for (let d = await loop.recv(conn, 1024); d !== ''; d = await loop.recv(conn, 1024))
        await loop.sendall(conn, d);
      loop.close(conn);
    };
    await loop.run(async () => {
      const handlers = [];
      for (let i = 0; i < 3; i++) handlers.push(handle(await loop.accept(server)));
      await Promise.all(handlers);
    });
    expect(g.clients.map((c) => c.replies)).toEqual([['one', 'two'], ['slow'], ['hey']]);
    expect(g.clients.flatMap((c) => c.latencies).every((l) => l === 0)).toBe(true);
    expect(loop.pending()).toEqual({ timers: 0, readers: 0, writers: 0 });
  });

  it('fetches run together: the total is the slowest, not the sum', async () => {
    const k = exact();
    const loop = new Loop(k);
    const addrs = [300, 200, 500, 100].map((latency, i) => k.service(`s${i}`, { latency }));
    const replies = await loop.run(() => Promise.all(addrs.map((a) => loop.fetch(a, 'hi'))));
    expect(replies).toEqual(['s0: hi', 's1: hi', 's2: hi', 's3: hi']);
    expect(loop.now()).toBe(500);
  });

  it('connect to a closed port rejects with ECONNREFUSED and leaks no descriptor', async () => {
    const k = exact();
    const loop = new Loop(k);
    const err = await loop.run(() => loop.connect(9999).catch((e: unknown) => e));
    expect(err).toBeInstanceOf(KernelError);
    expect((err as KernelError).code).toBe('ECONNREFUSED');
    expect(k.stats().syscalls['close']).toBe(1);
  });

  it('sendall waits for buffer space when the peer reads slowly', async () => {
    const k = new Kernel({ syscallCost: 0, bufferSize: 1000 });
    const loop = new Loop(k);
    const server = loop.listen(7000);
    const g = k.clients(7000, [{ send: ['x'.repeat(5000)], readDelay: 10, readSize: 500 }]);
    await loop.run(async () => {
      const conn = await loop.accept(server);
      let got = '';
      while (got.length < 5000) got += await loop.recv(conn, 65536);
      await loop.sendall(conn, got);
      loop.close(conn);
    });
    k.run({ idle: true }); // let the slow reader finish reading
    expect(g.clients[0]!.replies[0]!.length).toBe(5000);
    expect(loop.now()).toBeGreaterThan(50);
  });
});

describe('cancellation', () => {
  it('aborting a sleep rejects with the reason and removes the timer', async () => {
    const loop = new Loop(exact());
    const ac = new AbortController();
    const out = await loop.run(async () => {
      const nap = loop.sleep(1000, ac.signal).then(
        () => 'woke',
        (e: unknown) => `aborted: ${String(e)}`,
      );
      await loop.sleep(10);
      ac.abort('enough');
      return nap;
    });
    expect(out).toBe('aborted: enough');
    expect(loop.now()).toBe(10);
    expect(loop.pending().timers).toBe(0);
  });

  it('an already aborted signal rejects at once', async () => {
    const loop = new Loop(exact());
    const reason = new Error('gone');
    await expect(loop.run(() => loop.sleep(5, AbortSignal.abort(reason)))).rejects.toBe(reason);
  });

  it('aborting a fetch stops it and leaves no socket wait behind', async () => {
    const k = exact();
    const loop = new Loop(k);
    const slow = k.service('slow', { latency: 500 });
    const ac = new AbortController();
    const result = await loop.run(async () => {
      const f = loop.fetch(slow, 'q', ac.signal).catch((e: unknown) => `stopped: ${String(e)}`);
      await loop.sleep(100);
      ac.abort('timeout');
      return f;
    });
    expect(result).toBe('stopped: timeout');
    expect(loop.pending()).toEqual({ timers: 0, readers: 0, writers: 0 });
    expect(k.stats().syscalls['close']).toBe(1);
  });
});

describe('scale and determinism', () => {
  const echo = async (
    seed: number,
    n: number,
  ): Promise<{ wall: number; trace: string; now: number }> => {
    const k = new Kernel({ seed, maxFds: n + 100, trace: false });
    const loop = new Loop(k);
    const server = loop.listen(8080, n);
    const arrivals = k.random.arrivals(n, 0.1, 0);
    const g = k.clients(
      8080,
      arrivals.map((at) => ({ at, send: ['ping'], hold: 50 })),
    );
    const start = performance.now();
    await loop.run(async () => {
      const conns: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        const conn = await loop.accept(server);
        conns.push(
          (async () => {
            for (let d = await loop.recv(conn, 64); d !== ''; d = await loop.recv(conn, 64))
              await loop.sendall(conn, d);
            loop.close(conn);
          })(),
        );
      }
      await Promise.all(conns);
    });
    const wall = performance.now() - start;
    const replies = g.clients.filter((c) => c.replies[0] === 'ping').length;
    expect(replies).toBe(n);
    return { wall, trace: JSON.stringify(k.stats()), now: k.now() };
  };

  it('10,000 connections without a single real timer', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    try {
      const { wall } = await echo(1, 10_000);
      expect(timers).not.toHaveBeenCalled();
      // about 1 s on an idle laptop; the bound only catches an accidental slowdown by an order
      // of magnitude, not a busy CI machine
      expect(wall).toBeLessThan(30_000);
    } finally {
      timers.mockRestore();
    }
  }, 60_000);

  it('the same seed gives the same run', async () => {
    const a = await echo(3, 2000);
    const b = await echo(3, 2000);
    expect(a.trace).toBe(b.trace);
    expect(a.now).toBe(b.now);
  }, 30_000);
});
