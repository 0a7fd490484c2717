// @runtime browser
import { Kernel, KernelError, type KernelOptions } from '#kit';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const CLIENTS = 10_000;
const NEWS_AT = 30_000; // the event every client is waiting for

// 10,000 long-poll clients, one every 0.1 ms. Each sends one request
// and waits for the answer, which the server only has at 30 s. The
// machine has 2 GiB of RAM; each run changes one setting.
function longPoll(setting: string, options: KernelOptions): void {
  const k = new Kernel({
    stackSize: 8 * MiB, // reserved per thread: `ulimit -s` 8192
    memoryLimit: 2 * GiB, // RAM
    maxFds: 2 * CLIENTS, // raise the descriptor limit (ulimit -n)
    trace: false,
    ...options,
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
      // #region thread
      k.spawn(function* (sys) {
        yield* sys.recv(conn, 1024); // the request
        yield* sys.sleep(NEWS_AT - sys.now()); // nothing new yet
        yield* sys.sendall(conn, 'event: news');
        yield* sys.close(conn);
      });
      // #endregion
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
  ).length;
  const { reserved, resident } = k.stats().memory;
  console.log(`${setting}:`);
  console.log(`  news for ${served}, turned away ${CLIENTS - served}`);
  console.log(
    `  address space reserved ${(reserved.peak / GiB).toFixed(1)} GiB,` +
      ` in RAM ${(resident.peak / MiB).toFixed(0)} MiB`,
  );
  if (firstError) console.log(`  first EAGAIN: ${firstError}`);
}

longPoll('ulimit -u 8192 (the default for 2 GiB of RAM)', {});
longPoll('the same with 64 KiB stacks', { stackSize: 64 * KiB });
longPoll('ulimit -u 16384', { maxThreads: 16_384 });
longPoll('ulimit -v 2097152 (2 GiB of address space)', {
  addressSpaceLimit: 2 * GiB,
});
