// The counters at each event (issue 15, item 1): computed from the trace alone, checked against
// the kit's own statistics for the same run.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../kit/index.ts';
import { CounterTable, describeCounters } from './counters.ts';
import { buildTimeline } from './lanes.ts';
import { traced } from './test-traces.ts';

function echo(k: Kernel): void {
  const s = k.socket();
  k.bind(s, 8080);
  k.listen(s);
  k.clients(8080, [
    { at: 1, send: ['hello', 'world'] },
    { at: 10, send: ['hi'], readDelay: 50 },
  ]);
  for (let i = 0; i < 2; i++) {
    const conn = k.accept(s);
    for (let d = k.recv(conn, 1024); d !== ''; d = k.recv(conn, 1024)) k.sendall(conn, d);
    k.close(conn);
  }
}

describe('CounterTable', () => {
  it("agrees with the kit's statistics at the last event", () => {
    const { kernels, result } = traced(() => {
      const k = new Kernel();
      echo(k);
      return k.stats();
    });
    const m = buildTimeline(kernels[0]!);
    const last = new CounterTable(m).at(m.events.length - 1)!;
    expect(result).toBeDefined();
    expect(last.syscalls).toBe(result!.totalSyscalls);
    expect(last.bytesSent).toBe(result!.bytesSent);
    expect(last.bytesReceived).toBe(result!.bytesReceived);
    expect(last.accepted).toBe(result!.connectionsAccepted);
    expect(last.contextSwitches).toBe(result!.contextSwitches);
    expect(last.openFds).toBe(1); // the listening socket
  });

  it('counts descriptors at event boundaries: opened by socket and accept, closed by close', () => {
    const { kernels } = traced(() => echo(new Kernel()));
    const m = buildTimeline(kernels[0]!);
    const t = new CounterTable(m);
    const at = (pred: (i: number) => boolean) => {
      const i = m.events.findIndex((e, j) => pred(j) && e.actor === 'main');
      return t.at(i)!;
    };
    expect(at((i) => m.events[i]!.event === 'socket').openFds).toBe(1);
    expect(at((i) => m.events[i]!.event === 'accept').openFds).toBe(2);
    expect(at((i) => m.events[i]!.event === 'close').openFds).toBe(1);
    // Right after main blocks in recv, main waits and one client has its request in flight.
    const block = at(
      (i) => m.events[i]!.event === 'block' && m.events[i]!.detail?.startsWith('recv') === true,
    );
    expect(block).toMatchObject({ running: 0, ready: 0, waiting: 1, requestsInFlight: 1 });
    expect(t.at(-1)).toBeUndefined();
    expect(t.at(m.events.length)).toBeUndefined();
  });

  it('counts threads running, ready and waiting, and context switches', () => {
    const { kernels, result } = traced(() => {
      const k = new Kernel();
      for (const name of ['a', 'b'])
        k.spawn(
          function* (sys) {
            yield* sys.cpu(5);
          },
          { name },
        );
      k.run();
      return k.stats();
    });
    const m = buildTimeline(kernels[0]!);
    const t = new CounterTable(m);
    const preempt = m.events.findIndex((e) => e.event === 'preempt');
    expect(preempt).toBeGreaterThan(0);
    const c = t.at(preempt)!;
    // One thread was just preempted (ready) while the other is about to run; main waits in run().
    expect(c.ready).toBeGreaterThanOrEqual(1);
    expect(c.running + c.ready + c.waiting).toBe(3);
    expect(t.at(m.events.length - 1)!.contextSwitches).toBe(result!.contextSwitches);
  });

  it('says "since the trace starts" after a cut at the start', () => {
    const c = {
      syscalls: 3,
      contextSwitches: 0,
      openFds: 1,
      accepted: 0,
      bytesSent: 1200,
      bytesReceived: 5,
      running: 1,
      ready: 0,
      waiting: 2,
      requestsInFlight: 0,
    };
    expect(describeCounters(c, true)[0]).toEqual(['Syscalls so far (since the trace starts)', '3']);
    expect(describeCounters(c, false)).toContainEqual(['Bytes sent / received', '1,200 / 5']);
  });
});
