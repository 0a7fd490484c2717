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
  /** False when the run ended before the runner printed its report (crash, time limit, stop). */
  readonly complete: boolean;
  /** Set when the sandbox cannot run here at all. */
  readonly unavailable: string | undefined;
}

/** Runs a check request in a sandbox, sorting its output into results and program output. */
export function runCheck(
  sandbox: Sandbox,
  request: RunRequest,
  h: CheckHandlers,
): { stop(): void; done: Promise<CheckOutcome> } {
  const collector = new CheckCollector();
  let unavailable: string | undefined;
  const handle = sandbox.run(request, (event) => {
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
    complete: collector.report !== undefined,
    unavailable,
  }));
  return { stop: () => handle.stop(), done };
}

/** Why a run gave no full report, in one sentence; undefined when it did. */
export function incompleteNote(outcome: CheckOutcome, syntaxError: boolean): string | undefined {
  if (outcome.complete) return undefined;
  if (syntaxError)
    return 'Your code has a syntax error, so no check could run (see the output below).';
  if (outcome.exit.reason === 'timeout')
    return 'The run hit its time limit before every check finished.';
  return 'The run ended before every check finished (see the output below).';
}
