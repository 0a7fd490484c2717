// @runtime browser
import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  EPOLLIN,
  EPOLLOUT,
  Kernel,
} from '#kit';

// #region selector
const EVENT_READ = 1;
const EVENT_WRITE = 2;

interface SelectorKey<D> {
  readonly fd: number;
  readonly events: number; // EVENT_READ | EVENT_WRITE
  readonly data: D; // whatever the caller attached
}

// Python's EpollSelector in miniature: a map fd -> key on our side,
// the interest list on the kernel's side. (No error checks yet:
// the exercise adds them.)
class Selector<D> {
  readonly #k: Kernel;
  readonly #ep: number;
  readonly #keys = new Map<number, SelectorKey<D>>();

  constructor(k: Kernel) {
    this.#k = k;
    this.#ep = k.epoll_create();
  }

  register(fd: number, events: number, data: D): SelectorKey<D> {
    this.#k.epoll_ctl(this.#ep, EPOLL_CTL_ADD, fd, toEpoll(events));
    const key = { fd, events, data };
    this.#keys.set(fd, key);
    return key;
  }

  unregister(fd: number): SelectorKey<D> {
    const key = this.#keys.get(fd)!;
    this.#k.epoll_ctl(this.#ep, EPOLL_CTL_DEL, fd);
    this.#keys.delete(fd);
    return key;
  }

  modify(fd: number, events: number, data: D): SelectorKey<D> {
    this.#k.epoll_ctl(this.#ep, EPOLL_CTL_MOD, fd, toEpoll(events));
    const key = { fd, events, data };
    this.#keys.set(fd, key);
    return key;
  }

  // Timeout in ms: undefined blocks, 0 polls, t waits up to t.
  // #region slide-select
  select(timeout?: number): [SelectorKey<D>, number][] {
    const max = Math.max(this.#keys.size, 1);
    const ready = this.#k.epoll_wait(this.#ep, max, timeout);
    return ready.map(({ fd, events }) => {
      const key = this.#keys.get(fd)!;
      // Errors and hang-ups count as both: the callback's own
      // recv or send will then report what happened.
      let mask = 0;
      if (events & ~EPOLLOUT) mask |= EVENT_READ;
      if (events & ~EPOLLIN) mask |= EVENT_WRITE;
      return [key, mask & key.events];
      // #endregion
    });
  }
}

function toEpoll(events: number): number {
  return (
    (events & EVENT_READ ? EPOLLIN : 0) |
    (events & EVENT_WRITE ? EPOLLOUT : 0)
  );
}
// #endregion

const k = new Kernel();
const log = (line: string) =>
  console.log(`${String(Math.round(k.now())).padStart(4)} ms  ${line}`);

// #region echo
type Callback = (fd: number, mask: number) => void;
const sel = new Selector<Callback>(k);

function accept(sock: number): void {
  const conn = k.accept(sock); // should be ready
  // #region slide-accept
  log(`accepted fd ${conn} from ${k.getpeername(conn)}`);
  k.setblocking(conn, false);
  sel.register(conn, EVENT_READ, read);
  // #endregion
}

function read(conn: number): void {
  const data = k.recv(conn, 1000); // should be ready
  if (data) {
    log(`echoing ${JSON.stringify(data)} to fd ${conn}`);
    k.send(conn, data); // hope it won't block
  } else {
    log(`closing fd ${conn}`);
    sel.unregister(conn);
    k.close(conn);
  }
}

const sock = k.socket();
k.bind(sock, 1234);
k.listen(sock, 100);
k.setblocking(sock, false);
sel.register(sock, EVENT_READ, accept);
// #endregion

const clients = k.clients(1234, [
  { name: 'ana', at: 0, send: ['hello', 'world'], gap: 50 },
  { name: 'bo', at: 20, send: ['hi'] },
  { name: 'cy', at: 30, wait: 100, send: ['hey'] },
]);

// #region loop
// Python loops forever; we stop once the three clients are served.
while (k.stats().connectionsServed < 3) {
  // #region slide-loop
  for (const [key, mask] of sel.select()) {
    const callback = key.data;
    callback(key.fd, mask);
    // #endregion
  }
}
// #endregion
for (const c of clients.clients) {
  const ms = c.latencies.map((t) => `${Math.round(t)} ms`).join(', ');
  console.log(`${c.name}: ${c.replies.join(' ')} (waited ${ms})`);
}
