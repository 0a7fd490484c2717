// @runtime browser
// The capstone service, model 4 of 5: async/await (#lib/aio).
// Each line a client sends is answered with "#n line": n counts the lines
// answered so far, for all clients together (state shared by connections).
import { Kernel, Random, type ClientSpec } from '#kit';
import { Loop } from '#lib/aio';

// #region load
// The same seeded load in all five versions: edit it and run again.
const LOAD = {
  seed: 1,
  clients: 100, // connecting 5 ms apart on average (Poisson)
  slow: 10, // of which this many think slowly
  lines: 4, // lines each client sends, one at a time
  think: 20, // ms between a reply and the next line
  slowThink: 500, // the same, for a slow client
};
function load(): ClientSpec[] {
  const rng = new Random(LOAD.seed);
  const slow = new Set<number>();
  while (slow.size < Math.min(LOAD.slow, LOAD.clients))
    slow.add(rng.int(0, LOAD.clients - 1));
  return rng.arrivals(LOAD.clients, 5, 1).map((at, i) => ({
    at,
    expect: 'line',
    gap: slow.has(i) ? LOAD.slowThink : LOAD.think,
    send: Array.from({ length: LOAD.lines }, (_, j) => `line ${j}\n`),
  }));
}
// #endregion

const k = new Kernel({ seed: LOAD.seed, maxFds: 20_000 });
let count = 0; // the service's state, shared by every connection
// One line per recv: a client waits for each reply before its next line.
const answer = (line: string): string => `#${++count} ${line}`;

// #region server
const loop = new Loop(k);
const listener = loop.listen(8080, 1024); // non-blocking, behind epoll
const group = k.clients(8080, load());

// #region slide-handle
async function handle(conn: number): Promise<void> {
  // model 1's loop with an await at every wait
  // #region slide-await
  for (
    let line = await loop.recv(conn, 1024);
    line !== '';
    line = await loop.recv(conn, 1024)
  ) {
    k.cpu(0.05); // parse and format: 50 µs of CPU per line
    await loop.sendall(conn, answer(line));
  }
  // #endregion
  loop.close(conn);
}

await loop.run(async () => {
  const handlers: Promise<void>[] = [];
  for (let i = 0; i < LOAD.clients; i++) {
    const conn = await loop.accept(listener);
    // #endregion
    handlers.push(handle(conn)); // start it; do not wait for it here
  }
  await Promise.all(handlers);
});
// #endregion

// #region report
const s = k.stats();
const p = k.percentiles();
const done = group.clients.filter((c) => c.state === 'done').length;
// Memory: "charged" counts every stack at its full 1 MiB (address space
// reserved) plus 4 KiB per socket; "in RAM" is what is really used: the
// stack pages touched, each thread's kernel stack, and the sockets.
console.log(
  `load: seed ${LOAD.seed}, ${LOAD.clients} clients (${LOAD.slow} slow), ` +
    `${LOAD.lines} lines, think ${LOAD.think}/${LOAD.slowThink} ms`,
);
console.log(
  `aio | ${done}/${LOAD.clients} clients | ` +
    `${((p.count * 1000) / s.time).toFixed(1)} req/s | ` +
    `p50 ${p.p50.toFixed(1)} ms | p99 ${p.p99.toFixed(1)} ms | ` +
    `peak ${(s.memory.peak / 2 ** 20).toFixed(1)} MiB charged, ` +
    `${Math.round(s.memory.resident.peak / 2 ** 10)} KiB in RAM | ` +
    `${s.contextSwitches} switches | ${s.totalSyscalls} syscalls`,
);
// #endregion
