import { afterEach, describe, expect, it } from 'vitest';
import { EPOLL_CTL_ADD, EPOLLIN, Kernel } from './index.ts';
import { preview, recordGreenSwitches, traceGreenSwitch, Tracer, watchTraces } from './trace.ts';

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
