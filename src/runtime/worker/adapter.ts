import { TranspileError, transpile } from '../transpile.ts';
import {
  DEFAULT_TIME_LIMIT_MS,
  type ExitEvent,
  type ExitReason,
  type RunEvent,
  type RunHandle,
  type RunRequest,
  type Sandbox,
} from '../types.ts';
import type { StartMessage, WorkerMessage } from './protocol.ts';
import { prepareWorker, takeWorker } from './spawn.ts';

/** Exit statuses for runs the page ended, following shell conventions. */
const STOPPED = 130;
const TIMED_OUT = 124;

/**
 * The default sandbox: transpiles in the page (sucrase, ~2 ms per file), then runs the program
 * in a fresh module worker, so nothing leaks between runs and Stop is `worker.terminate()` —
 * which also ends a busy loop at once, where anything cooperative could not.
 */
export class WorkerSandbox implements Sandbox {
  readonly kind = 'worker' as const;
  readonly label = 'Ran in your browser (worker)';
  /** Loads a worker ahead of a likely run (the learner is about to press Run). */
  prepare(): void {
    prepareWorker();
  }

  /** Starts one run; see {@link Sandbox.run}. */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
    const started = performance.now();
    const limitMs = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    let worker: Worker | undefined = undefined; // created after transpiling succeeds
    let resolveDone!: (e: ExitEvent) => void;
    const done = new Promise<ExitEvent>((r) => (resolveDone = r));
    let over = false;
    const end = (code: number, reason: ExitReason) => {
      if (over) return;
      over = true;
      clearTimeout(limit);
      worker?.terminate();
      const exit: ExitEvent = {
        type: 'exit',
        code,
        reason,
        durationMs: Math.round(performance.now() - started),
      };
      onEvent(exit);
      resolveDone(exit);
    };
    const limit = setTimeout(() => {
      onEvent({
        type: 'error',
        kind: 'runtime',
        message: `Stopped: the program was still running after the ${limitMs / 1000} s time limit.`,
      });
      end(TIMED_OUT, 'timeout');
    }, limitMs);

    let message: StartMessage;
    try {
      const modules = Object.entries(request.files).map(([file, source]) =>
        transpile(file, source),
      );
      message = { type: 'start', modules, entry: request.entry };
    } catch (error) {
      if (!(error instanceof TranspileError)) throw error;
      onEvent({
        type: 'error',
        kind: 'syntax',
        message: `SyntaxError: ${error.message}`,
        position: error.position,
      });
      end(1, 'error');
      return { stop: () => {}, done };
    }
    worker = takeWorker();
    // Prepare the next run's worker once this run is under way.
    setTimeout(prepareWorker, 0);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (over) return;
      if (m.type === 'done') end(m.code, m.code === 0 ? 'finished' : 'error');
      else onEvent(m);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      onEvent({
        type: 'error',
        kind: 'runtime',
        message: `The worker failed: ${e.message || 'unknown error (out of memory?)'}`,
      });
      end(1, 'crashed');
    };
    worker.postMessage(message);
    return { stop: () => end(STOPPED, 'stopped'), done };
  }
}
