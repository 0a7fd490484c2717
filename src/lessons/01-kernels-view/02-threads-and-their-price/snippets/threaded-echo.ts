// @runtime browser
import { Kernel } from '#kit';

const k = new Kernel();
const server = k.socket();
k.bind(server, 8080);
k.listen(server);

// The same three clients as chapter 1: bo connects at 10 ms, then
// thinks for 500 ms before it sends anything.
const group = k.clients(8080, [
  { name: 'ana', at: 1, send: ['hello'] },
  { name: 'bo', at: 10, wait: 500, send: ['hi'] },
  { name: 'cy', at: 20, send: ['hey'] },
]);

// #region server
for (let served = 0; served < 3; served++) {
  const conn = k.accept(server); // main only ever waits here
  const t = Math.round(k.now());
  console.log(
    `${String(t).padStart(4)} ms  accepted ${k.getpeername(conn)}`,
  );
  // Chapter 1's inner loop, moved into a thread of its own. Every
  // blocking call inside a thread is written `yield* sys.call()`.
  // #region thread
  k.spawn(function* (sys) {
    for (;;) {
      const data = yield* sys.recv(conn, 1024); // blocks this thread
      if (data === '') break;
      yield* sys.sendall(conn, data);
      // #endregion
    }
    yield* sys.close(conn);
  });
}
k.run(); // until every connection thread has finished
// #endregion

for (const c of group.clients) {
  const waited = Math.round(c.latencies[0] ?? NaN);
  console.log(`${c.name}: reply ${waited} ms after its request`);
}
const { threads, memory, contextSwitches } = k.stats();
const MiB = 1024 * 1024;
console.log(
  `threads: ${threads.created} created, ${threads.peak} at once`,
);
console.log(
  `stacks reserved at the peak: ${(memory.reserved.peak / MiB).toFixed(2)} MiB;` +
    ` in RAM: ${memory.resident.peak / 1024} KiB`,
);
console.log(`context switches: ${contextSwitches}`);
