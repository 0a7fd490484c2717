import {
  type Kernel,
  KernelError,
  POLLIN,
  POLLNVAL,
  POLLOUT,
  type PollFd,
} from '#kit';

/** The events a selector watches, as in Python's `selectors`. */
export const EVENT_READ = 1;
export const EVENT_WRITE = 2;

/** What `register` returns and `select` reports. */
export interface SelectorKey<D> {
  readonly fd: number;
  readonly events: number;
  readonly data: D;
}

/**
 * Python's KeyError, which JavaScript lacks: the descriptor is
 * already registered (register) or is not (unregister, modify,
 * getKey).
 */
export class KeyError extends Error {
  override name = 'KeyError';
}

/** A selector in the style of Python's PollSelector, on the kit. */
export class PollSelector<D = unknown> {
  readonly #k: Kernel;
  readonly #keys = new Map<number, SelectorKey<D>>();

  constructor(k: Kernel) {
    this.#k = k;
  }

  register(fd: number, events: number, data: D): SelectorKey<D> {
    checkEvents(events);
    checkFd(fd);
    if (this.#keys.has(fd)) {
      throw new KeyError(`fd ${fd} is already registered`);
    }
    // poll() does not refuse a closed descriptor: it marks it with
    // POLLNVAL. Ask once, with timeout 0, and turn that into EBADF.
    const probe: PollFd[] = [{ fd, events: 0 }];
    this.#k.poll(probe, 0);
    if ((probe[0]?.revents ?? 0) & POLLNVAL) {
      throw new KernelError(
        'EBADF',
        'register',
        fd,
        'which is not open',
      );
    }
    const key = { fd, events, data };
    this.#keys.set(fd, key);
    return key;
  }

  unregister(fd: number): SelectorKey<D> {
    const key = this.getKey(fd);
    this.#keys.delete(fd);
    return key;
  }

  modify(fd: number, events: number, data: D): SelectorKey<D> {
    this.getKey(fd);
    checkEvents(events);
    const key = { fd, events, data };
    this.#keys.set(fd, key);
    return key;
  }

  getKey(fd: number): SelectorKey<D> {
    const key = this.#keys.get(fd);
    if (key === undefined)
      throw new KeyError(`fd ${fd} is not registered`);
    return key;
  }

  /** Timeout in ms: none blocks, 0 or less polls, t waits up to t. */
  select(timeout?: number | null): [SelectorKey<D>, number][] {
    const keys = [...this.#keys.values()];
    const fds: PollFd[] = keys.map((key) => ({
      fd: key.fd,
      events:
        (key.events & EVENT_READ ? POLLIN : 0) |
        (key.events & EVENT_WRITE ? POLLOUT : 0),
    }));
    const blocks = timeout === undefined || timeout === null;
    this.#k.poll(fds, blocks ? -1 : Math.max(timeout, 0)); // one call
    const ready: [SelectorKey<D>, number][] = [];
    fds.forEach((p, i) => {
      const got = p.revents ?? 0;
      const key = keys[i];
      if (got === 0 || key === undefined) return;
      // POLLERR, POLLHUP and POLLNVAL wake both directions.
      let mask = 0;
      if (got & ~POLLOUT) mask |= EVENT_READ;
      if (got & ~POLLIN) mask |= EVENT_WRITE;
      ready.push([key, mask & key.events]);
    });
    return ready;
  }

  close(): void {
    this.#keys.clear();
  }
}

function checkEvents(events: number): void {
  const all = EVENT_READ | EVENT_WRITE;
  if (
    !Number.isInteger(events) ||
    events === 0 ||
    (events & ~all) !== 0
  ) {
    throw new RangeError(`invalid events: ${events}`);
  }
}

function checkFd(fd: number): void {
  if (!Number.isInteger(fd) || fd < 0) {
    throw new RangeError(`invalid file descriptor: ${fd}`);
  }
}
