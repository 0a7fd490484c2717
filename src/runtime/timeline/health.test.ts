// Loop-health flags (issue 15, item 3): drawn from kit traces, claiming only what they show.
import { describe, expect, it } from 'vitest';
import { EPOLLIN, EPOLL_CTL_ADD, EPOLL_CTL_DEL, Kernel } from '../../kit/index.ts';
import type { KernelTrace } from '../types.ts';
import { LONG_RUN_MS, SLOW_CLIENT_MS, healthTitle, loopHealth } from './health.ts';
import { buildTimeline } from './lanes.ts';
import { traced } from './test-traces.ts';

/** An epoll echo loop where a "report" request computes `cost` ms in its callback. */
function loopWithSlowCallback(cost: number): KernelTrace {
  return traced(() => {
    const k = new Kernel();
    const ep = k.epoll_create();
    const server = k.socket();
    k.bind(server, 8080);
    k.listen(server);
    k.setblocking(server, false);
    k.epoll_ctl(ep, EPOLL_CTL_ADD, server, EPOLLIN);
    k.clients(8080, [
      { name: 'ana', at: 50, send: ['ping', 'ping'], gap: 100 },
      { name: 'bo', at: 120, send: ['report'] },
      { name: 'cy', at: 130, send: ['ping'] },
    ]);
    let served = 0;
    while (served < 3) {
      for (const { fd } of k.epoll_wait(ep, 64, 1000)) {
        if (fd === server) {
          const c = k.accept(server);
          k.setblocking(c, false);
          k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
          continue;
        }
        const d = k.recv(fd, 1024);
        if (d === '') {
          k.epoll_ctl(ep, EPOLL_CTL_DEL, fd);
          k.close(fd);
          served++;
        } else {
          if (d === 'report') k.cpu(cost);
          k.send(fd, d);
        }
      }
    }
  }).kernels[0]!;
}

describe('loopHealth', () => {
  it('flags a callback that blocks the loop, and the clients it kept waiting', () => {
    const m = buildTimeline(loopWithSlowCallback(300));
    const { flags, timersTraced } = loopHealth(m);
    expect(flags.map((f) => f.kind)).toEqual(['long-run', 'slow-clients']);
    const [run, clients] = flags;
    expect(run!.text).toMatch(
      /^main ran for 300\.0\d* ms without a syscall at 120\.\d{3} ms: it blocked its event loop/,
    );
    // The flag jumps to the moment the run starts: main's cpu event.
    expect(m.events[run!.event]).toMatchObject({ actor: 'main', event: 'cpu' });
    // bo waited for its own report, cy and ana's second ping behind it; bo the longest.
    expect(clients!.text).toMatch(
      /^3 clients waited more than 100 ms for a reply \(the longest: bo, 30\d\.\d ms, from 120\.\d{3} ms\)\.$/,
    );
    expect(m.events[clients!.event]).toMatchObject({ actor: 'bo', event: 'send' });
    // The kit does not trace sleeps or timeouts: lateness is not claimed either way.
    expect(timersTraced).toBe(false);
  });

  it('raises nothing for a loop whose callbacks are short', () => {
    const m = buildTimeline(loopWithSlowCallback(LONG_RUN_MS / 2));
    expect(loopHealth(m).flags).toEqual([]);
  });

  it('flags a cooperative task that does not yield, not a preemptive thread that computes', () => {
    const { kernels } = traced(() => {
      const k = new Kernel();
      k.spawn(
        function* (sys) {
          yield* sys.cpu(80);
        },
        { name: 'hog', cooperative: true },
      );
      k.spawn(
        function* (sys) {
          yield* sys.cpu(200);
        },
        { name: 'worker' },
      );
      k.run();
    });
    const { flags } = loopHealth(buildTimeline(kernels[0]!));
    expect(flags).toHaveLength(1);
    expect(flags[0]!.text).toMatch(
      /^hog ran for 80\.\d ms without a syscall at .* a cooperative task/,
    );
  });

  it('flags late timers when the trace says when a sleep was due', () => {
    const trace: KernelTrace = {
      index: 1,
      events: [
        { t: 0, actor: 'main', event: 'socket', fd: 3 },
        { t: 0.001, actor: 'main', event: 'block', detail: 'sleep: until 5.000 ms' },
        { t: 12, actor: 'main', event: 'close', fd: 3 },
        { t: 12.001, actor: 'main', event: 'block', detail: 'sleep: until 20.000 ms' },
        { t: 20.0001, actor: 'main', event: 'socket', fd: 3 },
      ],
      dropped: 0,
      now: 21,
      actors: [],
    };
    const { flags, timersTraced } = loopHealth(buildTimeline(trace));
    expect(timersTraced).toBe(true);
    expect(flags).toEqual([
      {
        kind: 'late-timers',
        text: '1 timer fired late (by up to 7.0 ms; the latest: main at 12.000 ms).',
        event: 2,
      },
    ]);
  });

  it('flags a sleep that ends late because a cooperative task held the CPU', () => {
    const { kernels } = traced(() => {
      const k = new Kernel();
      k.spawn(
        function* (sys) {
          yield* sys.sleep(5);
        },
        { name: 'sleeper', cooperative: true },
      );
      k.spawn(
        function* (sys) {
          yield* sys.cpu(30);
        },
        { name: 'hog', cooperative: true },
      );
      k.run();
    });
    const m = buildTimeline(kernels[0]!);
    const { flags, timersTraced } = loopHealth(m);
    expect(timersTraced).toBe(true);
    const late = flags.find((f) => f.kind === 'late-timers')!;
    expect(late.text).toMatch(
      /^1 timer fired late \(by up to 2\d\.\d ms; the latest: sleeper at 3\d\.\d{3} ms\)\.$/,
    );
    expect(m.events[late.event]).toMatchObject({ actor: 'sleeper' });
  });

  it('counts a request still unanswered when the trace ends', () => {
    const { kernels } = traced(() => {
      const k = new Kernel();
      const s = k.socket();
      k.bind(s, 8080);
      k.listen(s);
      k.clients(8080, [{ name: 'dee', at: 1, send: ['x'] }]);
      const c = k.accept(s);
      k.recv(c, 10);
      k.sleep(500); // never replies
    });
    const { flags } = loopHealth(buildTimeline(kernels[0]!));
    expect(flags.map((f) => f.text)).toEqual([
      expect.stringMatching(
        /^1 client waited more than 100 ms .*dee, 50\d\.\d ms and still waiting when the trace ends/,
      ),
    ]);
  });

  /** A server that answers each client after sleeping `delay` ms (one at a time). */
  function delayedReplies(delay: number, clients: number): KernelTrace {
    return traced(() => {
      const k = new Kernel();
      const s = k.socket();
      k.bind(s, 8080);
      k.listen(s);
      k.clients(
        8080,
        Array.from({ length: clients }, (_, i) => ({ name: `c${i}`, at: i * 1000, send: ['x'] })),
      );
      for (let i = 0; i < clients; i++) {
        const c = k.accept(s);
        const d = k.recv(c, 10);
        k.sleep(delay);
        k.send(c, d);
        k.recv(c, 10);
        k.close(c);
      }
    }).kernels[0]!;
  }

  it('does not count a wait of the threshold plus syscall costs as more than it', () => {
    const m = buildTimeline(delayedReplies(SLOW_CLIENT_MS, 3));
    // The replies come a few µs after 100 ms: shown as 100.0 ms, not "more than 100 ms".
    const reply = m.events.find((e) => e.event === 'reply');
    expect(reply?.detail).toMatch(/after 100\.\d+ ms$/);
    expect(loopHealth(m).flags).toEqual([]);
    // Clearly past it, they are counted.
    const slow = loopHealth(buildTimeline(delayedReplies(SLOW_CLIENT_MS + 2, 3))).flags;
    expect(slow.map((f) => f.text)).toEqual([
      expect.stringMatching(
        /^3 clients waited more than 100 ms for a reply \(the longest: c\d, 102\.0 ms/,
      ),
    ]);
  });

  it('titles the section "Loop health" only when the trace has an event loop', () => {
    expect(healthTitle(buildTimeline(loopWithSlowCallback(1)))).toBe('Loop health');
    expect(healthTitle(buildTimeline(delayedReplies(1, 1)))).toBe('Run health');
  });
});
