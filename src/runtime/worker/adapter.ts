import { keyedLine, type KeyedRunRequest } from '../report-channel.ts';
import { EXIT_CODE, RunLifecycle } from '../run-lifecycle.ts';
import { TranspileError, transpileProgram, type TranspiledFile } from '../transpile.ts';
import {
  DEFAULT_TIME_LIMIT_MS,
  type RunEvent,
  type RunHandle,
  type RunRequest,
  type Sandbox,
} from '../types.ts';
import { parseWorkerMessage, type StartMessage } from './protocol.ts';
import { prepareWorker, takeWorker, workerErrorText } from './spawn.ts';

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
    const limitMs = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const reportKey = (request as KeyedRunRequest).reportKey;
    let worker: Worker | undefined = undefined; // created after transpiling succeeds
    let channel: MessagePort | undefined = undefined;
    let loaded = false; // the worker's script ran: it said `started`
    let dropped = 0;
    const life = new RunLifecycle({
      onEvent,
      release: () => {
        if (channel) channel.onmessage = null;
        channel?.close();
        worker?.terminate();
      },
    });

    const start = (modules: TranspiledFile[]) => {
      if (life.over) return; // stopped while the green transform was loading
      const message: StartMessage = {
        type: 'start',
        modules,
        entry: request.entry,
        ...(reportKey !== undefined ? { reportKey } : {}),
        // A snapshot of the kit traces shortly before the limit, in case the program never ends.
        traceAtMs: Math.max(0, limitMs - TRACE_BEFORE_LIMIT_MS),
      };
      const w = (worker = takeWorker());
      // Prepare the next run's worker once this run is under way.
      setTimeout(prepareWorker, 0);
      const { port1, port2 } = new MessageChannel();
      channel = port1;
      // The global channel is the learner's as much as the runtime's: nothing on it is believed.
      w.onmessage = null;
      port1.onmessage = (e: MessageEvent<unknown>) => {
        if (life.over) return;
        const m = parseWorkerMessage(e.data);
        if (!m) return;
        switch (m.type) {
          case 'started':
            loaded = true;
            break;
          case 'done':
            life.end(m.code, m.code === 0 ? 'finished' : 'error');
            break;
          case 'check':
            // Only in a Check run, and only with this run's key (src/runtime/report-channel.ts).
            if (reportKey !== undefined && m.key === reportKey) {
              const text = keyedLine(reportKey, m.text);
              life.emit({ type: 'output', lines: [{ stream: 'stdout', text }], dropped });
            }
            break;
          case 'output':
            dropped = m.dropped;
            life.emit(m);
            break;
          case 'error':
            life.emit(m);
            break;
          case 'trace':
            life.emit({
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
        life.fail(
          loaded
            ? `The worker failed: ${detail || 'unknown error (out of memory?)'}`
            : `The program could not start: the browser could not load the runner script (${detail || 'a network error, or blocked by the browser'}). Reload the page to try again.`,
        );
      };
      w.postMessage(message, [port2]);
      life.startTimeLimit(limitMs);
    };
    const refuse = (error: unknown) => {
      if (error instanceof TranspileError) {
        life.emit({
          type: 'error',
          kind: 'syntax',
          message: `SyntaxError: ${error.message}`,
          position: error.position,
        });
        life.end(EXIT_CODE.failed, 'error');
      } else {
        // Anything unexpected (a worker that cannot even be constructed, a transpiler bug, the
        // green transform failing to download) ends this run with its reason, and no timer or
        // worker of it is left behind.
        life.fail(`The program could not start: ${String(error)}`);
      }
    };

    try {
      const modules = transpileProgram(request.files);
      // Ordinary programs start at once; a greenlet program waits for its transform.
      if (Array.isArray(modules)) start(modules);
      else modules.then(start).catch(refuse);
    } catch (error) {
      refuse(error);
    }
    return life.handle();
  }
}
