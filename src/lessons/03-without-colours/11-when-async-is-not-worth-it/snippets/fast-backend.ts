// @runtime browser
// A fast backend, like Redis on localhost: 20 µs each way on the wire,
// 5 µs to answer one line. 100 GETs, five ways; the kit counts the
// syscalls and the virtual time of each.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const N = 100;
const keys = Array.from({ length: N }, (_, i) => `k${i}`);

function backend() {
  const k = new Kernel({ netDelay: 0.02 }); // one way: 20 µs
  const redis = k.service('redis:6379', {
    mode: 'lines', // one connection, one reply line per request line
    latency: 0.005, // 5 µs of work per line
    reply: (line) => line.replace(/^M?GET /, 'VAL '),
  });
  return { k, redis };
}

// #region blocking
function blocking(k: Kernel, redis: string): void {
  const fd = k.socket();
  k.connect(fd, redis);
  for (const key of keys) {
    k.sendall(fd, `GET ${key}\n`);
    k.recv(fd, 4096); // waits ~45 µs; one reply line
  }
  k.close(fd);
}
// #endregion

// #region naive
async function naive(loop: Loop, redis: string): Promise<void> {
  const fd = await loop.connect(redis);
  for (const key of keys) {
    await loop.sendall(fd, `GET ${key}\n`);
    await loop.recv(fd, 4096); // EAGAIN, epoll_wait, recv again
  }
  loop.close(fd);
}
// #endregion

async function fourConnections(
  loop: Loop,
  redis: string,
): Promise<void> {
  const part = async (mine: string[]) => {
    const fd = await loop.connect(redis);
    for (const key of mine) {
      await loop.sendall(fd, `GET ${key}\n`);
      await loop.recv(fd, 4096);
    }
    loop.close(fd);
  };
  const quarters = [0, 1, 2, 3].map((q) =>
    keys.slice(q * 25, q * 25 + 25),
  );
  await Promise.all(quarters.map(part));
}

// #region pipelined
async function pipelined(loop: Loop, redis: string): Promise<void> {
  const fd = await loop.connect(redis);
  // #region slide-pipe
  await loop.sendall(fd, keys.map((key) => `GET ${key}\n`).join(''));
  let lines = 0;
  while (lines < N) {
    const data = await loop.recv(fd, 65536); // whatever has arrived
    lines += data.split('\n').length - 1;
    // #endregion
  }
  loop.close(fd);
}
// #endregion

// #region batched
async function batched(loop: Loop, redis: string): Promise<void> {
  const fd = await loop.connect(redis);
  // #region slide-mget
  await loop.sendall(fd, `MGET ${keys.join(' ')}\n`); // one command
  let reply = '';
  while (!reply.endsWith('\n')) reply += await loop.recv(fd, 65536);
  // #endregion
  loop.close(fd);
}
// #endregion

type Way = (k: Kernel, redis: string) => void | Promise<void>;
const onLoop =
  (body: (loop: Loop, redis: string) => Promise<void>): Way =>
  (k, redis) => {
    const loop = new Loop(k);
    return loop.run(() => body(loop, redis));
  };
const ways: [string, Way][] = [
  ['blocking, one at a time', blocking],
  ['await, one at a time', onLoop(naive)],
  ['await, 4 connections', onLoop(fourConnections)],
  ['await, pipelined', onLoop(pipelined)],
  ['await, one MGET', onLoop(batched)],
];

console.log(
  `${'way'.padEnd(24)} ${'time'.padStart(8)} ${'req/s'.padStart(8)}` +
    ` ${'syscalls'.padStart(9)} ${'epoll_wait'.padStart(11)} ${'CPU'.padStart(7)}`,
);
for (const [name, way] of ways) {
  const { k, redis } = backend();
  await way(k, redis);
  const s = k.stats();
  const ms = k.now();
  const perSecond = Math.round(N / (ms / 1000));
  console.log(
    `${name.padEnd(24)} ${ms.toFixed(2).padStart(5)} ms ${String(perSecond).padStart(8)}` +
      ` ${String(s.totalSyscalls).padStart(9)} ${String(s.syscalls['epoll_wait'] ?? 0).padStart(11)}` +
      ` ${String(Math.round(s.cpuTime * 1000)).padStart(4)} µs`,
  );
}
