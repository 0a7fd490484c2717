// @runtime node
import { Worker, threadId } from 'node:worker_threads';

// A "driver" with a blocking call: query() does not return until the
// answer is there. Atomics.wait stands in for a blocking socket read.
// It must run somewhere that may block: a worker thread.
const driver = `
  const { parentPort, threadId } = require('node:worker_threads');
  const cell = new Int32Array(new SharedArrayBuffer(4));
  function query(sql, ms) {
    Atomics.wait(cell, 0, 0, ms); // blocks this thread for ms
    if (sql.startsWith('oops')) throw new Error('syntax error at "oops"');
    return sql.toUpperCase() + ' -> 1 row';
  }
  parentPort.on('message', ({ id, sql, ms }) => {
    try {
      parentPort.postMessage({ id, value: query(sql, ms), thread: threadId });
    } catch (e) {
      parentPort.postMessage({ id, error: e.message, thread: threadId });
    }
  });
  parentPort.postMessage('ready');
`;

interface Reply {
  id: number;
  value?: string;
  error?: string;
  thread: number;
}
type Settle = (r: Reply) => void;

/** Twisted's deferToThread, Node style: a bounded pool of workers. */
class ThreadPool {
  readonly ready: Promise<unknown>;
  #idle: Worker[] = [];
  #queue: (() => void)[] = [];
  #waiting = new Map<number, Settle>();
  #next = 0;

  constructor(size: number) {
    const started: Promise<unknown>[] = [];
    for (let i = 0; i < size; i++) {
      const w = new Worker(driver, { eval: true });
      started.push(new Promise((ok) => w.once('message', ok)));
      // The main thread's event loop delivers 'message' events, so the
      // callback runs on the loop: Twisted's callFromThread.
      started[i]!.then(() =>
        w.on('message', (r: Reply) => {
          this.#waiting.get(r.id)!(r);
          this.#waiting.delete(r.id);
          this.#idle.push(w);
          this.#queue.shift()?.(); // a thread is free: next in line
        }),
      );
      this.#idle.push(w);
    }
    this.ready = Promise.all(started);
  }

  // #region pool
  deferToThread(sql: string, ms: number): Promise<Reply> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      // #region slide-start
      const start = () => {
        this.#waiting.set(id, (r) =>
          r.error === undefined
            ? resolve(r)
            : reject(new Error(r.error)),
        );
        this.#idle.pop()!.postMessage({ id, sql, ms });
      };
      if (this.#idle.length > 0) start();
      else this.#queue.push(start); // every thread busy: wait in line
      // #endregion
    });
  }
  // #endregion

  /** Workers free right now: a query sent when none is waits in line. */
  get idle(): number {
    return this.#idle.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.#idle.map((w) => w.terminate()));
  }
}

const pool = new ThreadPool(2);
await pool.ready;
let ticks = 0;
const ticker = setInterval(() => ticks++, 10); // the loop's heartbeat
// Each query blocks a worker for 200 ms. With two workers, the first two queries
// run at once (wave 1) and the others wait in line for a free worker (wave 2).
// The wave is read from the pool, not from a clock: a busy machine stretches time.
const queries = ['select a', 'select b', 'select c', 'select d'];
const lines = await Promise.all(
  queries.map(async (sql) => {
    const wave = pool.idle > 0 ? 1 : 2;
    const r = await pool.deferToThread(sql, 200);
    const where = r.thread === threadId ? 'main' : 'a worker';
    // This line runs in the callback, on the main thread (threadId 0).
    return `${r.value}  ran on ${where}, back on thread ${threadId}, wave ${wave}`;
  }),
);
for (const line of lines) console.log(line);

try {
  await pool.deferToThread('oops', 0);
} catch (e) {
  console.log(`the worker's error, rethrown on the loop: ${String(e)}`);
}
clearInterval(ticker);
// About 40 ticks in 400 ms on an idle machine, fewer on a busy one (a late
// interval is not run twice). A loop blocked by the queries would get one.
console.log(
  `the 10 ms timer kept ticking while 4 queries blocked 2 workers: ${ticks >= 3 ? 'yes' : 'no'}`,
);
await pool.close();
