import {
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  EPOLL_CTL_MOD,
  EPOLLIN,
  EPOLLOUT,
  type Kernel,
  wouldBlock,
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
  const pending = new Map<number, string>(); // unsent bytes per fd
  let closed = 0;

  function accept(sock: number): void {
    const conn = k.accept(sock);
    log.push(`accepted fd ${conn} from ${k.getpeername(conn)}`);
    k.setblocking(conn, false);
    pending.set(conn, '');
    sel.register(conn, EVENT_READ, read);
  }

  function read(conn: number): void {
    const data = k.recv(conn, 1000);
    if (data === '') {
      log.push(`closing fd ${conn}`);
      sel.unregister(conn);
      k.close(conn);
      pending.delete(conn);
      closed++;
      return;
    }
    log.push(`echoing ${data.length} bytes to fd ${conn}`);
    pending.set(conn, data);
    if (flush(conn) > 0) {
      sel.modify(conn, EVENT_WRITE, write); // stop reading for now
    }
  }

  function write(conn: number): void {
    if (flush(conn) === 0) {
      log.push(`fd ${conn}: all sent, reading again`);
      sel.modify(conn, EVENT_READ, read);
    }
  }

  // One send; keeps what did not fit. Returns the bytes still unsent.
  function flush(conn: number): number {
    const data = pending.get(conn) ?? '';
    let sent = 0;
    try {
      sent = k.send(conn, data);
    } catch (e) {
      if (!wouldBlock(e)) throw e;
    }
    const rest = data.slice(sent);
    pending.set(conn, rest);
    if (rest.length > 0) {
      log.push(`fd ${conn}: ${rest.length} bytes wait for EVENT_WRITE`);
    }
    return rest.length;
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
