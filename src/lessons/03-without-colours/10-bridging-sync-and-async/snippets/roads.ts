// @runtime browser
import { Kernel, type Queue, type Sys } from '#kit';
import { Reactor } from '#lib/reactor';
import { Deferred } from '#lib/deferred';

// A reactor serves two kinds of client: "ping" (answered at once) and
// "report" (needs a 200 ms query to a database service). Four ways to
// run the query: block the loop, rewrite the driver, or a thread pool.
const DB = 'db:5432';

type Query = (r: Reactor, sql: string) => Deferred<string>;

// #region blocking
// The blocking driver: k.fetch is socket, connect, send, recv until
// EOF, close, and each call waits. Called from a reactor callback, it
// waits on the reactor's own thread.
const blocking: Query = (r, sql) => {
  const d = new Deferred<string>();
  d.callback(r.kernel.fetch(DB, sql));
  return d;
};
// #endregion

// #region rewrite
// Road 1, rewrite the driver for the reactor: a non-blocking socket,
// a writer callback for the connect, a reader callback for the reply.
const rewritten: Query = (r, sql) => {
  const k = r.kernel;
  const d = new Deferred<string>();
  const s = k.socket();
  k.setblocking(s, false);
  try {
    k.connect(s, DB);
  } catch {
    /* EINPROGRESS: the connect finishes in the background */
  }
  let reply = '';
  // #region slide-callbacks
  r.addWriter(s, () => {
    r.removeWriter(s);
    k.sendall(s, sql);
    r.addReader(s, () => {
      const data = k.recv(s, 4096);
      if (data !== '') return void (reply += data);
      r.removeReader(s);
      k.close(s);
      d.callback(reply);
    });
    // #endregion
  });
  return d;
};
// #endregion

// Road 2, Twisted's deferToThread: a pool of up to `max` threads, made
// on demand. A thread runs the blocking call, then hands the result to
// the reactor (callFromThread): it queues a callback and writes one
// byte to a "waker" socket the reactor reads, which wakes epoll_wait.
type Job = { sql: string; d: Deferred<string> } | null;

function threadPool(r: Reactor, max: number) {
  const k = r.kernel;
  const jobs: Queue<Job> = k.queue<Job>();
  const fromThreads: (() => void)[] = [];
  const [wakeR, wakeW] = socketPair(k);
  r.addReader(wakeR, () => {
    k.recv(wakeR, 4096);
    for (const call of fromThreads.splice(0)) call(); // on the reactor
  });
  let threads = 0;
  let idle = 0;
  // #region pool
  function* worker(sys: Sys) {
    // #region slide-worker
    for (;;) {
      idle++;
      const job = yield* sys.get(jobs);
      idle--;
      if (job === null) return;
      const rows = yield* sys.fetch(DB, job.sql); // blocks this thread only
      fromThreads.push(() => job.d.callback(rows)); // callFromThread
      yield* sys.send(wakeW, 'x');
    }
    // #endregion
  }
  // #endregion
  const deferToThread: Query = (_r, sql) => {
    const d = new Deferred<string>();
    if (idle === 0 && threads < max) {
      threads++;
      k.spawn(worker, { name: `pool-${threads}` });
    }
    k.put(jobs, { sql, d });
    return d;
  };
  const stop = () => {
    for (let i = 0; i < threads; i++) k.put(jobs, null);
    r.removeReader(wakeR);
  };
  return { deferToThread, stop };
}

function socketPair(k: Kernel): [number, number] {
  const l = k.socket();
  k.bind(l, 9999);
  k.listen(l);
  const w = k.socket();
  k.connect(w, 9999);
  const r = k.accept(l);
  k.close(l);
  return [r, w];
}

/** Runs the server with one way of querying; returns what it measured. */
function serve(
  label: string,
  road: 'block' | 'rewrite' | number,
): string {
  const k = new Kernel();
  k.service(DB, { latency: 200, reply: (q) => `rows(${q.trim()})\n` });
  const r = new Reactor(k);
  const pool =
    typeof road === 'number' ? threadPool(r, road) : undefined;
  const query: Query =
    road === 'block'
      ? blocking
      : road === 'rewrite'
        ? rewritten
        : pool!.deferToThread;

  const listener = k.socket();
  k.bind(listener, 8080);
  k.listen(listener);
  k.setblocking(listener, false);
  let open = 7; // clients still connected
  r.addReader(listener, () => {
    const conn = k.accept(listener);
    k.setblocking(conn, false);
    r.addReader(conn, () => {
      const line = k.recv(conn, 1024);
      if (line === '') {
        r.removeReader(conn);
        k.close(conn);
        if (--open > 0) return;
        r.removeReader(listener); // everyone served: let the loop end
        k.close(listener);
        pool?.stop();
      } else if (line.startsWith('report')) {
        query(r, line).addCallback((rows) => k.sendall(conn, rows));
      } else k.sendall(conn, line); // a ping: echo it
    });
  });

  const reports = k.clients(
    8080,
    [0, 10, 20, 30].map((at, i) => ({
      at,
      send: [`report ${i}\n`],
      expect: 'line' as const,
    })),
  );
  const pings = k.clients(
    8080,
    [5, 15, 25].map((at) => ({
      at,
      send: ['ping\n', 'ping\n', 'ping\n', 'ping\n'],
      gap: 50,
      expect: 'line' as const,
    })),
  );
  r.run();
  k.run(); // let pool threads see their stop signal and end
  const ms = (xs: number[]) =>
    `${Math.round(Math.max(...xs))} ms`.padStart(11);
  const threads = k.stats().threads.peak; // kit threads alive at once
  return (
    `${label.padEnd(22)}${ms(pings.latencies())}${ms(reports.latencies())}` +
    `${String(threads).padStart(9)}`
  );
}

console.log(
  `${'road'.padEnd(22)}${'ping max'.padStart(11)}${'report max'.padStart(11)}${'threads'.padStart(9)}`,
);
console.log(serve('block the reactor', 'block'));
console.log(serve('1. rewrite the driver', 'rewrite'));
console.log(serve('2. thread pool of 10', 10));
console.log(serve('2. thread pool of 2', 2));
