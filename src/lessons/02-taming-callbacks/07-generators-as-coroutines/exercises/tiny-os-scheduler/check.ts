import { defineChecks, seedRange } from '#harness';
import { Kernel, type ClientSpec } from '#kit';
import type * as Solution from './solution.ts';

type M = typeof Solution;
type Body = Solution.Body;

/** 10 µs per system call: a busy-polling scheduler burns time and fails fast. */
const SYSCALL = 0.01;

export default defineChecks<M>((m, { check, checkSeeds }) => {
  /** Socket helpers that trap into the scheduler (as in the chapter). */
  const io = (k: Kernel) => ({
    *accept(fd: number): Generator<Solution.SystemCall, number> {
      yield new m.ReadWait(fd);
      return k.accept(fd);
    },
    *recv(
      fd: number,
      n: number,
    ): Generator<Solution.SystemCall, string> {
      yield new m.ReadWait(fd);
      return k.recv(fd, n);
    },
    *send(
      fd: number,
      data: string,
    ): Generator<Solution.SystemCall, void> {
      while (data.length > 0) {
        yield new m.WriteWait(fd);
        data = data.slice(k.send(fd, data));
      }
    },
  });

  /** An echo server task on `port` for `clients` connections; logs to `log`. */
  function echoServer(
    k: Kernel,
    port: number,
    clients: number,
    log: string[],
  ): Body {
    const { accept, recv, send } = io(k);
    function* handle(conn: number): Body {
      const me = (yield new m.GetTid()) as number;
      for (
        let d = yield* recv(conn, 4096);
        d !== '';
        d = yield* recv(conn, 4096)
      ) {
        yield* send(conn, d);
      }
      k.close(conn);
      log.push(`handler ${me} done`);
    }
    return (function* (): Body {
      const s = k.socket();
      k.bind(s, port);
      k.listen(s);
      k.setblocking(s, false);
      const tids: number[] = [];
      for (let i = 0; i < clients; i++) {
        const conn = yield* accept(s);
        k.setblocking(conn, false);
        tids.push((yield new m.NewTask(handle(conn))) as number);
      }
      k.close(s);
      for (const tid of tids) yield new m.WaitTask(tid);
      log.push('server done');
    })();
  }

  check(
    'a bare yield sends the task to the back of the queue (round robin)',
    (t) => {
      const k = new Kernel();
      const sched = new m.Scheduler(k);
      const log: string[] = [];
      for (const name of ['A', 'B', 'C']) {
        sched.spawn(
          (function* (): Body {
            for (let i = 0; i < 3; i++) {
              log.push(`${name}${i}`);
              yield;
            }
          })(),
        );
      }
      sched.mainloop();
      t.deepEqual(log, [
        'A0',
        'B0',
        'C0',
        'A1',
        'B1',
        'C1',
        'A2',
        'B2',
        'C2',
      ]);
    },
  );

  check(
    'GetTid and NewTask: ids are unique, and a child sees the id its parent got',
    (t) => {
      const k = new Kernel();
      const sched = new m.Scheduler(k);
      const seen: [number, number][] = [];
      const mine: number[] = [];
      function* child(): Body {
        mine.push((yield new m.GetTid()) as number);
      }
      const parentTid = sched.spawn(
        (function* (): Body {
          const me = (yield new m.GetTid()) as number;
          mine.push(me);
          for (let i = 0; i < 4; i++) {
            const tid = (yield new m.NewTask(child())) as number;
            seen.push([i, tid]);
          }
        })(),
      );
      sched.mainloop();
      t.equal(
        mine[0],
        parentTid,
        'GetTid in the first task returns what spawn() returned',
      );
      t.deepEqual(
        mine.slice(1).sort((a, b) => a - b),
        seen.map(([, tid]) => tid).sort((a, b) => a - b),
        'each child’s GetTid equals the id NewTask returned to the parent',
      );
      t.equal(new Set(mine).size, 5, 'five different ids');
    },
  );

  check(
    'WaitTask resumes the waiter right after the task exits; false for no such task',
    (t) => {
      const k = new Kernel();
      const sched = new m.Scheduler(k);
      const log: string[] = [];
      function* worker(name: string, steps: number): Body {
        for (let i = 0; i < steps; i++) yield;
        log.push(`${name} exits`);
      }
      sched.spawn(
        (function* (): Body {
          const slow = (yield new m.NewTask(
            worker('slow', 6),
          )) as number;
          const quick = (yield new m.NewTask(
            worker('quick', 1),
          )) as number;
          log.push(`wait slow: ${String(yield new m.WaitTask(slow))}`);
          log.push(
            `wait quick (gone): ${String(yield new m.WaitTask(quick))}`,
          );
          log.push(`wait 999: ${String(yield new m.WaitTask(999))}`);
        })(),
      );
      sched.mainloop();
      t.deepEqual(log, [
        'quick exits',
        'slow exits',
        'wait slow: true',
        'wait quick (gone): false',
        'wait 999: false',
      ]);
    },
  );

  check(
    'ReadWait: a task parked on a socket wakes when a client arrives, without busy polling',
    (t) => {
      const k = new Kernel({ syscallCost: SYSCALL });
      const sched = new m.Scheduler(k);
      const log: string[] = [];
      sched.spawn(echoServer(k, 7000, 1, log));
      const g = k.clients(7000, [{ at: 500, send: ['ping'] }]);
      sched.mainloop();
      t.deepEqual(g.clients[0]!.replies, ['ping'], 'the reply');
      t.deepEqual(
        log.slice(-1),
        ['server done'],
        'the server task ran to the end',
      );
      t.atMost(
        k.stats().wastedPolls,
        20,
        'empty polls (a scheduler must block in select when no task is ready)',
      );
    },
  );

  checkSeeds(
    'echo server on the tiny OS (seeds 1-6): everyone served at once, nobody waits',
    seedRange(1, 6),
    (t, seed) => {
      const k = new Kernel({ seed, syscallCost: SYSCALL });
      const sched = new m.Scheduler(k);
      const log: string[] = [];
      const n = 5;
      const specs: ClientSpec[] = Array.from({ length: n }, (_, i) => ({
        name: `c${i}`,
        at: k.random.int(1, 100),
        wait: k.random.int(0, 50),
        gap: k.random.int(0, 80),
        send: Array.from(
          { length: k.random.int(1, 3) },
          (_, j) => `c${i}-msg${j}`,
        ),
      }));
      sched.spawn(echoServer(k, 8080, n, log));
      const g = k.clients(8080, specs);
      sched.mainloop();
      for (const c of g.clients) {
        t.equal(c.state, 'done', `${c.name} state`);
        t.deepEqual(
          c.replies,
          specs.find((s) => s.name === c.name)!.send,
          `${c.name} replies`,
        );
        for (const l of c.latencies)
          t.atMost(l, 0.5, `${c.name} reply latency (ms)`);
      }
      t.equal(log.length, n + 1, `handlers and server finished`);
      t.equal(
        log.at(-1),
        'server done',
        `the server waits for every handler (WaitTask)`,
      );
      const lastFinish = Math.max(
        ...g.clients.map((c) => c.finishedAt ?? Infinity),
      );
      t.atMost(
        k.now() - lastFinish,
        1,
        `mainloop() returns when the last task exits`,
      );
      t.atMost(
        k.stats().wastedPolls,
        30,
        `empty polls (block in select when no task is ready)`,
      );
    },
  );

  checkSeeds(
    'WriteWait: a slow reader with a full buffer does not hold up the others',
    seedRange(1, 4),
    (t, seed) => {
      const k = new Kernel({
        seed,
        syscallCost: SYSCALL,
        bufferSize: 1024,
      });
      const sched = new m.Scheduler(k);
      const log: string[] = [];
      const big = 'x'.repeat(2000); // fills the 1024-byte way back
      sched.spawn(echoServer(k, 9000, 3, log));
      const g = k.clients(9000, [
        {
          name: 'slow',
          at: 1,
          send: [big],
          readDelay: 40,
          readSize: 512,
        },
        { name: 'a', at: k.random.int(5, 60), send: ['hello'] },
        {
          name: 'b',
          at: k.random.int(5, 60),
          send: ['world', 'again'],
          gap: 10,
        },
      ]);
      sched.mainloop();
      const [slow, a, b] = g.clients;
      t.deepEqual(
        slow!.replies,
        [big],
        `the slow client gets all 2000 bytes back`,
      );
      t.deepEqual(a!.replies, ['hello'], `a's reply`);
      t.deepEqual(b!.replies, ['world', 'again'], `b's replies`);
      for (const c of [a!, b!])
        for (const l of c.latencies)
          t.atMost(l, 0.5, `${c.name}'s latency (ms)`);
    },
  );
});
