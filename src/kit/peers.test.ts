import { describe, expect, it } from 'vitest';
import { Kernel, Random } from './index.ts';

/** The blocking echo server of chapter 1: one client at a time. */
function blockingEcho(k: Kernel, port: number, clients: number): void {
  const l = k.socket();
  k.bind(l, port);
  k.listen(l);
  for (let i = 0; i < clients; i++) {
    const c = k.accept(l);
    for (let d = k.recv(c, 1024); d !== ''; d = k.recv(c, 1024)) k.sendall(c, d);
    k.close(c);
  }
}

describe('scripted services', () => {
  it('fetch costs the latency: sequential ≈ sum', () => {
    const k = new Kernel();
    const a = k.service('weather', { latency: 300 });
    const b = k.service('news:8081', { latency: 200, reply: (r) => `news for ${r}` });
    expect(a).toBe('weather:80');
    expect(k.fetch(a, 'GET /today')).toBe('weather: GET /today');
    expect(k.fetch(b, 'me')).toBe('news for me');
    expect(Math.round(k.now())).toBe(500);
    expect(k.stats().syscalls).toMatchObject({ socket: 2, connect: 2, sendall: 2, close: 2 });
  });

  it('random latency is drawn from the seeded generator: same seed, same times', () => {
    const times = (seed: number): number => {
      const k = new Kernel({ seed });
      const a = k.service('db', { latency: { min: 10, max: 90 } });
      for (let i = 0; i < 5; i++) k.fetch(a, 'q');
      return k.now();
    };
    expect(times(1)).toBe(times(1));
    expect(times(1)).not.toBe(times(2));
  });

  it("'lines' mode answers several requests on one connection, in order", () => {
    const k = new Kernel({ syscallCost: 0 });
    const a = k.service('redis', { latency: 1, mode: 'lines', reply: (r) => r.toUpperCase() });
    const s = k.socket();
    k.connect(s, a);
    k.sendall(s, 'get a\nget b\n');
    let got = '';
    while (got.split('\n').length < 3) got += k.recv(s, 100);
    expect(got).toBe('GET A\nGET B\n');
    expect(k.now()).toBe(2);
  });
});

describe('scripted clients', () => {
  it('a blocking echo server serves them strictly one at a time', () => {
    const k = new Kernel({ syscallCost: 0 });
    const g = k.clients(8080, [
      { at: 1, send: ['hello'] },
      { at: 10, send: ['hi'], readDelay: 500 },
      { at: 20, send: ['yo'] },
    ]);
    blockingEcho(k, 8080, 3);
    expect(g.done).toBe(true);
    expect(g.clients.map((c) => c.replies)).toEqual([['hello'], ['hi'], ['yo']]);
    expect(g.latencies()).toEqual([0, 500, 490]);
    expect(k.stats().latency).toMatchObject({ count: 3, p50: 490, max: 500 });
    expect(k.stats().connectionsServed).toBe(3);
  });

  it('clients that never read fill the buffers; holds keep connections open', () => {
    const k = new Kernel({ syscallCost: 0, bufferSize: 16 });
    const l = k.socket();
    k.bind(l, 8080);
    k.listen(l);
    const g = k.clients(8080, [{ send: ['x'], read: false, hold: 100 }]);
    const s = k.accept(l);
    k.setblocking(s, false);
    k.recv(s, 10);
    expect(k.send(s, 'a'.repeat(40))).toBe(16);
    k.sleep(50);
    expect(g.clients[0]?.state).toBe('connected');
    k.sleep(60);
    expect(g.clients[0]?.state).toBe('done');
  });

  it('arrivals() makes a seeded Poisson arrival pattern', () => {
    const a = new Random(42).arrivals(5, 10);
    expect(a).toEqual(new Random(42).arrivals(5, 10));
    expect(a).toHaveLength(5);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });

  it('gap, wait and expect shape a conversation', () => {
    const k = new Kernel({ syscallCost: 0 });
    const a = k.service('api', { latency: 5, mode: 'lines' });
    const g = k.clients(a, [{ wait: 10, send: ['a\n', 'b\n'], gap: 20, expect: 'line' }]);
    k.run({ until: 100 });
    expect(g.clients[0]?.replies).toEqual(['api: a\n', 'api: b\n']);
    expect(g.clients[0]?.latencies).toEqual([5, 5]);
    expect(k.now()).toBe(100);
  });
});
