// @runtime browser
// An async echo server on the kit. Most requests are "ping" (nothing to
// compute); a few are "hash", which needs 50 ms of CPU. Where the 50 ms
// runs decides how long the pings wait.
import { Kernel, type Sys } from '#kit';
import { Loop } from '#lib/aio';

/** Two connected sockets: a pool thread writes one, the loop reads the other. */
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

// #region pool
/** One kit thread that computes; the loop awaits the result. */
function cpuPool(k: Kernel, loop: Loop) {
  const jobs = k.queue<{ ms: number; done: () => void } | null>();
  const finished: (() => void)[] = [];
  const [wakeR, wakeW] = socketPair(k);
  k.spawn(
    function* (sys: Sys) {
      for (
        let job = yield* sys.get(jobs);
        job;
        job = yield* sys.get(jobs)
      ) {
        yield* sys.cpu(job.ms); // preempted every time slice
        finished.push(job.done);
        yield* sys.send(wakeW, 'x'); // wake the loop
      }
    },
    { name: 'cpu-pool' },
  );
  void (async () => {
    while ((await loop.recv(wakeR, 64)) !== '')
      for (const done of finished.splice(0)) done(); // on the loop
  })();
  return {
    compute: (ms: number) =>
      new Promise<void>((done) => k.put(jobs, { ms, done })),
    stop: () => k.put(jobs, null),
  };
}
// #endregion

async function serve(where: 'on the loop' | 'in a pool thread') {
  const k = new Kernel({ seed: 7 });
  const loop = new Loop(k);
  const server = loop.listen(8080);
  const pool = where === 'in a pool thread' ? cpuPool(k, loop) : null;
  const pinger = (i: number) => ({
    name: `ping${i}`,
    at: 1 + i,
    send: Array<string>(25).fill('ping'),
    gap: 7 + i,
  });
  const hasher = (i: number) => ({
    name: `hash${i}`,
    at: 20 + 40 * i,
    send: ['hash', 'hash', 'hash'],
    gap: 60,
  });
  const g = k.clients(
    8080,
    [0, 1, 2, 3, 4].map(pinger).concat([0, 1].map(hasher)),
  );
  // #region handler
  async function handle(conn: number): Promise<void> {
    for (
      let req = await loop.recv(conn, 64);
      req !== '';
      req = await loop.recv(conn, 64)
    ) {
      // #region slide-hash
      if (req === 'hash') {
        if (pool)
          await pool.compute(50); // the loop goes on
        else k.cpu(50); // the loop's own thread computes
      }
      await loop.sendall(conn, req);
      // #endregion
    }
    loop.close(conn);
  }
  // #endregion
  await loop.run(async () => {
    const handlers = [];
    for (let i = 0; i < g.clients.length; i++)
      handlers.push(handle(await loop.accept(server)));
    await Promise.all(handlers);
  });
  pool?.stop();
  const lat = (prefix: string) =>
    k.percentiles(
      g.clients
        .filter((c) => c.name.startsWith(prefix))
        .flatMap((c) => c.latencies),
    );
  const ping = lat('ping');
  const hash = lat('hash');
  const f = (ms: number) => `${ms.toFixed(1).padStart(5)} ms`;
  console.log(`hash computed ${where}:`);
  console.log(
    `  ping (${ping.count}): p50 ${f(ping.p50)}  p99 ${f(ping.p99)}  max ${f(ping.max)}`,
  );
  console.log(
    `  hash (${hash.count}):   p50 ${f(hash.p50)}  p99 ${f(hash.p99)}  max ${f(hash.max)}`,
  );
  console.log(`  context switches: ${k.stats().contextSwitches}`);
}

await serve('on the loop');
await serve('in a pool thread');
