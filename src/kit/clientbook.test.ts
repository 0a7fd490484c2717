import { describe, expect, it } from 'vitest';
import { EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLLIN, Kernel, wouldBlock } from './index.ts';
import type { ClientGroup, ClientSpec } from './index.ts';

/** A non-blocking epoll echo server that serves `conns` connections, then returns. */
function echoReactor(k: Kernel, port: number, conns: number): void {
  const ls = k.socket();
  k.bind(ls, port);
  k.listen(ls, 64);
  k.setblocking(ls, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, ls, EPOLLIN);
  let closed = 0;
  while (closed < conns) {
    for (const ev of k.epoll_wait(ep, 16, -1)) {
      if (ev.fd === ls) {
        for (;;) {
          let c: number;
          try {
            c = k.accept(ls);
          } catch (e) {
            if (wouldBlock(e)) break;
            throw e;
          }
          k.setblocking(c, false);
          k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
        }
        continue;
      }
      let data: string;
      try {
        data = k.recv(ev.fd, 4096);
      } catch {
        data = ''; // a client that vanished: its connection was reset
      }
      if (data === '') {
        k.epoll_ctl(ep, EPOLL_CTL_DEL, ev.fd);
        k.close(ev.fd);
        closed++;
      } else {
        k.send(ev.fd, data);
      }
    }
  }
}

/**
 * Clients whose replies interleave (so the group's log is not in client order), with different
 * numbers of requests, one refused, one that vanishes and one that never reads.
 */
function mixedClients(): ClientSpec[] {
  return [
    { at: 1, wait: 5, send: ['a1', 'a2', 'a3'], gap: 2 },
    { at: 1.5, send: ['b1', 'b2'], gap: 3, readDelay: 1 },
    { name: 'carol', at: 2, send: ['c1', 'c2', 'c3', 'c4'] },
    { at: 2.5, send: ['d1'], vanishAfter: 0.5, wait: 3 },
    { at: 3, send: ['e1', 'e2'], read: false, hold: 1 },
  ];
}

function run(readRecordsFirst: boolean): {
  g: ClientGroup;
  early: ClientGroup['clients'] | null;
  k: Kernel;
} {
  const k = new Kernel({ trace: false });
  const g = k.clients(9000, mixedClients());
  const early = readRecordsFirst ? g.clients : null;
  echoReactor(k, 9000, 5);
  k.run({ idle: true });
  return { g, early, k };
}

describe('client records (ClientBook): made when first read, the same as if kept all along', () => {
  it('records read after the run equal records read before it (kept live)', () => {
    const late = run(false);
    const live = run(true);
    // The early read returned the very records the group still shows, updated as it ran.
    expect(live.early).toBe(live.g.clients);
    expect(late.g.clients).toEqual(live.g.clients);
    expect(late.g.latencies()).toEqual(live.g.latencies());
    const names = late.g.clients.map((r) => `${r.name}:${r.state}`);
    expect(names).toEqual([
      'client1:done',
      'client2:done',
      'carol:done',
      'client4:vanished',
      'client5:done',
    ]);
    expect(late.g.clients[2]?.replies).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(late.g.clients[4]?.replies).toEqual([]); // it never read
  });

  it('latencies() are in client order before and after the records exist', () => {
    const { g, k } = run(false);
    const before = g.latencies();
    const byClient = g.clients.flatMap((r) => r.latencies);
    expect(before).toEqual(byClient);
    expect(g.latencies()).toEqual(byClient);
    expect(byClient.length).toBe(3 + 2 + 4);
    expect(k.stats().latency.count).toBe(byClient.length);
    // The log is not in client order: carol (third) was done before client1 (first), which
    // idles 5 ms after connecting, sent its first request.
    const [client1, , carol] = g.clients;
    expect(carol?.finishedAt).toBeLessThan((client1?.connectedAt ?? 0) + 5);
  });

  it('a record held before the run shows each change of state, time and error', () => {
    const k = new Kernel({ trace: false });
    const g = k.clients(9100, [
      { at: 1, send: ['x'] },
      { at: 2, send: ['y'] },
    ]);
    const [first, refused] = g.clients;
    expect(first?.state).toBe('waiting');
    expect(first?.connectedAt).toBeNull();
    k.run({ until: 1.5 }); // nothing listens on 9100 yet: the first client is refused
    expect(first?.state).toBe('failed');
    expect(first?.error).toBe('ECONNREFUSED');
    expect(first?.finishedAt).toBe(1);
    echoReactor(k, 9100, 1);
    expect(refused?.state).toBe('done');
    expect(refused?.connectedAt).toBe(2);
    expect(refused?.replies).toEqual(['y']);
    expect(g.done).toBe(true);
  });

  it('the log grows past its first capacity (a script lengthened before the client connects)', () => {
    const run = (readFirst: boolean): ClientGroup => {
      const k = new Kernel({ trace: false });
      const specs: { at: number; send: string[] }[] = [
        { at: 1, send: [] },
        { at: 1.5, send: [] },
      ];
      const g = k.clients(9200, specs);
      if (readFirst) expect(g.clients).toHaveLength(2);
      // The `send` list is read when the client connects: 2 × 70 replies, past the 64 expected.
      for (const s of specs) for (let i = 0; i < 70; i++) s.send.push(`m${i}`);
      echoReactor(k, 9200, 2);
      return g;
    };
    const late = run(false);
    expect(late.latencies()).toHaveLength(140);
    expect(late.clients[1]?.replies).toHaveLength(70);
    expect(late.clients).toEqual(run(true).clients);
  });

  it('printing a record shows a plain object with its fields, in order', () => {
    const { g } = run(false);
    expect(Object.keys(g.clients[0] as object)).toEqual([
      'name',
      'state',
      'connectedAt',
      'finishedAt',
      'latencies',
      'replies',
      'error',
    ]);
    expect(Object.getPrototypeOf(g.clients[0])).toBe(Object.prototype);
  });
});
