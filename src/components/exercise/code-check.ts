import type { CheckResult } from '../../runtime/harness/index.ts';
import type { TraceRunEvent } from '../../runtime/checks/check-runner.ts';
import type { RunEvent } from '../../runtime/types.ts';
import type { ResultsView } from './results-view.ts';

/** What one Check of a code exercise ended with. */
export interface CodeCheck {
  /** The sentence for the live region. */
  readonly announcement: string;
  /** Every check ran and passed. */
  readonly passed: boolean;
}

// The learner's code runs as solution.ts (the name check.ts imports types from): say "your code".
const rename = (text: string) => text.replaceAll('solution.ts', 'your code');

/** The pieces of the check pipeline, loaded on the first Check (or Run this seed). */
function pipeline() {
  return Promise.all([
    import('../../runtime/checks/check-request.ts'),
    import('../../runtime/checks/check-runner.ts'),
    import('../../runtime/select.ts'),
    import('../../runtime/harness/index.ts?raw').then((m) => m.default),
  ]);
}

/** What one "Run this seed" gave: that check's result under that seed and the run's trace. */
export interface SeedCheck {
  readonly result: CheckResult | undefined;
  readonly trace: TraceRunEvent | undefined;
  /** Why the result is missing or does not count, in one sentence; '' when it counts. */
  readonly note: string;
}

/**
 * Runs one check of the exercise under one seed against `code` ("Run this seed"). Nothing else
 * runs, so the kit traces the run reports are that seed's: the timeline of the failure.
 */
export async function checkSeed(
  check: string,
  code: string,
  name: string,
  seed: number,
  timeLimitMs?: number,
): Promise<SeedCheck> {
  try {
    const [{ buildCheckRequest }, { runCheck, incompleteNote }, { loadSandbox }, harness] =
      await pipeline();
    const sandbox = await loadSandbox('worker');
    const only = { name, seed };
    let syntaxError = false;
    const errors: string[] = [];
    const outcome = await runCheck(
      sandbox,
      buildCheckRequest({ check, code, harness, only, ...(timeLimitMs ? { timeLimitMs } : {}) }),
      {
        onMessage: (m) => {
          if (m.type === 'load-error') errors.push(`Your code failed while loading: ${m.message}`);
        },
        onOutput: () => undefined,
        onError: (e) => {
          syntaxError ||= e.kind === 'syntax';
          errors.push(rename(e.message).split('\n')[0]!);
        },
        onProgress: () => undefined,
      },
      only,
    ).done;
    const result = outcome.seedRun?.result;
    const note = result
      ? outcome.complete
        ? ''
        : (incompleteNote(outcome, syntaxError) ?? '')
      : [incompleteNote(outcome, syntaxError), errors[0]].filter(Boolean).join(' ');
    return { result, trace: outcome.seedRun?.trace, note };
  } catch (error) {
    return {
      result: undefined,
      trace: undefined,
      note: `The seed could not run: ${String(error)}`,
    };
  }
}

/**
 * Runs the exercise's checks against `code` in the worker sandbox, streaming results into
 * `view`. The runtime, the request builder and the harness source load on the first Check.
 * `control.stop` is set, once the run has started, to a function that stops it; a run asked to
 * stop before that (`control.stopped`) is stopped as soon as it starts.
 */
export async function checkCode(
  view: ResultsView,
  check: string,
  code: string,
  timeLimitMs?: number,
  control?: { stop?: () => void; stopped?: boolean },
): Promise<CodeCheck> {
  view.start('Running in your browser (worker)…');
  let syntaxError = false;
  try {
    const [{ buildCheckRequest }, { runCheck, incompleteNote }, { loadSandbox }, harness] =
      await pipeline();
    const sandbox = await loadSandbox('worker');
    const run = runCheck(
      sandbox,
      buildCheckRequest({ check, code, harness, ...(timeLimitMs ? { timeLimitMs } : {}) }),
      {
        onMessage: (m) => {
          if (m.type === 'result') view.add(m.result);
          else if (m.type === 'load-error')
            view.line(`Your code failed while loading: ${m.message}`, 'error');
        },
        onOutput: (line) => view.line(line.text, line.stream),
        onError: (e: Extract<RunEvent, { type: 'error' }>) => {
          syntaxError ||= e.kind === 'syntax';
          const at = e.position ? ` (${rename(e.position.file)}, line ${e.position.line})` : '';
          view.line(rename(e.message) + at, 'error');
        },
        onProgress: () => undefined,
      },
    );
    if (control) {
      control.stop = () => run.stop();
      if (control.stopped) run.stop(); // Stop was pressed while the runtime was still loading
    }
    const outcome = await run.done;
    view.runtime(sandbox.label);
    if (outcome.trace) view.offerTimeline(outcome.trace);
    const totals = outcome.collector.report ?? outcome.collector.totals();
    return {
      announcement: view.finish(totals, incompleteNote(outcome, syntaxError)),
      passed: outcome.complete && totals.failed === 0 && totals.passed > 0,
    };
  } catch (error) {
    view.line(`Could not start the checks: ${String(error)}`, 'error');
    return {
      announcement: view.finish({ passed: 0, failed: 0 }, 'The checks could not run.'),
      passed: false,
    };
  }
}
