import { MAX_OUTPUT_LINES, type OutputLine } from './types.ts';

/** Clock and timer the batcher uses; injected so tests can drive time by hand. */
export interface BatcherClock {
  now(): number;
  schedule(fn: () => void, ms: number): void;
}

/** Tuning knobs; the defaults are what the course uses. */
export interface BatcherOptions {
  /** At most one batch per this many milliseconds (one animation frame). */
  readonly intervalMs?: number;
  /** Lines kept in total; later lines are only counted. */
  readonly maxLines?: number;
}

/**
 * Groups output lines into batches so that a `while (true) console.log()` flood cannot drown the
 * page in messages: the first line goes out at once (fast feedback), later ones at most once per
 * interval, and after `maxLines` lines only a count of dropped lines is kept. A busy loop never
 * yields to a timer, so `push` itself flushes when the interval has passed.
 */
export class OutputBatcher {
  readonly #send: (lines: OutputLine[], dropped: number) => void;
  readonly #clock: BatcherClock;
  readonly #interval: number;
  readonly #max: number;
  #pending: OutputLine[] = [];
  #kept = 0;
  #dropped = 0;
  #droppedSent = 0;
  #lastFlush = -Infinity;
  #scheduled = false;

  /** `send` receives each batch and the total number of lines dropped so far. */
  constructor(
    send: (lines: OutputLine[], dropped: number) => void,
    clock: BatcherClock,
    options: BatcherOptions = {},
  ) {
    this.#send = send;
    this.#clock = clock;
    this.#interval = options.intervalMs ?? 16;
    this.#max = options.maxLines ?? MAX_OUTPUT_LINES;
  }

  /** Adds one line; sends it now, with the next batch, or only counts it once over the cap. */
  push(line: OutputLine): void {
    if (this.#kept < this.#max) {
      this.#kept++;
      this.#pending.push(line);
    } else {
      this.#dropped++;
    }
    const due = this.#lastFlush + this.#interval;
    if (this.#clock.now() >= due) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      this.#clock.schedule(() => {
        this.#scheduled = false;
        this.flush();
      }, due - this.#clock.now());
    }
  }

  /** Sends whatever is pending; call before reporting the exit so nothing is lost. */
  flush(): void {
    if (this.#pending.length === 0 && this.#dropped === this.#droppedSent) return;
    const lines = this.#pending;
    this.#pending = [];
    this.#droppedSent = this.#dropped;
    this.#lastFlush = this.#clock.now();
    this.#send(lines, this.#dropped);
  }

  /** True while lines wait for their batch; the idle check counts them as pending work. */
  get busy(): boolean {
    return this.#pending.length > 0 || this.#dropped !== this.#droppedSent;
  }
}
