// @runtime browser
// One server, two models (a thread per connection; an async loop), two
// workloads: a few busy clients, and many slow ones that each wait a
// second for news (long polling).
import { Kernel, type ClientGroup, type ClientSpec } from '#kit';
import { Loop } from '#lib/aio';

const MiB = 1024 * 1024;
const few: ClientSpec[] = Array.from({ length: 4 }, (_, i) => ({
  at: i,
  send: Array<string>(50).fill('ping'),
}));
const many: ClientSpec[] = Array.from({ length: 3000 }, (_, i) => ({
  at: i, // one new client per ms for 3 s
  send: ['poll'],
}));
const answer = (req: string) => (req === 'poll' ? 1000 : 0); // ms to wait

// #region threaded
function threaded(k: Kernel, specs: ClientSpec[]): ClientGroup {
  const server = k.socket();
  k.bind(server, 8080);
  k.listen(server, 4096);
  const g = k.clients(8080, specs);
  for (let i = 0; i < specs.length; i++) {
    const conn = k.accept(server);
    k.spawn(function* (sys) {
      for (
        let req = yield* sys.recv(conn, 64);
        req;
        req = yield* sys.recv(conn, 64)
      ) {
        if (answer(req)) yield* sys.sleep(answer(req)); // this thread waits
        yield* sys.sendall(conn, req);
      }
      yield* sys.close(conn);
    });
  }
  k.run();
  return g;
}
// #endregion

// #region async
async function evented(
  k: Kernel,
  specs: ClientSpec[],
): Promise<ClientGroup> {
  const loop = new Loop(k);
  const server = loop.listen(8080, 4096);
  const g = k.clients(8080, specs);
  // #region slide-handle
  const handle = async (conn: number) => {
    for (
      let req = await loop.recv(conn, 64);
      req;
      req = await loop.recv(conn, 64)
    ) {
      if (answer(req)) await loop.sleep(answer(req)); // a timer, no thread
      await loop.sendall(conn, req);
    }
    loop.close(conn);
    // #endregion
  };
  await loop.run(async () => {
    const all: Promise<void>[] = [];
    for (let i = 0; i < specs.length; i++)
      all.push(handle(await loop.accept(server)));
    await Promise.all(all);
  });
  return g;
}
// #endregion

// charged: every stack at its full 1 MiB (address space reserved) plus
// sockets; in RAM: the stack pages touched, kernel stacks and sockets.
console.log(
  'workload     model      charged    in RAM  threads  switches  syscalls  p99 ms',
);
for (const [load, specs] of [
  ['4 busy', few],
  ['3000 slow', many],
] as const) {
  for (const model of ['threads', 'async'] as const) {
    const k = new Kernel({
      maxFds: 8192,
      netDelay: 0.05,
      trace: false,
    });
    const g =
      model === 'threads'
        ? threaded(k, specs)
        : await evented(k, specs);
    const s = k.stats();
    const p99 = k.percentiles(
      g.clients.flatMap((c) => c.latencies),
    ).p99;
    console.log(
      `${load.padEnd(12)} ${model.padEnd(7)} ${(s.memory.peak / MiB).toFixed(0).padStart(6)} MiB` +
        ` ${(s.memory.resident.peak / MiB).toFixed(1).padStart(5)} MiB` +
        ` ${String(s.threads.peak).padStart(8)} ${String(s.contextSwitches).padStart(9)}` +
        ` ${String(s.totalSyscalls).padStart(9)} ${p99.toFixed(1).padStart(7)}`,
    );
  }
}
