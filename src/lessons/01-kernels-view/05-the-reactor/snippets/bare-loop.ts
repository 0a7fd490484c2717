// @runtime browser
import { Kernel, EPOLLIN, EPOLL_CTL_ADD, EPOLL_CTL_DEL } from '#kit';

const k = new Kernel();
const ms = () => String(Math.round(k.now())).padStart(4);
const log = (what: string) => console.log(`${ms()} ms  ${what}`);

// What the loop owns: callbacks for ready descriptors, and timers.
const ep = k.epoll_create();
const readers = new Map<number, () => void>();
const timers: { at: number; fn: () => void }[] = [];

function addReader(fd: number, fn: () => void): void {
  readers.set(fd, fn);
  k.epoll_ctl(ep, EPOLL_CTL_ADD, fd, EPOLLIN);
}
function removeReader(fd: number): void {
  readers.delete(fd);
  k.epoll_ctl(ep, EPOLL_CTL_DEL, fd);
}
function callLater(delay: number, fn: () => void): void {
  timers.push({ at: k.now() + delay, fn });
  timers.sort((a, b) => a.at - b.at); // a heap, later
}

// The program: an echo server, and a timer that shuts it down.
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
k.setblocking(server, false);
addReader(server, () => {
  const conn = k.accept(server);
  k.setblocking(conn, false);
  log(`accepted fd ${conn}`);
  addReader(conn, () => {
    const data = k.recv(conn, 1024);
    if (data === '') {
      log(`fd ${conn} closed`);
      removeReader(conn);
      k.close(conn);
    } else {
      log(`fd ${conn} echoes ${JSON.stringify(data)}`);
      k.send(conn, data); // small replies fit in the buffer
    }
  });
});
callLater(1000, () => {
  log('shutting down: no new connections');
  removeReader(server);
  k.close(server);
});
k.clients(8080, [
  { name: 'ana', at: 10, send: ['hi', 'bye'], gap: 300 },
  { name: 'bo', at: 20, send: ['hello'] },
]);

// The event loop: a while around epoll_wait.
// #region loop
while (readers.size > 0 || timers.length > 0) {
  const next = timers[0];
  const timeout = next ? Math.max(0, next.at - k.now()) : -1;
  for (const { fd } of k.epoll_wait(ep, 64, timeout)) {
    readers.get(fd)?.(); // dispatch: the callback does the I/O
  }
  while (timers.length > 0 && timers[0]!.at <= k.now()) {
    timers.shift()!.fn();
  }
  // #endregion
}
log('nothing left to wait for: the loop ends');
