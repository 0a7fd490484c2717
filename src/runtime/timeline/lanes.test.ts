// The trace-to-lanes model, on real traces from kit programs (issue 15, items 1–2).
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlockError, EPOLLIN, EPOLL_CTL_ADD, Kernel } from '../../kit/index.ts';
import { kernelsCreated, recordKernels } from '../../kit/registry.ts';
import { deadlockWaits, traceMessage } from '../worker/protocol.ts';
import type { KernelTrace } from '../types.ts';
import * as gevent from '../../lib/gevent.ts';
import * as greenletLib from '../../lib/greenlet.ts';
import { transformGreen } from '../green-transform.ts';
import { finalState } from './sections.ts';
import {
  GREENLET_NOTE,
  INCOMPLETE_NOTE,
  buildTimeline,
  describeEvent,
  stateAt,
  type Lane,
  type TimelineModel,
} from './lanes.ts';

afterEach(() => recordKernels(false));

/** What the worker sends for the kernels created by `program`. */
function traced(program: () => void): KernelTrace[] {
  recordKernels(true);
  let error: unknown;
  try {
    program();
  } catch (e) {
    error = e;
  }
  const dl = deadlockWaits(error);
  const m = traceMessage(kernelsCreated(), 0, true, dl);
  recordKernels(false);
  if (!m) throw new Error('no kernel');
  return m.kernels;
}

const lane = (m: TimelineModel, name: string): Lane => {
  const l = m.lanes.find((x) => x.name === name);
  if (!l) throw new Error(`no lane ${name}`);
  return l;
};
const states = (l: Lane) =>
  l.intervals.map((i) => `${i.start.toFixed(3)}-${i.end.toFixed(3)} ${i.state}: ${i.label}`);

function echoServer(): void {
  const k = new Kernel();
  const s = k.socket();
  k.bind(s, 8080);
  k.listen(s);
  k.clients(8080, [
    { at: 1, send: ['hello'] },
    { at: 10, send: ['hi'], readDelay: 50 },
  ]);
  for (let i = 0; i < 2; i++) {
    const conn = k.accept(s);
    for (let d = k.recv(conn, 1024); d !== ''; d = k.recv(conn, 1024)) k.sendall(conn, d);
    k.close(conn);
  }
}

describe('buildTimeline', () => {
  it('derives blocked intervals of a blocking server at event boundaries', () => {
    const [trace] = traced(echoServer);
    const m = buildTimeline(trace!);
    expect(m.lanes.map((l) => `${l.name}/${l.kind}`)).toEqual([
      'main/main',
      'client1/peer',
      'client2/peer',
    ]);
    const main = lane(m, 'main');
    expect(states(main)).toEqual([
      '0.000-0.004 running: running',
      '0.004-1.000 blocked: blocked in accept on fd 3 (waiting for a connection)',
      '1.000-1.005 running: running',
      '1.005-10.000 blocked: blocked in accept on fd 3 (waiting for a connection)',
      '10.000-10.003 running: running',
      '10.003-60.000 blocked: blocked in recv on fd 4 (waiting for data)',
      '60.000-60.001 running: running',
    ]);
    // The `block` event starts the blocked interval; the recv that returns EOF ends it.
    const block = m.events.find((e) => e.event === 'block' && e.detail?.startsWith('recv'))!;
    expect(stateAt(main, block.t)?.label).toBe('blocked in recv on fd 4 (waiting for data)');
    expect(stateAt(main, 59.999)?.state).toBe('blocked');
    expect(stateAt(main, 60)?.state).toBe('running');
    // The slow reader has its request in flight for 50 ms, then closes.
    const c2 = lane(m, 'client2');
    expect(states(c2)).toEqual(['10.000-60.000 busy: waiting for the reply']);
    expect(c2.ended).toBe('closed');
    expect(m.end).toBe(60.001);
    expect(m.notes).toEqual([]);
  });

  it('gives threads and cooperative tasks a lane each: ready, running, preempted, done', () => {
    const [trace] = traced(() => {
      const k = new Kernel();
      k.spawn(
        function* (sys) {
          yield* sys.cpu(25);
          yield* sys.sleep(5);
        },
        { name: 'worker' },
      );
      k.spawn(
        function* (sys) {
          yield* sys.cpu(3);
          yield* sys.sleep(30);
        },
        { name: 'green', cooperative: true },
      );
      k.run();
    });
    const m = buildTimeline(trace!);
    expect(m.lanes.map((l) => `${l.name}/${l.kind}/${l.ended ?? ''}`)).toEqual([
      'main/main/',
      'worker/thread/exit',
      'green/task/exit',
    ]);
    const worker = lane(m, 'worker');
    const preempt = m.events.find((e) => e.event === 'preempt')!;
    const back = m.events.find(
      (e) => e.event === 'switch' && e.actor === 'worker' && e.t > preempt.t,
    )!;
    expect(worker.intervals[0]).toMatchObject({
      state: 'ready',
      label: 'ready: spawned, waiting for the CPU',
    });
    // Preempted with CPU left: ready until it gets the CPU back, then computing again.
    expect(stateAt(worker, preempt.t)).toMatchObject({ state: 'ready', end: back.t });
    expect(stateAt(worker, back.t)).toMatchObject({
      state: 'running',
      label: 'running (computing)',
    });
    // The cooperative task computes 3 ms, then sleeps until it exits.
    const green = lane(m, 'green');
    const greenCpu = m.events.find((e) => e.actor === 'green' && e.event === 'cpu')!;
    expect(stateAt(green, greenCpu.t)).toMatchObject({ state: 'running', end: greenCpu.t + 3 });
    expect(stateAt(green, greenCpu.t + 10)).toMatchObject({
      state: 'sleeping',
      label: expect.stringMatching(/^in sleep \(until \d+\.\d{3} ms\)$/),
    });
    // Main left the CPU at the first switch and waited in run() until the end.
    expect(stateAt(lane(m, 'main'), 20)).toMatchObject({
      state: 'blocked',
      label: expect.stringMatching(/^blocked in run\b/),
    });
  });

  it('shows an event loop waiting in epoll_wait', () => {
    const [trace] = traced(() => {
      const k = new Kernel({ netDelay: 2 });
      const s = k.socket();
      k.bind(s, 80);
      k.listen(s);
      k.setblocking(s, false);
      const ep = k.epoll_create();
      k.epoll_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN);
      k.clients(80, [{ at: 5, send: ['a'] }]);
      for (let served = 0; served < 1;) {
        for (const { fd } of k.epoll_wait(ep, 8, 100)) {
          if (fd === s) {
            const c = k.accept(s);
            k.setblocking(c, false);
            k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
          } else {
            const d = k.recv(fd, 100);
            if (d === '') {
              k.close(fd);
              served++;
            } else k.send(fd, d);
          }
        }
      }
    });
    const m = buildTimeline(trace!);
    const main = lane(m, 'main');
    expect(stateAt(main, 3)).toMatchObject({
      state: 'polling',
      label: 'waiting in epoll_wait on fd 4 (nothing ready, timeout 100 ms)',
      end: 7,
    });
    expect(main.intervals.filter((i) => i.state === 'polling')).toHaveLength(3);
    expect(main.intervals.some((i) => i.state === 'blocked')).toBe(false);
  });

  it('pictures a deadlock: where every actor was when it happened', () => {
    const [trace] = traced(() => {
      const k = new Kernel();
      const s = k.socket();
      k.bind(s, 81);
      k.listen(s);
      k.spawn(function* (sys) {
        yield* sys.sleep(3);
      });
      k.accept(s); // nobody ever connects: DeadlockError once T1 has finished
    });
    expect(trace!.actors).toEqual([
      {
        actor: 'main',
        state: 'blocked',
        waitingFor: 'accept on fd 3 (no client is connecting to localhost:81)',
        cooperative: false,
      },
    ]);
    const m = buildTimeline(trace!);
    const main = lane(m, 'main');
    expect(main.intervals.at(-1)).toMatchObject({
      state: 'blocked',
      label: 'blocked in accept on fd 3 (no client is connecting to localhost:81)',
      end: m.end,
    });
    expect(m.atEnd).toEqual([
      'main: blocked in accept on fd 3 (no client is connecting to localhost:81)',
    ]);
    expect(lane(m, 'T1').ended).toBe('exit');
  });

  it('a thread that is still blocked at the end keeps its wait to the end of the axis', () => {
    const [trace] = traced(() => {
      const k = new Kernel();
      const q = k.queue<number>();
      k.spawn(
        function* (sys) {
          yield* sys.get(q);
        },
        { name: 'consumer' },
      );
      k.run({ until: 20 });
    });
    const m = buildTimeline(trace!);
    expect(m.end).toBeGreaterThanOrEqual(20);
    expect(lane(m, 'consumer').intervals.at(-1)).toMatchObject({
      state: 'blocked',
      label: expect.stringMatching(/^blocked in get\b.*queue1.*empty/),
      end: m.end,
    });
  });

  it('says what a cut trace dropped: the kit keeps the first and the last events', () => {
    const [trace] = traced(() => {
      const k = new Kernel({ traceLimit: 6 });
      const s = k.socket();
      k.bind(s, 82);
      k.listen(s);
      k.clients(82, [{ at: 1, send: ['x'] }]);
      const c = k.accept(s);
      k.recv(c, 10);
      k.sleep(100);
    });
    const marker = trace!.events.findIndex((e) => e.event === 'cut');
    expect(marker).toBe(3); // the first three events, the marker, the last three
    expect(trace!.events).toHaveLength(7);
    const m = buildTimeline(trace!);
    expect(m.events).toHaveLength(6);
    expect(m.cuts).toHaveLength(1);
    const cut = m.cuts[0]!;
    expect(cut.dropped).toBe(trace!.dropped);
    expect(m.notes[0]).toBe(
      `The trace has a gap: ${trace!.dropped} events were dropped between ${cut.from.toFixed(3)} ms and ${cut.to.toFixed(3)} ms; the lanes show that stretch as not recorded.`,
    );
    // Main's state across the gap is not guessed; after it, the kept events tell it again.
    expect(stateAt(lane(m, 'main'), (cut.from + cut.to) / 2)?.state).toBe('unknown');
    expect(stateAt(lane(m, 'main'), m.end - 1)?.state).toBe('sleeping');
  });

  it('a snapshot taken before the end says so', () => {
    const [trace] = traced(echoServer);
    expect(buildTimeline(trace!, false).notes).toEqual([INCOMPLETE_NOTE]);
    expect(INCOMPLETE_NOTE).toMatch(/stopped at the time limit.*last moments may be missing/);
  });

  it('is deterministic: the same program gives the same timeline', () => {
    const a = buildTimeline(traced(echoServer)[0]!);
    const b = buildTimeline(traced(echoServer)[0]!);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('describes the current event with its time, actor, call, descriptor and result', () => {
    const m = buildTimeline(traced(echoServer)[0]!);
    const i = m.events.findIndex((e) => e.event === 'block' && e.detail?.startsWith('recv'));
    expect(describeEvent(m, i)).toBe(
      `Event ${i + 1} of ${m.events.length} · 10.003 ms · main · block · fd 4 · recv: waiting for data · then blocked in recv on fd 4 (waiting for data)`,
    );
    expect(describeEvent(m, 99_999)).toBe('No events.');
  });

  it('writes event numbers with thousands separators, like the other counts', () => {
    const events = Array.from({ length: 2611 }, (_, i) => ({
      t: i,
      actor: 'main',
      event: 'socket',
      fd: 3,
    }));
    const m = buildTimeline({ index: 1, events, dropped: 0, now: 2611, actors: [] });
    expect(describeEvent(m, 1233)).toMatch(/^Event 1,234 of 2,611 · /);
  });

  it('handles an empty trace', () => {
    const m = buildTimeline({ index: 1, events: [], dropped: 0, now: 0, actors: [] });
    expect(m.lanes).toEqual([]);
    expect(m.end).toBe(0);
  });

  it('keeps DeadlockError distinct from other errors', () => {
    expect(deadlockWaits(new Error('x'))).toBeUndefined();
    const k = new Kernel();
    let e: unknown;
    try {
      k.accept(k.socket());
    } catch (x) {
      e = x;
    }
    expect(e).not.toBeInstanceOf(DeadlockError); // EINVAL: not listening
    expect(deadlockWaits(e)).toBeUndefined();
  });
});

/** Runs `src` through the green transform, as a greenlet program runs, with `k` and `gevent`. */
function greenProgram(src: string): () => void {
  const { code } = transformGreen(src, 'green.js', {
    prelude: '"use strict";const {__green,greenlet,getcurrent}=lib;',
  });
  const program = new Function('lib', 'gevent', 'Kernel', code) as (
    l: typeof greenletLib,
    g: typeof gevent,
    K: typeof Kernel,
  ) => void;
  return () => program(greenletLib, gevent, Kernel);
}

describe('greenlets', () => {
  const fetches = greenProgram(`
    const k = new Kernel({ syscallCost: 0 });
    gevent.patchAll(k);
    const a = k.service('a', { latency: 100 });
    const b = k.service('b', { latency: 300 });
    function getPage(addr) { return k.fetch(addr, 'GET /'); }
    gevent.joinall([gevent.spawn(getPage, a), gevent.spawn(getPage, b)]);
    k.fetch(a, 'GET /again');
  `);

  it('gives each greenlet and the hub a lane of its own; the kernel still sees only main', () => {
    const [trace] = traced(fetches);
    expect(new Set(trace!.events.map((e) => e.actor))).toEqual(new Set(['main', 'a', 'b']));
    const m = buildTimeline(trace!);
    expect(m.lanes.map((l) => `${l.name}/${l.kind}`)).toEqual([
      'a/peer',
      'b/peer',
      'main/main',
      'hub/greenlet',
      "getPage('a:80')/greenlet",
      "getPage('b:80')/greenlet",
    ]);
    expect(m.notes).toContain(GREENLET_NOTE);
    // Each greenlet's own calls are on its lane: the connect to its service, then the hub waits.
    const calls = (name: string) =>
      lane(m, name)
        .events.map((i) => m.events[i]!)
        .filter((e) => e.event !== 'greenlet')
        .map((e) => e.event);
    expect(calls("getPage('a:80')")).toContain('connect');
    expect(calls("getPage('b:80')")).toContain('connect');
    expect(calls('hub')).toContain('epoll_wait');
    expect(calls("getPage('a:80')")).not.toContain('epoll_wait');
  });

  it('shows a greenlet switched out as suspended, and where the thread waited on the hub lane', () => {
    const [trace] = traced(fetches);
    const m = buildTimeline(trace!);
    const page = lane(m, "getPage('a:80')");
    expect(page.intervals.some((i) => i.state === 'suspended')).toBe(true);
    // While main waits in joinall, it is switched out for the whole stretch of the fetches.
    const main = lane(m, 'main');
    expect(stateAt(main, 200)?.state).toBe('suspended');
    // The hub is the one waiting in epoll_wait while both requests are in flight.
    expect(stateAt(lane(m, 'hub'), 50)?.state).toBe('polling');
    // After joinall, main runs again and makes its own fetch: its events are on main's lane.
    const last = m.events.at(-1)!;
    expect(m.lanes[m.eventLane[m.events.length - 1]!]!.name).toBe('main');
    expect(last.actor).toBe('main');
  });

  it('ends the lane of a greenlet that finished; the hub left switched out is not stuck', () => {
    const [trace] = traced(
      greenProgram(`
        const k = new Kernel({ syscallCost: 0 });
        gevent.init(k);
        function worker(name, ms) { gevent.sleep(ms); gevent.sleep(ms); return name; }
        gevent.joinall([gevent.spawn(worker, 'a', 200), gevent.spawn(worker, 'b', 100)]);
      `),
    );
    const m = buildTimeline(trace!);
    const a = lane(m, "worker('a', …)");
    const b = lane(m, "worker('b', …)");
    expect(a.ended).toBe('exit');
    expect(b.ended).toBe('exit');
    // Each lane stops where its greenlet returned: b at 200 ms, a at 400 ms.
    expect(b.intervals.at(-1)!.end).toBe(200);
    expect(a.intervals.at(-1)!.end).toBe(400);
    const end = finalState(m, true);
    const row = (actor: string) => end.rows.find((r) => r.actor === actor);
    expect(row("worker('a', …)")).toEqual({
      actor: "worker('a', …)",
      state: 'finished',
      stuck: false,
    });
    // The hub's last event is the switch back to main at 400 ms, the moment it was woken from
    // its sleep: at the end it is switched out, not asleep, and nothing is stuck.
    expect(row('hub')?.state).toMatch(/^switched out/);
    expect(row('hub')?.stuck).toBe(false);
    expect(end.show).toBe(false);
  });

  it('leaves main alone in a program without greenlets', () => {
    const [trace] = traced(echoServer);
    const m = buildTimeline(trace!);
    expect(m.lanes.some((l) => l.kind === 'greenlet')).toBe(false);
    expect(m.notes).not.toContain(GREENLET_NOTE);
  });

  it('gives main back its events after a cut that may have dropped switches', () => {
    const events = [
      { t: 0, actor: 'main', event: 'greenlet', detail: 'to worker' },
      { t: 1, actor: 'main', event: 'recv', fd: 3 },
      { t: 2, actor: 'trace', event: 'cut', detail: '5 events dropped' },
      { t: 9, actor: 'main', event: 'recv', fd: 3 },
    ];
    const m = buildTimeline({ index: 1, events, dropped: 0, now: 10, actors: [] });
    expect(m.eventLane[1]).toBe(m.lanes.findIndex((l) => l.name === 'worker'));
    expect(m.lanes[m.eventLane[m.events.length - 1]!]!.name).toBe('main');
  });
});
