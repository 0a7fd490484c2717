import type { RunRequest } from '../types.ts';

/**
 * Starts every line the check runner prints for the panel. Control characters nobody types keep
 * the learner's own `console.log` output from being mistaken for a result.
 */
export const CHECK_MARKER = '\u241E\u241Fcheck ';

/** What a Check run needs: the exercise's `check.ts`, the learner's code and the harness. */
export interface CheckInput {
  /** The exercise's `check.ts`, as written (it imports `#harness` and the module's types). */
  readonly check: string;
  /** The learner's code from the editor. */
  readonly code: string;
  /** The source of `src/runtime/harness/index.ts`. */
  readonly harness: string;
  /** Per-check limit inside the harness. */
  readonly checkTimeoutMs?: number;
  /** Limit for the whole run, enforced by the sandbox. */
  readonly timeLimitMs?: number;
}

const HARNESS = /(\bfrom\s*)(['"])#harness\2/g;

/**
 * The file the learner's code runs as. Every exercise's `check.ts` imports the module's types
 * from `./solution.ts`; that import is type-only and erased, so the checks receive the module from
 * the runner and the name only shows in messages and stack traces (the panel says "your code").
 */
export const LEARNER_FILE = 'solution.ts';

/** The generated entry: loads the checks and the learner's module, prints one line per result. */
function mainSource(learner: string, checkTimeoutMs: number): string {
  return `import checks from './check.ts';
import { runChecks } from './harness.ts';
// Kept before the learner's module loads, in case it replaces console.log.
const print = console.log.bind(console);
const say = (message: unknown) => print(${JSON.stringify(CHECK_MARKER)} + JSON.stringify(message));
let mod: any = {};
try {
  mod = await import('./${learner}');
} catch (error) {
  say({ type: 'load-error', message: error instanceof Error ? error.name + ': ' + error.message : String(error) });
}
const report = await runChecks(checks, mod, {
  timeoutMs: ${checkTimeoutMs},
  onResult: (result: unknown) => say({ type: 'result', result }),
});
say({ type: 'report', report });
`;
}

/**
 * The sandbox request for one Check: `check.ts` with `#harness` pointed at a bundled copy of the
 * harness (the worker need not know `#harness`), the learner's code as
 * {@link LEARNER_FILE}, and a generated `main.ts` that runs the checks and reports through
 * {@link CHECK_MARKER} lines, one per result as it finishes.
 */
export function buildCheckRequest(input: CheckInput): RunRequest {
  return {
    entry: 'main.ts',
    files: {
      'main.ts': mainSource(LEARNER_FILE, input.checkTimeoutMs ?? 5000),
      'check.ts': input.check.replace(HARNESS, '$1$2./harness.ts$2'),
      'harness.ts': input.harness,
      [LEARNER_FILE]: input.code,
    },
    ...(input.timeLimitMs !== undefined ? { timeLimitMs: input.timeLimitMs } : {}),
  };
}
