import { chooseRuntime, loadSandbox } from '../../runtime/select.ts';
import { DEFAULT_TIME_LIMIT_MS, type RunHandle } from '../../runtime/types.ts';
import { EXIT_CODE } from '../../runtime/run-lifecycle.ts';
import type { SnippetRuntime } from '../../course/snippet-source.ts';
import { OutputView, type OutputElements } from './output-view.ts';
import { recordedFallback } from './recorded-fallback.ts';

/** One snippet as the run controller sees it. */
export interface RunTarget {
  readonly figure: HTMLElement;
  /** File name, used as the program's file name so errors read `blocked-timer.ts:3:7`. */
  readonly name: string;
  readonly runtime: SnippetRuntime;
  readonly elements: OutputElements;
  /** The output recorded on Node, shown when the runtime cannot run here. */
  readonly recorded: string | undefined;
  /** Called with true when a run starts and false when it ends. */
  readonly onRunning: (running: boolean) => void;
}

/** The snippet's live run. */
const active = new WeakMap<HTMLElement, RunHandle>();
/** A run of the snippet waiting for its runtime to load; cancelling it means it never starts. */
const starting = new WeakMap<HTMLElement, { cancel(byUser: boolean): void }>();
const views = new WeakMap<HTMLElement, OutputView>();

/**
 * Runs `code` for a snippet, replacing any run of it still going or still loading: there is at
 * most one live run per snippet, and Stop reaches it in every phase. Loaded on the first Run.
 */
export async function runProgram(target: RunTarget, code: string, edited: boolean): Promise<void> {
  const { figure } = target;
  halt(figure, false);
  let view = views.get(figure);
  if (!view) views.set(figure, (view = new OutputView(target.elements)));
  const kind = chooseRuntime(target.runtime);
  // `data-time-limit-ms` on the figure overrides the default (tests on slow machines use it).
  const limit = Number(figure.dataset['timeLimitMs']) || DEFAULT_TIME_LIMIT_MS;
  const clicked = performance.now();
  let cancelled = false;
  const shown = view;
  const me = {
    cancel(byUser: boolean) {
      cancelled = true;
      // Stopped before it started: say so (a newer Run clears the view itself).
      if (byUser) {
        const durationMs = Math.round(performance.now() - clicked);
        shown.handle(
          { type: 'exit', code: EXIT_CODE.stopped, reason: 'stopped', durationMs },
          'Not run',
        );
      }
    },
  };
  starting.set(figure, me);
  view.start(
    kind === 'worker' ? 'Running in your browser (worker)…' : 'Running on Node.js in WebContainer…',
    limit,
  );
  target.onRunning(true);
  try {
    const sandbox = await loadSandbox(kind);
    // A later Run or a Stop came while the runtime loaded: this run never starts.
    if (cancelled) return;
    starting.delete(figure);
    const handle = sandbox.run(
      { files: { [target.name]: code }, entry: target.name, timeLimitMs: limit },
      (event) => {
        if (event.type === 'unavailable')
          shown.showRecorded(recordedFallback(event.reason, target.recorded, edited));
        else shown.handle(event, sandbox.label);
      },
    );
    active.set(figure, handle);
    document.dispatchEvent(
      new CustomEvent('course:snippet-run', { detail: { id: figure.dataset['snippetId'] } }),
    );
    await handle.done;
    if (active.get(figure) === handle) active.delete(figure);
  } catch (error) {
    if (cancelled) return;
    if (starting.get(figure) === me) starting.delete(figure);
    view.handle(
      { type: 'error', kind: 'runtime', message: `Could not start the runtime: ${String(error)}` },
      'Not run',
    );
    view.handle({ type: 'exit', code: 1, reason: 'crashed', durationMs: 0 }, 'Not run');
  } finally {
    // Idle again, unless a newer run of this snippet has taken over meanwhile.
    if (!starting.has(figure) && !active.has(figure)) target.onRunning(false);
  }
}

/** Ends the snippet's run in whatever phase it is: loading its runtime, or running. */
function halt(figure: HTMLElement, byUser: boolean): void {
  const pending = starting.get(figure);
  starting.delete(figure);
  pending?.cancel(byUser);
  const handle = active.get(figure);
  active.delete(figure);
  handle?.stop();
}

/** Stops the snippet's current run, if any (also one still waiting for its runtime). */
export function stopProgram(figure: HTMLElement): void {
  halt(figure, true);
}

/** "Reset runtime": stops the snippet's run and tears down the shared WebContainer. */
export async function resetRuntime(figure: HTMLElement): Promise<void> {
  stopProgram(figure);
  const sandbox = await loadSandbox('webcontainer');
  await sandbox.reset?.();
  const status = figure.querySelector<HTMLElement>('.run-status');
  if (status) status.textContent = 'In-browser Node.js was reset; the next run starts it again.';
}

/** Loads the worker runtime ahead of a likely Run (pointer over or focus on the button). */
export function prepare(runtime: SnippetRuntime): void {
  // Never WebContainer: it boots only on an actual Node run.
  if (chooseRuntime(runtime) === 'worker') {
    loadSandbox('worker').then(
      (s) => s.prepare?.(),
      () => undefined,
    );
  }
}
