import { keyedLine, type KeyedRunRequest } from '../report-channel.ts';
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
import { parseWorkerMessage, type StartMessage } from './protocol.ts';
import { prepareWorker, takeWorker, workerErrorText } from './spawn.ts';

/** Exit statuses for runs the page ended, following shell conventions. */
const STOPPED = 130;
const TIMED_OUT = 124;
/** How long before the time limit a still-running program's traces are sent. */
const TRACE_BEFORE_LIMIT_MS = 400;

/**
 * The default sandbox: transpiles in the page (sucrase, ~2 ms per file), then runs the program
 * in a fresh module worker, so nothing leaks between runs and Stop is `worker.terminate()` —
 * which also ends a busy loop at once, where anything cooperative could not.
 *
 * The page believes only the runtime: it hands the worker a private `MessagePort` with `start`
 * and listens on that alone, never on the worker's global channel, which learner code can post
 * to (`self.postMessage({ type: 'done', code: 0 })` must not end a run). Every message is
 * checked against the protocol (`parseWorkerMessage`) before it becomes a {@link RunEvent}.
 */
export class WorkerSandbox implements Sandbox {
  readonly kind = 'worker' as const;
  readonly label = 'Ran in your browser (worker)';
  /** Loads a worker ahead of a likely run (the learner is about to press Run). */
  prepare(): void {
    prepareWorker();
  }

  /** Starts one run; see {@link Sandbox.run}. Never throws: every failure ends the run. */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
    const started = performance.now();
    const limitMs = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const reportKey = (request as KeyedRunRequest).reportKey;
    let worker: Worker | undefined = undefined; // created after transpiling succeeds
    let channel: MessagePort | undefined = undefined;
    let limit: ReturnType<typeof setTimeout> | undefined = undefined;
    let loaded = false; // the worker's script ran: it said `started`
    let dropped = 0;
    let resolveDone!: (e: ExitEvent) => void;
    const done = new Promise<ExitEvent>((r) => (resolveDone = r));
    let over = false;
    const end = (code: number, reason: ExitReason) => {
      if (over) return;
      over = true;
      clearTimeout(limit);
      if (channel) channel.onmessage = null;
      channel?.close();
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
    const fail = (message: string) => {
      if (over) return;
      onEvent({ type: 'error', kind: 'runtime', message });
      end(1, 'crashed');
    };
    const handle: RunHandle = { stop: () => end(STOPPED, 'stopped'), done };

    try {
      let message: StartMessage;
      try {
        const modules = Object.entries(request.files).map(([file, source]) =>
          transpile(file, source),
        );
        message = {
          type: 'start',
          modules,
          entry: request.entry,
          ...(reportKey !== undefined ? { reportKey } : {}),
          // A snapshot of the kit traces shortly before the limit, in case the program never ends.
          traceAtMs: Math.max(0, limitMs - TRACE_BEFORE_LIMIT_MS),
        };
      } catch (error) {
        if (!(error instanceof TranspileError)) throw error;
        onEvent({
          type: 'error',
          kind: 'syntax',
          message: `SyntaxError: ${error.message}`,
          position: error.position,
        });
        end(1, 'error');
        return handle;
      }
      const w = (worker = takeWorker());
      // Prepare the next run's worker once this run is under way.
      setTimeout(prepareWorker, 0);
      const { port1, port2 } = new MessageChannel();
      channel = port1;
      // The global channel is the learner's as much as the runtime's: nothing on it is believed.
      w.onmessage = null;
      port1.onmessage = (e: MessageEvent<unknown>) => {
        if (over) return;
        const m = parseWorkerMessage(e.data);
        if (!m) return;
        switch (m.type) {
          case 'started':
            loaded = true;
            break;
          case 'done':
            end(m.code, m.code === 0 ? 'finished' : 'error');
            break;
          case 'check':
            // Only in a Check run, and only with this run's key (src/runtime/report-channel.ts).
            if (reportKey !== undefined && m.key === reportKey) {
              const text = keyedLine(reportKey, m.text);
              onEvent({ type: 'output', lines: [{ stream: 'stdout', text }], dropped });
            }
            break;
          case 'output':
            dropped = m.dropped;
            onEvent(m);
            break;
          case 'error':
            onEvent(m);
            break;
          case 'trace':
            onEvent({
              type: 'trace',
              kernels: m.kernels,
              kernelsNotSent: m.kernelsNotSent,
              complete: m.complete,
            });
            break;
        }
      };
      w.onerror = (e) => {
        e.preventDefault();
        const detail = workerErrorText(e);
        fail(
          loaded
            ? `The worker failed: ${detail || 'unknown error (out of memory?)'}`
            : `The program could not start: the browser could not load the runner script (${detail || 'a network error, or blocked by the browser'}). Reload the page to try again.`,
        );
      };
      w.postMessage(message, [port2]);
      limit = setTimeout(() => {
        if (over) return;
        onEvent({
          type: 'error',
          kind: 'runtime',
          message: `Stopped: the program was still running after the ${limitMs / 1000} s time limit.`,
        });
        end(TIMED_OUT, 'timeout');
      }, limitMs);
    } catch (error) {
      // Anything unexpected (a worker that cannot even be constructed, a transpiler bug) ends
      // this run with its reason, and no timer or worker of it is left behind.
      fail(`The program could not start: ${String(error)}`);
    }
    return handle;
  }
}
