import type { ExitEvent, ExitReason, RunEvent, RunHandle } from './types.ts';

/** Exit statuses of runs that did not end by themselves, following shell conventions. */
export const EXIT_CODE = {
  /** The program failed, could not start, or the sandbox was unavailable. */
  failed: 1,
  /** The time limit ended it (`timeout(1)`'s status). */
  timedOut: 124,
  /** The reader pressed Stop (128 + SIGINT). */
  stopped: 130,
} as const;

/** What the reader sees when the time limit ends a run. */
export function timeLimitMessage(limitMs: number): string {
  return `Stopped: the program was still running after the ${limitMs / 1000} s time limit.`;
}

/** What a sandbox does at the edges of a run; every hook is called at most once. */
export interface RunLifecycleHooks {
  /** Receives the run's events, the `exit` last; nothing arrives after it. */
  readonly onEvent: (event: RunEvent) => void;
  /** The run's start, for `durationMs` (default: `performance.now`). */
  readonly now?: () => number;
  /** First thing at the end, while events still pass: send output that is still waiting. */
  readonly flush?: () => void;
  /** When the page ends the run (Stop, the time limit): kill the program. */
  readonly interrupt?: () => void;
  /** Once the run is over, before the `exit` event: free what the run held. */
  readonly release?: () => void;
}

/**
 * One run's life, shared by the sandboxes (`worker/adapter.ts`, `webcontainer/adapter.ts`): the
 * `done` promise, the single `exit` event with its duration, Stop, the time limit and its
 * message, and the rule that nothing is reported once the run is over.
 */
export class RunLifecycle {
  readonly done: Promise<ExitEvent>;
  readonly #hooks: RunLifecycleHooks;
  readonly #now: () => number;
  readonly #started: number;
  #resolve!: (exit: ExitEvent) => void;
  #over = false;
  #limit: ReturnType<typeof setTimeout> | undefined;

  constructor(hooks: RunLifecycleHooks) {
    this.#hooks = hooks;
    this.#now = hooks.now ?? (() => performance.now());
    this.#started = this.#now();
    this.done = new Promise<ExitEvent>((resolve) => (this.#resolve = resolve));
  }

  /** True once the run has ended: its `exit` has been sent. */
  get over(): boolean {
    return this.#over;
  }

  /** Reports an event of the run, unless the run is over. */
  emit(event: RunEvent): void {
    if (!this.#over) this.#hooks.onEvent(event);
  }

  /** Ends the run (once): pending output, then the `exit` event; `done` resolves with it. */
  end(code: number, reason: ExitReason): void {
    if (this.#over) return;
    this.#hooks.flush?.();
    this.#over = true;
    clearTimeout(this.#limit);
    this.#hooks.release?.();
    const exit: ExitEvent = {
      type: 'exit',
      code,
      reason,
      durationMs: Math.round(this.#now() - this.#started),
    };
    this.#hooks.onEvent(exit);
    this.#resolve(exit);
  }

  /** Ends the run with a runtime error the reader should see (the sandbox itself failed). */
  fail(message: string): void {
    if (this.#over) return;
    this.emit({ type: 'error', kind: 'runtime', message });
    this.end(EXIT_CODE.failed, 'crashed');
  }

  /** The page ends the run: the reader pressed Stop. */
  stop(): void {
    this.#interrupt(EXIT_CODE.stopped, 'stopped');
  }

  /** Starts the time limit (once the program is running); at it, says so and ends the run. */
  startTimeLimit(limitMs: number): void {
    if (this.#over || this.#limit !== undefined) return;
    this.#limit = setTimeout(() => {
      if (this.#over) return;
      this.#hooks.flush?.(); // what the program printed comes before the reason it was stopped
      this.emit({ type: 'error', kind: 'runtime', message: timeLimitMessage(limitMs) });
      this.#interrupt(EXIT_CODE.timedOut, 'timeout');
    }, limitMs);
  }

  /** The handle a sandbox's `run` returns. */
  handle(): RunHandle {
    return { stop: () => this.stop(), done: this.done };
  }

  #interrupt(code: number, reason: ExitReason): void {
    if (this.#over) return;
    this.#hooks.interrupt?.();
    this.end(code, reason);
  }
}
