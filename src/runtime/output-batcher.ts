import { OutputBudget, countNewlines, type OutputLimits } from './output-limits.ts';
import type { OutputLine } from './types.ts';

/** Clock and timer the batcher uses; injected so tests can drive time by hand. */
export interface BatcherClock {
  now(): number;
  schedule(fn: () => void, ms: number): void;
}

/** Tuning knobs; the defaults are what the course uses. */
export interface BatcherOptions {
  /** At most one batch per this many milliseconds (one animation frame). */
  readonly intervalMs?: number;
  /** Lines kept in total; later lines are only counted (shorthand for `limits.lines`). */
  readonly maxLines?: number;
  /** The output caps (src/runtime/output-limits.ts); the course's by default. */
  readonly limits?: Partial<OutputLimits>;
}

/**
 * Groups output lines into batches so that a `while (true) console.log()` flood cannot drown the
 * page in messages: the first line goes out at once (fast feedback), later ones at most once per
 * interval. Every line passes through the run's {@link OutputBudget} first, so what is sent is
 * capped per line, in lines and in bytes; the rest is only counted. A busy loop never yields to a
 * timer, so `push` itself flushes when the interval has passed. Both sandboxes use it: the worker
 * before posting to the page, WebContainer as its terminal output arrives.
 */
export class OutputBatcher {
  readonly #send: (lines: OutputLine[], dropped: number) => void;
  readonly #clock: BatcherClock;
  readonly #interval: number;
  readonly #budget: OutputBudget;
  #pending: OutputLine[] = [];
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
    this.#budget = new OutputBudget({
      ...options.limits,
      ...(options.maxLines !== undefined ? { lines: options.maxLines } : {}),
    });
  }

  /**
   * Adds one line; sends it now, with the next batch, or only counts it once over the caps.
   * `alreadyCut` counts characters the producer already left out of this line's end.
   */
  push(line: OutputLine, alreadyCut = 0): void {
    const kept = this.#budget.take(line, alreadyCut);
    if (kept) this.#pending.push(kept);
    this.#due();
  }

  /**
   * Adds a whole write (`console.log`'s text, possibly many lines). Split with `indexOf`, each
   * line cut before it is copied, and once the budget is spent the rest is only counted, so even
   * `console.log('x'.repeat(5e7))` costs one scan and sends ten thousand characters.
   */
  write(stream: OutputLine['stream'], text: string): void {
    const max = this.#budget.limits.lineChars;
    let at = 0;
    for (;;) {
      if (this.#budget.full) {
        this.#budget.drop(countNewlines(text, at) + 1);
        break;
      }
      const nl = text.indexOf('\n', at);
      const end = nl < 0 ? text.length : nl;
      // One character more than kept, so clipLine can cut where no surrogate pair is split.
      const cut = Math.max(0, end - at - (max + 1));
      const line = { stream, text: text.slice(at, end - cut) };
      const kept = this.#budget.take(line, cut);
      if (kept) this.#pending.push(kept);
      if (nl < 0) break;
      at = nl + 1;
    }
    this.#due();
  }

  #due(): void {
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
    const dropped = this.#budget.dropped;
    if (this.#pending.length === 0 && dropped === this.#droppedSent) return;
    const lines = this.#pending;
    this.#pending = [];
    this.#droppedSent = dropped;
    this.#lastFlush = this.#clock.now();
    this.#send(lines, dropped);
  }

  /** True while lines wait for their batch; the idle check counts them as pending work. */
  get busy(): boolean {
    return this.#pending.length > 0 || this.#budget.dropped !== this.#droppedSent;
  }

  /** True once the run's output budget is spent: later output is only counted. */
  get full(): boolean {
    return this.#budget.full;
  }

  /** Counts `n` lines dropped unseen (for producers that skip text once {@link full}). */
  drop(n: number): void {
    this.#budget.drop(n);
    this.#due();
  }
}
