import { afterEach, describe, expect, it } from 'vitest';
import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_MOD,
  EPOLLET,
  EPOLLIN,
  EPOLLONESHOT,
  EPOLLOUT,
  Kernel,
  wouldBlock,
} from './index.ts';
import {
  LAZY_ARG_MAX,
  preview,
  recordGreenSwitches,
  traceGreenSwitch,
  Tracer,
  watchTraces,
  type TraceEvent,
} from './trace.ts';

describe('trace: block and wake', () => {
  it('a thread blocked in recv shows the call, the descriptor and its wake-up', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    k.clients(8080, [{ at: 5, send: ['hi'] }]);
    k.spawn(
      function* (sys) {
        const c = yield* sys.accept(l);
        const d = yield* sys.recv(c, 10);
        yield* sys.sendall(c, d);
        yield* sys.close(c);
      },
      { name: 'srv' },
    );
    k.run();
    const mine = k
      .trace()
      .filter((e) => e.actor === 'srv' && (e.event === 'block' || e.event === 'wake'));
    expect(mine.map((e) => [e.event, e.fd, e.detail])).toEqual([
      ['block', 3, 'accept: waiting for a connection'],
      ['wake', undefined, undefined],
    ]);
    // The client's request arrived with the connection: recv did not block, so no event for it.
    expect(mine[1]?.t).toBe(5);
  });

  it('main blocked in epoll_wait and in run() is traced too; peers are not', () => {
    const k = new Kernel();
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    const ep = k.epoll_create();
    k.epoll_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN);
    k.clients(8080, [{ at: 2, send: ['x'] }]);
    k.epoll_wait(ep, 8, -1);
    k.spawn(function* (sys) {
      yield* sys.sleep(3);
    });
    k.run();
    const bw = k.trace().filter((e) => e.event === 'block' || e.event === 'wake');
    expect(bw.map((e) => `${e.actor} ${e.event} ${e.fd ?? '-'} ${e.detail ?? ''}`.trim())).toEqual([
      'main block 4 epoll_wait: nothing ready, no timeout',
      'main wake -',
      'main block - run: until every thread has finished',
      'T1 block - sleep: until 5.006 ms',
      'T1 wake -',
      'main wake -',
    ]);
  });

  it('costs nothing in a kernel without a trace', () => {
    const k = new Kernel({ trace: false });
    k.spawn(function* (sys) {
      yield* sys.sleep(1);
    });
    k.run();
    expect(k.trace()).toEqual([]);
  });
});

describe('trace: the bounded store', () => {
  it('keeps the first half and the last half of its limit, and counts the rest', () => {
    const tr = new Tracer(true, 5);
    for (let i = 0; i < 12; i++) tr.add(i * 1e6, 'a', `e${i}`);
    expect(tr.headMax).toBe(3);
    expect(tr.tailMax).toBe(2);
    expect(tr.dropped).toBe(7);
    expect(tr.size).toBe(6);
    expect(tr.events().map((e) => e.event)).toEqual(['e0', 'e1', 'e2', 'cut', 'e10', 'e11']);
    expect(tr.events()[3]).toMatchObject({ t: 3, dropped: 7 });
    expect(tr.events()[3]?.detail).toMatch(/^7 events dropped from 3\.000 ms to 9\.000 ms/);
    expect(tr.last()?.event).toBe('e11');
  });

  it('is whole (no marker) until it is full, and unbounded with an infinite limit', () => {
    const tr = new Tracer(true, 4);
    for (let i = 0; i < 4; i++) tr.add(i, 'a', 'e');
    expect(tr.events()).toHaveLength(4);
    expect(tr.dropped).toBe(0);
    const all = new Tracer(true, Infinity);
    for (let i = 0; i < 1000; i++) all.add(i, 'a', 'e');
    expect(all.events()).toHaveLength(1000);
  });
});

describe('trace: lazy details', () => {
  afterEach(() => watchTraces(undefined));

  /** An echo run whose sends, receives, requests and replies all have lazy details. */
  function echoTrace(traceLimit: number): TraceEvent[] {
    const k = new Kernel({ traceLimit });
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    const long = 'L'.repeat(LAZY_ARG_MAX + 1); // made at once, not kept for later
    k.clients(8080, [
      { at: 1, send: ['ping "1"', 'pong\n', long, 'é'] },
      { at: 2, send: ['x', 'y'], readSize: 1 },
    ]);
    for (let i = 0; i < 2; i++) {
      const c = k.accept(l);
      for (let d = k.recv(c, 3); d !== ''; d = k.recv(c, 3)) k.sendall(c, d);
      k.close(c);
    }
    return k.trace();
  }

  /** An epoll reactor with a timeout: epoll_ctl and one-event epoll_wait details are lazy too. */
  function epollTrace(traceLimit: number): TraceEvent[] {
    const k = new Kernel({ traceLimit });
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    k.setblocking(l, false);
    const ep = k.epoll_create();
    k.epoll_ctl(ep, EPOLL_CTL_ADD, l, EPOLLIN | EPOLLET);
    const g = k.clients(8080, [
      { at: 1, send: ['a', 'b'] },
      { at: 1, send: ['c'] },
      { at: 30, send: ['d'] },
    ]);
    while (!g.done) {
      for (const ev of k.epoll_wait(ep, 8, 2.5)) {
        if (ev.fd === l) {
          for (;;) {
            let c: number;
            try {
              c = k.accept(l);
            } catch (e) {
              if (wouldBlock(e)) break;
              throw e;
            }
            k.setblocking(c, false);
            k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN | EPOLLOUT | EPOLLONESHOT);
          }
          continue;
        }
        const d = k.recv(ev.fd, 10);
        if (d === '') k.close(ev.fd);
        else {
          k.send(ev.fd, d);
          k.epoll_ctl(ep, EPOLL_CTL_MOD, ev.fd, EPOLLIN | EPOLLONESHOT);
        }
      }
    }
    return k.trace();
  }

  it("an epoll reactor's lazy details are the ones made at once", () => {
    const all = epollTrace(Infinity);
    expect(all.some((e) => e.detail === '1 ready: 3; timeout 2.5 ms')).toBe(true);
    expect(all.filter((e) => e.event === 'epoll_ctl').map((e) => e.detail)).toContain(
      'ADD to 4: IN|ET',
    );
    expect(all.some((e) => e.detail?.endsWith(': IN|OUT|ONESHOT'))).toBe(true);
    for (const limit of [30, 9]) {
      const cut = epollTrace(limit);
      const marker = cut.findIndex((e) => e.event === 'cut');
      expect(marker).toBeGreaterThan(0);
      expect(cut.slice(0, marker)).toEqual(all.slice(0, marker));
      const tail = cut.slice(marker + 1);
      expect(tail).toEqual(all.slice(all.length - tail.length));
    }
  });

  it('a detail made when the trace is read is the one made when the event happened', () => {
    const all = echoTrace(Infinity); // every event in the head: every detail made at once
    expect(
      all.some((e) => e.event === 'reply' && /after \d+\.\d{3} ms$/.test(e.detail ?? '')),
    ).toBe(true);
    for (const limit of [40, 41, 7, 2]) {
      const cut = echoTrace(limit); // the ring wraps: its details are made on reading
      const marker = cut.findIndex((e) => e.event === 'cut');
      expect(marker).toBeGreaterThan(0);
      const head = cut.slice(0, marker);
      const tail = cut.slice(marker + 1);
      expect(head).toEqual(all.slice(0, head.length));
      expect(tail).toEqual(all.slice(all.length - tail.length));
    }
  });

  it('is made only on reading, except for a long string, which it would keep alive', () => {
    let made = 0;
    const count = (s: string, n: number): string => {
      made++;
      return `${s.length} ${n}`;
    };
    const t = new Tracer(true, 2); // one head event, then a ring of one
    t.addLazy(1e6, 'main', 'send', 3, count, 'head', 1);
    expect(made).toBe(1); // the head is kept whole: made at once
    t.addLazy(2e6, 'main', 'send', 3, count, 'short', 2);
    t.addLazy(3e6, 'main', 'send', 3, count, 'dropped later', 3);
    expect(made).toBe(1); // in the ring: not made yet, and the first of them never will be
    t.addLazy(4e6, 'main', 'send', 3, count, 'x'.repeat(LAZY_ARG_MAX + 1), 4);
    expect(made).toBe(2); // too long to keep: made at once, the string not kept
    expect(t.events().at(-1)?.detail).toBe(`${LAZY_ARG_MAX + 1} 4`);
    t.addLazy(5e6, 'main', 'send', 3, count, 'x'.repeat(LAZY_ARG_MAX), 5);
    expect(made).toBe(2); // short enough to keep: made when read
    expect(t.events().at(-1)?.detail).toBe(`${LAZY_ARG_MAX} 5`);
    expect(made).toBe(3);
  });

  it('goes through the watch and stamps pending greenlet switches like any event', () => {
    recordGreenSwitches();
    let calls = 0;
    watchTraces({ every: 2, onEvents: () => calls++ });
    const t = new Tracer(true, 4);
    const twice = (s: string, n: number): string => `${s}${s} ${n}`;
    t.addLazy(1e6, 'main', 'recv', 3, twice, 'ab', 1);
    traceGreenSwitch({}, 'worker');
    t.addLazy(2e6, 'main', 'send', 3, twice, 'cd', 2);
    for (let i = 3; i <= 6; i++) t.addLazy(i * 1e6, 'main', 'send', 3, twice, 'ef', i);
    expect(calls).toBe(3); // six events
    const ev = t.events();
    expect(
      ev.filter((e) => e.event !== 'cut').map((e) => `${e.t} ${e.event} ${e.detail ?? ''}`),
    ).toEqual(['1 recv abab 1', '2 greenlet to worker', '5 send efef 5', '6 send efef 6']);
    expect(ev[2]).toMatchObject({ event: 'cut', dropped: 3 });
  });
});

describe('preview', () => {
  it('writes exactly what JSON.stringify writes', () => {
    const samples = ['', 'hello', 'a"b', 'a\\b', 'tab\there', 'é', '\ud800', 'x'.repeat(30)];
    for (let c = 0; c < 0x100; c++) samples.push(`${String.fromCharCode(c)}abc`);
    for (const s of samples)
      for (const max of [24, 3, 0])
        expect(preview(s, max)).toBe(JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s));
  });
});

describe('trace: the watch and greenlet switches', () => {
  afterEach(() => watchTraces(undefined));

  it('calls the watch every N events of a tracer created while it was set, and costs nothing otherwise', () => {
    const plain = new Tracer(true, 100);
    let calls = 0;
    watchTraces({ every: 3, onEvents: () => calls++ });
    const watched = new Tracer(true, 100);
    const off = new Tracer(false, 100);
    for (let i = 0; i < 7; i++) watched.add(i * 1e6, 'main', 'recv');
    expect(calls).toBe(2);
    expect(watched.size).toBe(7);
    // Created before the watch: the prototype's add, untouched; trace off: never watched.
    expect(Object.hasOwn(plain, 'add')).toBe(false);
    expect(Object.hasOwn(off, 'add')).toBe(false);
    watchTraces(undefined);
    expect(Object.hasOwn(new Tracer(true, 100), 'add')).toBe(false);
  });

  it('records a greenlet switch with the time of the next event, with unique names', () => {
    recordGreenSwitches();
    const t = new Tracer(true, 100);
    const a = {};
    const b = {};
    t.add(1e6, 'main', 'recv', 3);
    traceGreenSwitch(a, 'worker');
    expect(t.events().at(-1)).toEqual({
      t: 1,
      actor: 'main',
      event: 'greenlet',
      detail: 'to worker',
    });
    t.add(5e6, 'main', 'cpu', undefined, '4 ms of work');
    traceGreenSwitch(b, 'worker');
    traceGreenSwitch(null, 'anything');
    t.add(9e6, 'main', 'send', 3);
    expect(t.events().map((e) => `${e.t} ${e.event} ${e.detail ?? ''}`)).toEqual([
      '1 recv ',
      '5 greenlet to worker', // stamped when the next kernel call came, not at the last one
      '5 cpu 4 ms of work',
      '9 greenlet to worker (2)',
      '9 greenlet to main',
      '9 send ',
    ]);
  });
});
