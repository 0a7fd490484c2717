import { newReportKey, type KeyedRunRequest } from '../report-channel.ts';
import type { ExitEvent, OutputLine, RunEvent, RunRequest, Sandbox } from '../types.ts';
import { CheckCollector, type CheckMessage } from './check-stream.ts';

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
): { stop(): void; done: Promise<CheckOutcome> } {
  const reportKey = newReportKey();
  const collector = new CheckCollector(reportKey);
  let unavailable: string | undefined;
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
      case 'unavailable':
        unavailable = event.reason;
        break;
      case 'exit':
        break;
    }
  });
  const done = handle.done.then((exit) => ({
    collector,
    exit,
    complete: collector.report !== undefined && exit.reason === 'finished' && exit.code === 0,
    unavailable,
  }));
  return { stop: () => handle.stop(), done };
}

/** Why a run gave no full report, in one sentence; undefined when it did. */
export function incompleteNote(outcome: CheckOutcome, syntaxError: boolean): string | undefined {
  if (outcome.complete) return undefined;
  if (outcome.collector.report) {
    return outcome.exit.reason === 'timeout'
      ? 'Every check ran, but the program was still running at the time limit (a timer or loop left going), so this run does not count.'
      : 'Every check ran, but the program did not end cleanly afterwards (see the output below), so this run does not count.';
  }
  if (syntaxError)
    return 'Your code has a syntax error, so no check could run (see the output below).';
  if (outcome.exit.reason === 'timeout')
    return 'The run hit its time limit before every check finished.';
  return 'The run ended before every check finished (see the output below).';
}
