// @runtime browser
import { Kernel, EPOLLIN, EPOLL_CTL_ADD, EPOLL_CTL_DEL } from '#kit';

const k = new Kernel();
const ms = (t: number) => String(Math.round(t)).padStart(4);

// The same bare loop as before: readers, timers, epoll_wait.
const ep = k.epoll_create();
const readers = new Map<number, () => void>();
const timers: { at: number; fn: () => void }[] = [];
const addReader = (fd: number, fn: () => void) => {
  readers.set(fd, fn);
  k.epoll_ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN);
};
const removeReader = (fd: number) => {
  readers.delete(fd);
  k.epoll_ctl(ep, EPOLL_CTL_DEL, fd);
};
const callLater = (delay: number, fn: () => void) => {
  timers.push({ at: k.now() + delay, fn });
  timers.sort((a, b) => a.at - b.at);
};

// Five timers, due at 100, 200, ... 500 ms, that say how late they ran.
for (let due = 100; due <= 500; due += 100) {
  callLater(due, () => {
    const late = k.now() - due;
    console.log(`timer due at ${ms(due)} ms ran ${ms(late)} ms late`);
  });
}

// An echo server where one kind of request is expensive.
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
k.setblocking(server, false);
let served = 0;
addReader(server, () => {
  const conn = k.accept(server);
  k.setblocking(conn, false);
  addReader(conn, () => {
    const data = k.recv(conn, 1024);
    if (data === '') {
      // #region stall
      removeReader(conn);
      k.close(conn);
      if (++served === 3) removeReader(server);
      return;
    }
    if (data === 'report') k.cpu(300); // 300 ms of pure computation
    k.send(conn, data);
    // #endregion
  });
});
const g = k.clients(8080, [
  { name: 'ana', at: 50, send: ['ping', 'ping', 'ping'], gap: 100 },
  { name: 'bo', at: 120, send: ['report'] },
  { name: 'cy', at: 130, send: ['ping'] },
]);

while (readers.size > 0 || timers.length > 0) {
  const next = timers[0];
  const timeout = next ? Math.max(0, next.at - k.now()) : -1;
  for (const { fd } of k.epoll_wait(ep, 64, timeout))
    readers.get(fd)?.();
  while (timers.length > 0 && timers[0]!.at <= k.now())
    timers.shift()!.fn();
}
k.close(server);
for (const c of g.clients) {
  const waits = c.latencies.map((l) => Math.round(l)).join(', ');
  console.log(
    `${c.name.padEnd(3)} waited for its replies: ${waits} ms`,
  );
}
