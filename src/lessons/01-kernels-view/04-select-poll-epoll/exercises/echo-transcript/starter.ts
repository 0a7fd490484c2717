import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  EPOLLIN,
  EPOLLOUT,
  type Kernel,
} from '#kit';

// ---- Given: the chapter's Selector (over epoll). ----------------

export const EVENT_READ = 1;
export const EVENT_WRITE = 2;

export interface SelectorKey<D> {
  readonly fd: number;
  readonly events: number;
  readonly data: D;
}

export class Selector<D> {
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

  select(timeout?: number): [SelectorKey<D>, number][] {
    const max = Math.max(this.#keys.size, 1);
    const ready = this.#k.epoll_wait(this.#ep, max, timeout);
    return ready.map(({ fd, events }) => {
      const key = this.#keys.get(fd)!;
      let mask = 0;
      if (events & ~EPOLLOUT) mask |= EVENT_READ;
      if (events & ~EPOLLIN) mask |= EVENT_WRITE;
      return [key, mask & key.events];
    });
  }
}

function toEpoll(events: number): number {
  return (
    (events & EVENT_READ ? EPOLLIN : 0) |
    (events & EVENT_WRITE ? EPOLLOUT : 0)
  );
}

// ---- The echo server. -------------------------------------------

type Callback = (fd: number, mask: number) => void;

/**
 * Runs the echo server on `port` until it has closed `connections`
 * client connections; returns its log, one line per event.
 */
export function serve(
  k: Kernel,
  port: number,
  connections: number,
): string[] {
  const log: string[] = [];
  const sel = new Selector<Callback>(k);
  let closed = 0;

  function accept(sock: number): void {
    const conn = k.accept(sock);
    log.push(`accepted fd ${conn} from ${k.getpeername(conn)}`);
    k.setblocking(conn, false);
    sel.register(conn, EVENT_READ, read);
  }

  function read(conn: number): void {
    const data = k.recv(conn, 1000);
    if (data === '') {
      log.push(`closing fd ${conn}`);
      sel.unregister(conn);
      k.close(conn);
      closed++;
      return;
    }
    log.push(`echoing ${data.length} bytes to fd ${conn}`);
    k.send(conn, data); // hope it won't block: your code here
  }

  const sock = k.socket();
  k.bind(sock, port);
  k.listen(sock, 100);
  k.setblocking(sock, false);
  sel.register(sock, EVENT_READ, accept);

  while (closed < connections) {
    for (const [key, mask] of sel.select()) key.data(key.fd, mask);
  }
  return log;
}
