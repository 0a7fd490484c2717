import { chooseRuntime, loadSandbox } from '../../runtime/select.ts';
import { DEFAULT_TIME_LIMIT_MS, type RunHandle } from '../../runtime/types.ts';
import type { SnippetRuntime } from '../../course/snippet-source.ts';
import { OutputView, type OutputElements } from './output-view.ts';

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

const active = new WeakMap<HTMLElement, RunHandle>();
const views = new WeakMap<HTMLElement, OutputView>();

/** Runs `code` for a snippet, replacing any run of it still going. Loaded on the first Run. */
export async function runProgram(target: RunTarget, code: string, edited: boolean): Promise<void> {
  stopProgram(target.figure);
  let view = views.get(target.figure);
  if (!view) views.set(target.figure, (view = new OutputView(target.elements)));
  const kind = chooseRuntime(target.runtime);
  // `data-time-limit-ms` on the figure overrides the default (tests on slow machines use it).
  const limit = Number(target.figure.dataset['timeLimitMs']) || DEFAULT_TIME_LIMIT_MS;
  view.start(
    kind === 'worker' ? 'Running in your browser (worker)…' : 'Running on Node.js in WebContainer…',
    limit,
  );
  target.onRunning(true);
  try {
    const sandbox = await loadSandbox(kind);
    const shown = view;
    const handle = sandbox.run(
      { files: { [target.name]: code }, entry: target.name, timeLimitMs: limit },
      (event) => {
        if (event.type === 'unavailable') {
          const note = edited
            ? 'This is the output of the original program: your edits were not run.'
            : 'Not run: this is the output recorded in CI.';
          shown.showRecorded(
            `Recorded on Node.js 24 — ${event.reason}`,
            target.recorded ?? '(no recording)',
            note,
          );
        } else shown.handle(event, sandbox.label);
      },
    );
    active.set(target.figure, handle);
    document.dispatchEvent(
      new CustomEvent('course:snippet-run', { detail: { id: target.figure.dataset['snippetId'] } }),
    );
    await handle.done;
    if (active.get(target.figure) === handle) active.delete(target.figure);
  } catch (error) {
    view.handle(
      { type: 'error', kind: 'runtime', message: `Could not start the runtime: ${String(error)}` },
      'Not run',
    );
    view.handle({ type: 'exit', code: 1, reason: 'crashed', durationMs: 0 }, 'Not run');
  } finally {
    if (!active.has(target.figure)) target.onRunning(false);
  }
}

/** Stops the snippet's current run, if any. */
export function stopProgram(figure: HTMLElement): void {
  const handle = active.get(figure);
  active.delete(figure);
  handle?.stop();
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
