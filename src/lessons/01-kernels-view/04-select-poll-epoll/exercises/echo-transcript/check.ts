import { defineChecks } from '#harness';
import { Kernel, KernelError, type ClientGroup } from '#kit';
import type * as Solution from './solution.ts';

const PORT = 7000;

// The transcript the reference server printed for the scripted
// clients below (bufferSize 2048, one recv of up to 1000 bytes per
// EVENT_READ, one send per callback).
const RECORDED = [
  'accepted fd 5 from localhost:49152',
  'echoing 5 bytes to fd 5',
  'accepted fd 6 from localhost:49153',
  'echoing 1000 bytes to fd 6',
  'echoing 1000 bytes to fd 6',
  'echoing 1000 bytes to fd 6',
  'fd 6: 952 bytes wait for EVENT_WRITE',
  'accepted fd 7 from localhost:49154',
  'echoing 3 bytes to fd 7',
  'closing fd 7',
  'echoing 5 bytes to fd 5',
  'closing fd 5',
  'fd 6: all sent, reading again',
  'closing fd 6',
];

const BIG = 'x'.repeat(3000);

interface Run {
  k: Kernel;
  group: ClientGroup;
  log: string[] | null;
  error: unknown;
}

function run(m: typeof Solution, slow: boolean): Run {
  const k = new Kernel({ bufferSize: 2048 });
  const group = k.clients(PORT, [
    { name: 'ana', at: 1, send: ['hello', 'again'], gap: 100 },
    slow
      ? {
          name: 'slow',
          at: 10,
          send: [BIG],
          readDelay: 200,
          readSize: 1000,
        }
      : { name: 'bo', at: 10, send: ['hi'] },
    { name: 'cy', at: 20, send: ['hey'] },
  ]);
  try {
    return { k, group, log: m.serve(k, PORT, 3), error: null };
  } catch (error) {
    return { k, group, log: null, error };
  }
}

function explain(r: Run): string {
  const e = r.error;
  if (e instanceof KernelError && e.code === 'EDEADLK') {
    const waiting = r.group.clients.filter(
      (c) => c.state === 'connected',
    );
    const who = waiting.map((c) => c.name).join(', ') || 'no client';
    return (
      `serve() waited forever (EDEADLK): ${who} still waits for ` +
      'its echo. Were bytes from a partial send dropped?'
    );
  }
  const what = e instanceof Error ? `${e.name}: ${e.message}` : e;
  return `serve() threw ${String(what)}`;
}

export default defineChecks<typeof Solution>((m, { check }) => {
  check('with quick clients it serves all three and returns', (t) => {
    const r = run(m, false);
    t.ok(r.log !== null, r.log === null ? explain(r) : '');
    t.equal(r.k.stats().connectionsServed, 3, 'connections closed');
  });

  check('the transcript matches the recorded one', (t) => {
    const r = run(m, true);
    t.ok(r.log !== null, r.log === null ? explain(r) : '');
    const log = r.log ?? [];
    const n = Math.max(log.length, RECORDED.length);
    for (let i = 0; i < n; i++) {
      t.equal(log[i], RECORDED[i], `line ${i + 1} of the transcript`);
    }
  });

  check('every client gets back exactly what it sent', (t) => {
    const r = run(m, true);
    t.ok(r.log !== null, r.log === null ? explain(r) : '');
    const replies = r.group.clients.map((c) => c.replies);
    t.deepEqual(replies, [['hello', 'again'], [BIG], ['hey']]);
  });

  check('the slow reader holds up nobody else', (t) => {
    const r = run(m, true);
    t.ok(r.log !== null, r.log === null ? explain(r) : '');
    const [ana, , cy] = r.group.clients;
    t.atMost(Math.max(...(ana?.latencies ?? [Infinity])), 1, 'ana, ms');
    t.atMost(cy?.latencies[0] ?? Infinity, 1, 'cy, ms');
  });
});
