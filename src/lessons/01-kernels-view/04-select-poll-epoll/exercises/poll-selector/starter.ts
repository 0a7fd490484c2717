// '#kit' also exports KernelError, POLLIN, POLLOUT and POLLNVAL.
import { type Kernel, type PollFd } from '#kit';

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
    // Your code here. Check events and fd (RangeError), a second
    // registration (KeyError) and a closed fd (KernelError EBADF).
    const key = { fd, events, data };
    this.#keys.set(fd, key);
    return key;
  }

  unregister(fd: number): SelectorKey<D> {
    // Your code here.
    const key = this.#keys.get(fd) as SelectorKey<D>;
    this.#keys.delete(fd);
    return key;
  }

  modify(fd: number, events: number, data: D): SelectorKey<D> {
    // Your code here.
    return this.register(fd, events, data);
  }

  getKey(fd: number): SelectorKey<D> {
    // Your code here.
    return this.#keys.get(fd) as SelectorKey<D>;
  }

  /** Timeout in ms: none blocks, 0 or less polls, t waits up to t. */
  select(timeout?: number | null): [SelectorKey<D>, number][] {
    // Your code here: one this.#k.poll(fds, ms) over every key,
    // then turn each entry's revents into EVENT_READ/EVENT_WRITE.
    const fds: PollFd[] = [];
    this.#k.poll(fds, timeout ?? -1);
    return [];
  }

  close(): void {
    this.#keys.clear();
  }
}
