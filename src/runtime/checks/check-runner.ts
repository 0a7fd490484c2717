import type { CheckFilter, CheckResult } from '../harness/index.ts';
import { newReportKey, type KeyedRunRequest } from '../report-channel.ts';
import type { ExitEvent, OutputLine, RunEvent, RunRequest, Sandbox } from '../types.ts';
import { CheckCollector, type CheckMessage } from './check-stream.ts';

/** The kit traces a run reported (worker runs only; src/runtime/worker/worker-main.ts). */
export type TraceRunEvent = Extract<RunEvent, { type: 'trace' }>;

/** A seed's result and the trace of its kernels, from a run restricted to that seed. */
export interface SeedRun {
  readonly name: string;
  readonly seed: number;
  /** That check's result under that seed; undefined if the run ended before it came. */
  readonly result: CheckResult | undefined;
  /** The kernels that run created, which are that seed's alone; undefined if none came. */
  readonly trace: TraceRunEvent | undefined;
}

/** Callbacks a Check run streams to, in the order things happen. */
export interface CheckHandlers {
  readonly onMessage: (m: CheckMessage) => void;
  /** A line the learner's program printed itself. */
  readonly onOutput: (line: OutputLine) => void;
  readonly onError: (e: Extract<RunEvent, { type: 'error' }>) => void;
  readonly onProgress: (text: string) => void;
}

/** How a Check run ended. */
export interface CheckOutcome {
  readonly collector: CheckCollector;
  readonly exit: ExitEvent;
  /**
   * True only when the runner's closing message arrived with every result AND the program then
   * ended cleanly (exit status 0): a program that throws or hangs after its report does not pass.
   */
  readonly complete: boolean;
  /** Set when the sandbox cannot run here at all. */
  readonly unavailable: string | undefined;
  /** The run's kit traces: the final ones, or the snapshot near the time limit if no more came. */
  readonly trace: TraceRunEvent | undefined;
  /**
   * Set for a run restricted to one check under one seed (`only` with a `seed`): the result
   * and the trace belong together, since nothing else ran.
   */
  readonly seedRun: SeedRun | undefined;
}

/** Whether `r` is the result of check `name` that ran under `seed`. */
function ranUnder(r: CheckResult, name: string, seed: number): boolean {
  return r.name === name && (r.seed === seed || (r.seedsPassed ?? []).includes(seed));
}

/**
 * Runs a check request in a sandbox, sorting its output into results and program output. Each
 * run gets a fresh secret key (src/runtime/report-channel.ts): only messages carrying it are
 * results, so nothing the learner's program prints or posts can add or change one.
 */
export function runCheck(
  sandbox: Sandbox,
  request: RunRequest,
  h: CheckHandlers,
  /** The filter the request was built with (`CheckInput.only`), to pair a seed with its trace. */
  only?: CheckFilter,
): { stop(): void; done: Promise<CheckOutcome> } {
  const reportKey = newReportKey();
  const collector = new CheckCollector(reportKey);
  let unavailable: string | undefined;
  let trace: TraceRunEvent | undefined;
  const keyed: KeyedRunRequest = { ...request, reportKey };
  const handle = sandbox.run(keyed, (event) => {
    switch (event.type) {
      case 'output':
        for (const line of event.lines) {
          const m = collector.push(line);
          if (m) h.onMessage(m);
          else h.onOutput(line);
        }
        break;
      case 'error':
        h.onError(event);
        break;
      case 'progress':
        h.onProgress(event.text);
        break;
      case 'trace':
        // The snapshot near the time limit is replaced by the final traces, never the reverse.
        if (event.complete || !trace?.complete) trace = event;
        break;
      case 'unavailable':
        unavailable = event.reason;
        break;
      case 'exit':
        break;
    }
  });
  const done = handle.done.then((exit) => {
    const seed = only?.seed;
    const seedRun =
      only && seed !== undefined
        ? {
            name: only.name,
            seed,
            result: collector.results.find((r) => ranUnder(r, only.name, seed)),
            trace,
          }
        : undefined;
    return {
      collector,
      exit,
      complete: collector.report !== undefined && exit.reason === 'finished' && exit.code === 0,
      unavailable,
      trace,
      seedRun,
    };
  });
  return { stop: () => handle.stop(), done };
}

/** Why a run gave no full report, in one sentence; undefined when it did. */
export function incompleteNote(
  outcome: Pick<CheckOutcome, 'complete' | 'collector' | 'exit'>,
  syntaxError: boolean,
): string | undefined {
  if (outcome.complete) return undefined;
  if (outcome.collector.report) {
    return outcome.exit.reason === 'timeout'
      ? 'Every check ran, but the program was still running at the time limit (a timer or loop left going), so this run does not count.'
      : 'Every check ran, but the program did not end cleanly afterwards (see the output below), so this run does not count.';
  }
  if (syntaxError)
    return 'Your code has a syntax error, so no check could run (see the output below).';
  if (outcome.exit.reason === 'stopped') return 'You stopped the checks before they finished.';
  if (outcome.exit.reason === 'timeout') {
    const n = outcome.collector.results.length;
    return n === 0
      ? 'No check finished before the time limit: your code, or the first check, never returned (an endless loop, or a wait for something that never comes?).'
      : `The run hit its time limit after ${n} check${n === 1 ? '' : 's'} finished: the next one never returned (an endless loop, or a wait for something that never comes?).`;
  }
  return 'The run ended before every check finished (see the output below).';
}
