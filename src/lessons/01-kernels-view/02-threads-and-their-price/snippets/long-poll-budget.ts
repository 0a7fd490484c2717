// @runtime browser
import { Kernel, KernelError } from '#kit';

const MiB = 1024 * 1024;
const CLIENTS = 10_000;
const NEWS_AT = 30_000; // the event every client is waiting for

// 10,000 long-poll clients, one every 0.1 ms. Each sends one request
// and waits for the answer, which the server only has at 30 s.
function longPoll(stackSize: number): void {
  const k = new Kernel({
    stackSize, // memory charged per thread
    memoryLimit: 2048 * MiB, // the machine's budget
    maxFds: 2 * CLIENTS, // raise the descriptor limit (ulimit -n)
    trace: false,
  });
  const server = k.socket();
  k.bind(server, 80);
  k.listen(server, 1024);
  const group = k.clients(
    80,
    Array.from({ length: CLIENTS }, (_, i) => ({
      at: i * 0.1,
      send: ['GET /poll'],
    })),
  );

  // #region server
  let firstError = '';
  for (let i = 0; i < CLIENTS; i++) {
    const conn = k.accept(server);
    try {
      k.spawn(function* (sys) {
        yield* sys.recv(conn, 1024); // the request
        yield* sys.sleep(NEWS_AT - sys.now()); // nothing new yet
        yield* sys.sendall(conn, 'event: news');
        yield* sys.close(conn);
      });
    } catch (e) {
      if (!(e instanceof KernelError) || e.code !== 'EAGAIN') throw e;
      firstError ||= e.message.replace(/^.*cannot create thread: /, '');
      k.close(conn); // no thread for this client: turn it away
    }
  }
  k.run();
  // #endregion

  const served = group.clients.filter(
    (c) => c.replies[0] === 'event: news',
  );
  const refused = group.clients.filter((c) => c.state === 'failed');
  const { threads, memory } = k.stats();
  const kib = stackSize / 1024;
  console.log(`stack ${kib} KiB per thread:`);
  console.log(`  threads at once: ${threads.peak}`);
  console.log(`  peak memory: ${(memory.peak / MiB).toFixed(0)} MiB`);
  console.log(`  clients that got the news: ${served.length}`);
  console.log(`  clients turned away: ${refused.length}`);
  if (firstError) console.log(`  first EAGAIN: ${firstError}`);
}

longPoll(8 * MiB); // glibc's default when `ulimit -s` says 8192
longPoll(1 * MiB);
longPoll(64 * 1024);
