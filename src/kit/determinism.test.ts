import { describe, expect, it } from 'vitest';
import { EPOLL_CTL_ADD, EPOLLIN, Kernel, percentiles, wouldBlock } from './index.ts';

/** A small but busy program: threads, random services, scripted clients, an epoll loop. */
function program(seed: number): Kernel {
  const k = new Kernel({ seed, netDelay: 0.2 });
  const svc = k.service('db', { latency: (rng) => rng.exponential(20) });
  for (let i = 0; i < 3; i++) {
    k.spawn(function* (sys) {
      yield* sys.cpu(k.random.uniform(1, 15));
      return yield* sys.fetch(svc, `q${i}`);
    });
  }
  const l = k.socket();
  k.bind(l, 9000);
  k.listen(l);
  k.setblocking(l, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN);
  const at = k.random.arrivals(20, 3, 1);
  k.clients(
    9000,
    at.map((t) => ({ at: t, send: ['ping', 'pong'], gap: 1 })),
  );
  let closed = 0;
  while (closed < 20) {
    for (const ev of k.epoll_wait(ep, 16, 50)) {
      if (ev.fd === l) {
        try {
          const c = k.accept(l);
          k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
        } catch (e) {
          if (!wouldBlock(e)) throw e;
        }
        continue;
      }
      const d = k.recv(ev.fd, 64);
      if (d === '') {
        k.close(ev.fd);
        closed++;
      } else k.send(ev.fd, d);
    }
  }
  k.run();
  return k;
}

describe('determinism', () => {
  it('the same seed gives a byte-identical trace, text and stats', () => {
    const a = program(7);
    const b = program(7);
    expect(a.traceJSON()).toBe(b.traceJSON());
    expect(a.traceText()).toBe(b.traceText());
    expect(JSON.stringify(a.stats())).toBe(JSON.stringify(b.stats()));
    expect(a.trace().length).toBeGreaterThan(100);
  });

  it('a different seed gives a different run', () => {
    expect(program(7).traceJSON()).not.toBe(program(8).traceJSON());
  });
});

describe('measurement', () => {
  it('trace events carry time, actor, event, descriptor and detail; text is readable', () => {
    const k = new Kernel({ syscallCost: 0 });
    const l = k.socket();
    k.bind(l, 8080);
    const t = k.trace();
    expect(t[1]).toEqual({ t: 0, actor: 'main', event: 'bind', fd: 3, detail: 'localhost:8080' });
    expect(k.traceText().split('\n')[1]).toBe(
      '     0.000 ms  main       bind         fd 3    localhost:8080',
    );
    expect(JSON.parse(k.traceJSON())).toEqual(t);
  });

  it('a full trace keeps its first and latest events around a cut marker', () => {
    const k = new Kernel({ traceLimit: 4, syscallCost: 1 });
    for (let i = 0; i < 7; i++) k.socket(); // fds 3..9, at 1, 2, … 7 ms
    const t = k.trace();
    expect(t.map((e) => e.fd)).toEqual([3, 4, undefined, 8, 9]);
    expect(t[2]).toEqual({
      t: 3,
      actor: 'trace',
      event: 'cut',
      detail:
        '3 events dropped from 3.000 ms to 5.000 ms (the trace keeps the first 2 and the last 2 events; traceLimit 4)',
      dropped: 3,
    });
    expect(k.traceText().split('\n')[2]).toBe(
      '(trace limit reached: 3 events dropped from 3.000 ms to 5.000 ms (the trace keeps the first 2 and the last 2 events; traceLimit 4))',
    );
    expect(JSON.parse(k.traceJSON())).toEqual(t);
  });

  it('the ring keeps the latest events however many are dropped', () => {
    const k = new Kernel({ traceLimit: 3 });
    for (let i = 0; i < 1000; i++) k.close(k.socket());
    const t = k.trace();
    expect(t).toHaveLength(4);
    expect(t.map((e) => e.event)).toEqual(['socket', 'close', 'cut', 'close']);
    expect(t[2]?.dropped).toBe(1997);
    expect(t[3]).toMatchObject({ event: 'close', fd: 3 });
    expect(new Kernel({ traceLimit: 1 }).trace()).toEqual([]);
    const none = new Kernel({ traceLimit: 0 });
    none.socket();
    expect(none.trace().map((e) => e.event)).toEqual(['cut']);
  });

  it('counts syscalls by name, bytes and wasted polls', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 1);
    k.listen(l);
    k.setblocking(l, false);
    for (let i = 0; i < 3; i++) {
      try {
        k.accept(l);
      } catch {
        // EAGAIN
      }
    }
    const s = k.stats();
    expect(s.syscalls).toEqual({ accept: 3, bind: 1, listen: 1, setblocking: 1, socket: 1 });
    expect(s.totalSyscalls).toBe(7);
    expect(s.wastedPolls).toBe(3);
    expect(s.cpuTime).toBeCloseTo(0.007, 9);
  });

  it('percentiles use nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(v)).toEqual({
      count: 100,
      min: 1,
      mean: 50.5,
      p50: 50,
      p90: 90,
      p99: 99,
      max: 100,
    });
    expect(percentiles([]).count).toBe(0);
    const k = new Kernel();
    k.recordLatency(5);
    k.recordLatency(15);
    expect(k.percentiles()).toMatchObject({ p50: 5, p99: 15 });
  });

  it("the kernel's own summary equals percentiles of the same latencies as a plain array", () => {
    // Fractions whose sum depends on the order of adding: the summary must sort and sum as
    // `percentiles` does, to the last bit.
    const k = new Kernel({ seed: 7 });
    const recorded: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const ms = i % 7 === 0 ? 3 : k.random.exponential(40) / 3;
      recorded.push(ms);
      k.recordLatency(ms);
    }
    expect(k.stats().latency).toStrictEqual(percentiles(recorded));
    expect(k.percentiles()).toStrictEqual(percentiles(recorded));
    expect(new Kernel().stats().latency).toStrictEqual(percentiles([]));
  });
});
