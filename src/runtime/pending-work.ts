/** The timer functions of a global scope, as the pending-work tracker wraps them. */
export interface TimerScope {
  setTimeout(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): unknown;
  clearTimeout(id?: unknown): void;
  setInterval(fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): unknown;
  clearInterval(id?: unknown): void;
  queueMicrotask(fn: () => void): void;
}

/**
 * Node's `Timeout` shape (`ref`, `unref`, `hasRef`, `refresh`, usable as a number), so programs
 * written for Node work unchanged. An unref'd timer does not keep the program alive, as in Node.
 */
export class Timeout {
  readonly #work: PendingWork;
  readonly id: number;
  #ref = true;
  constructor(work: PendingWork, id: number) {
    this.#work = work;
    this.id = id;
  }
  /** Lets the program end even though this timer is pending. */
  unref(): this {
    this.#ref = false;
    this.#work.poke();
    return this;
  }
  /** Makes this timer keep the program alive again. */
  ref(): this {
    this.#ref = true;
    return this;
  }
  /** Whether this timer keeps the program alive. */
  hasRef(): boolean {
    return this.#ref;
  }
  /** Node restarts the timer; here it only keeps the shape. */
  refresh(): this {
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/**
 * Counts the work a program has scheduled that the runner can see — timers, intervals and
 * `queueMicrotask` callbacks — by wrapping the scope's timer functions. After every callback and
 * every cancellation it asks `check` (on a fresh macrotask, so promise continuations have run
 * first) whether the program is now idle. This is how the worker knows a program has finished
 * without losing output printed by timers and promise continuations.
 */
export class PendingWork {
  readonly #timers = new Map<number, Timeout>();
  #microtasks = 0;
  #checkQueued = false;
  readonly #check: () => void;
  readonly #schedule: (fn: () => void) => void;

  /** `schedule` must be the scope's original `setTimeout` (not counted). */
  constructor(check: () => void, schedule: (fn: () => void) => void) {
    this.#check = check;
    this.#schedule = schedule;
  }

  /** Number of pending things that keep the program alive. */
  get count(): number {
    let refs = 0;
    for (const t of this.#timers.values()) if (t.hasRef()) refs++;
    return refs + this.#microtasks;
  }

  /** Queues one idle check on a fresh macrotask (coalesced). */
  poke(): void {
    if (this.#checkQueued) return;
    this.#checkQueued = true;
    this.#schedule(() => {
      this.#checkQueued = false;
      this.#check();
    });
  }

  /** Replaces the scope's timer functions with counting wrappers. */
  install(scope: TimerScope): void {
    const orig = {
      setTimeout: scope.setTimeout.bind(scope),
      clearTimeout: scope.clearTimeout.bind(scope),
      setInterval: scope.setInterval.bind(scope),
      clearInterval: scope.clearInterval.bind(scope),
      queueMicrotask: scope.queueMicrotask.bind(scope),
    };
    const idOf = (t: unknown): number => (t instanceof Timeout ? t.id : Number(t));
    const clear = (t: unknown, native: (id: number) => void) => {
      const id = idOf(t);
      native(id);
      if (this.#timers.delete(id)) this.poke();
    };
    scope.setTimeout = (fn, ms, ...args) => {
      const id = orig.setTimeout(() => {
        this.#timers.delete(id);
        try {
          fn(...args);
        } finally {
          this.poke();
        }
      }, ms) as number;
      const timeout = new Timeout(this, id);
      this.#timers.set(id, timeout);
      return timeout;
    };
    scope.setInterval = (fn, ms, ...args) => {
      const id = orig.setInterval(() => {
        try {
          fn(...args);
        } finally {
          this.poke();
        }
      }, ms) as number;
      const timeout = new Timeout(this, id);
      this.#timers.set(id, timeout);
      return timeout;
    };
    scope.clearTimeout = (t) => clear(t, orig.clearTimeout);
    scope.clearInterval = (t) => clear(t, orig.clearInterval);
    scope.queueMicrotask = (fn) => {
      this.#microtasks++;
      orig.queueMicrotask(() => {
        this.#microtasks--;
        try {
          fn();
        } finally {
          this.poke();
        }
      });
    };
  }
}
