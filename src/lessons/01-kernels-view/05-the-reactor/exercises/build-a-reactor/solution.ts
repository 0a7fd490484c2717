import {
  EPOLLERR,
  EPOLLHUP,
  EPOLLIN,
  EPOLL_CTL_ADD,
  EPOLL_CTL_DEL,
  wouldBlock,
  type Kernel,
} from '#kit';

type Callback = () => void;

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: Callback;
  done: boolean;
}

/** What callLater returns. */
export interface DelayedCall {
  cancel(): void;
}

/** `a` runs before `b`: earlier time first, then the one scheduled first. */
function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** A single-threaded event loop over the kit's epoll. */
export class Reactor {
  readonly #k: Kernel;
  readonly #ep: number;
  readonly #soon: Callback[] = [];
  readonly #heap: Timer[] = [];
  readonly #readers = new Map<number, Callback>();
  #pending = 0; // timers that have neither fired nor been cancelled
  #seq = 0;
  #stopped = false;

  constructor(k: Kernel) {
    this.#k = k;
    this.#ep = k.epoll_create();
  }

  /** Runs `fn` on the next turn of the loop, after what is already queued. */
  callSoon(fn: Callback): void {
    this.#soon.push(fn);
  }

  /** Runs `fn` once, no earlier than `delay` ms of virtual time from now. */
  callLater(delay: number, fn: Callback): DelayedCall {
    const t: Timer = {
      at: this.#k.now() + delay,
      seq: this.#seq++,
      fn,
      done: false,
    };
    this.#push(t);
    this.#pending++;
    return {
      cancel: () => {
        if (t.done) return;
        t.done = true;
        this.#pending--;
      },
    };
  }

  /** Calls `fn` whenever `fd` is readable (data, a connection, EOF or an error). */
  addReader(fd: number, fn: Callback): void {
    if (!this.#readers.has(fd))
      this.#k.epoll_ctl(this.#ep, EPOLL_CTL_ADD, fd, EPOLLIN);
    this.#readers.set(fd, fn);
  }

  /** Stops watching `fd`. Call it before closing the descriptor. */
  removeReader(fd: number): void {
    if (!this.#readers.delete(fd)) return;
    this.#k.epoll_ctl(this.#ep, EPOLL_CTL_DEL, fd);
  }

  /** Makes run() return as soon as the current callback returns. */
  stop(): void {
    this.#stopped = true;
  }

  /** Runs callbacks until stop() is called or nothing is left to wait for. */
  run(): void {
    const k = this.#k;
    this.#stopped = false;
    while (!this.#stopped && this.#alive()) {
      while (this.#heap[0]?.done === true) this.#pop();
      const next = this.#heap[0];
      let timeout = -1;
      if (this.#soon.length > 0) timeout = 0;
      else if (next) timeout = Math.max(0, next.at - k.now());
      const events = k.epoll_wait(this.#ep, 64, timeout);

      for (let n = this.#soon.length; n > 0 && !this.#stopped; n--)
        this.#soon.shift()!();

      for (const { fd, events: ev } of events) {
        if (this.#stopped) break;
        if ((ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) !== 0)
          this.#readers.get(fd)?.();
      }

      const now = k.now();
      const last = this.#seq; // timers created by these callbacks wait a turn
      for (
        let t = this.#heap[0];
        t && !this.#stopped;
        t = this.#heap[0]
      ) {
        if (t.at > now || t.seq >= last) break;
        this.#pop();
        if (t.done) continue;
        t.done = true;
        this.#pending--;
        t.fn();
      }
    }
  }

  #alive(): boolean {
    return (
      this.#soon.length > 0 ||
      this.#pending > 0 ||
      this.#readers.size > 0
    );
  }

  #push(t: Timer): void {
    const h = this.#heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  #pop(): void {
    const h = this.#heap;
    const last = h.pop();
    if (h.length === 0 || last === undefined) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      let m = i;
      const l = 2 * i + 1;
      const r = l + 1;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/**
 * An echo server on `reactor`: every byte a client sends comes back. After `clients`
 * connections it stops listening, and once they have all closed the reactor has nothing
 * left to do, so `reactor.run()` returns.
 */
export function serveEcho(
  k: Kernel,
  reactor: Reactor,
  port: number,
  clients: number,
): void {
  const server = k.socket();
  k.bind(server, port);
  k.listen(server);
  k.setblocking(server, false);
  let accepted = 0;
  reactor.addReader(server, () => {
    let conn: number;
    try {
      conn = k.accept(server);
    } catch (e) {
      if (wouldBlock(e)) return; // someone else took it: wait for the next one
      throw e;
    }
    k.setblocking(conn, false);
    if (++accepted === clients) {
      reactor.removeReader(server);
      k.close(server);
    }
    reactor.addReader(conn, () => {
      let data: string;
      try {
        data = k.recv(conn, 4096);
      } catch (e) {
        if (wouldBlock(e)) return;
        throw e;
      }
      if (data === '') {
        reactor.removeReader(conn);
        k.close(conn);
      } else {
        k.sendall(conn, data); // small replies fit in the send buffer
      }
    });
  });
}
