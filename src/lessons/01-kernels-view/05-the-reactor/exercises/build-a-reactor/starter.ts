import type { Kernel } from '#kit';

type Callback = () => void;

/** What callLater returns. */
export interface DelayedCall {
  cancel(): void;
}

/** A single-threaded event loop over the kit's epoll. */
export class Reactor {
  readonly #k: Kernel;

  constructor(k: Kernel) {
    this.#k = k;
    // Your code here: an epoll instance, a callSoon queue, a timer heap,
    // and a map from descriptor to reader callback.
  }

  /** Runs `fn` on the next turn of the loop, after what is already queued. */
  callSoon(fn: Callback): void {
    void fn; // Your code here
  }

  /** Runs `fn` once, no earlier than `delay` ms of virtual time from now. */
  callLater(delay: number, fn: Callback): DelayedCall {
    void delay; // Your code here
    void fn;
    return { cancel: () => {} };
  }

  /** Calls `fn` whenever `fd` is readable (data, a connection, EOF or an error). */
  addReader(fd: number, fn: Callback): void {
    void fd; // Your code here
    void fn;
  }

  /** Stops watching `fd`. Call it before closing the descriptor. */
  removeReader(fd: number): void {
    void fd; // Your code here
  }

  /** Makes run() return as soon as the current callback returns. */
  stop(): void {
    // Your code here
  }

  /** Runs callbacks until stop() is called or nothing is left to wait for. */
  run(): void {
    void this.#k; // Your code here: the loop around epoll_wait
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
  void k; // Your code here
  void reactor;
  void port;
  void clients;
}
