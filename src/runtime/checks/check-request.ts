import { CHECK_CHANNEL, CHECK_MARKER } from '../report-channel.ts';
import type { CheckFilter } from '../harness/index.ts';
import type { RunRequest } from '../types.ts';

/**
 * Starts every line the check runner prints when it has no private channel (on Node, in CI and
 * tests). In the browser the results travel on the runtime's channel instead, keyed with a
 * per-run secret (src/runtime/report-channel.ts), so a line the learner prints is never a result.
 */
export { CHECK_MARKER };

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
  /** Run only this check, under this one seed ("Run this seed"): its trace is that seed's. */
  readonly only?: CheckFilter;
}

const HARNESS = /(\bfrom\s*)(['"])#harness\2/g;

/**
 * The file the learner's code runs as. Every exercise's `check.ts` imports the module's types
 * from `./solution.ts`; that import is type-only and erased, so the checks receive the module from
 * the runner and the name only shows in messages and stack traces (the panel says "your code").
 */
export const LEARNER_FILE = 'solution.ts';

/** The longest expected/actual/message text a result carries to the page. */
const MAX_FIELD_CHARS = 10_000;

/**
 * The generated entry: takes the runtime's report channel before any other module of the run is
 * evaluated, then loads the checks, the harness and the learner's module, and sends one message
 * per result and a closing count. The page counts the results itself and requires a clean exit
 * afterwards (src/runtime/checks/check-runner.ts).
 */
function mainSource(learner: string, checkTimeoutMs: number, only?: CheckFilter): string {
  // Only the two fields, as JSON: a check's name is text, never code.
  const filter =
    only === undefined
      ? ''
      : `\n  only: ${JSON.stringify({ name: String(only.name), ...(only.seed !== undefined ? { seed: Number(only.seed) } : {}) })},`;
  return `// The report channel first: nothing of this run has been evaluated yet, so nothing else
// can take it. Kept in a module-local constant; this module exports nothing.
const channelKey = Symbol.for(${JSON.stringify(CHECK_CHANNEL)});
const channel: unknown = (globalThis as any)[channelKey];
delete (globalThis as any)[channelKey];
// Kept before the learner's module loads, in case it replaces console.log (Node: no channel).
const print = console.log.bind(console);
const say: (message: unknown) => void =
  typeof channel === 'function'
    ? (message) => channel(message)
    : (message) => print(${JSON.stringify(CHECK_MARKER)} + JSON.stringify(message));
const clip = (r: any) => {
  const out = { ...r };
  for (const k of ['message', 'expected', 'actual']) {
    const v = out[k];
    if (typeof v === 'string' && v.length > ${MAX_FIELD_CHARS})
      out[k] = v.slice(0, ${MAX_FIELD_CHARS}) + '… ' + (v.length - ${MAX_FIELD_CHARS}).toLocaleString('en') + ' more characters';
  }
  return out;
};
const { default: checks } = await import('./check.ts');
const { runChecks } = await import('./harness.ts');
let mod: any = {};
try {
  mod = await import('./${learner}');
} catch (error) {
  say({ type: 'load-error', message: error instanceof Error ? error.name + ': ' + error.message : String(error) });
}
const sent = new Set<unknown>();
const report = await runChecks(checks, mod, {
  timeoutMs: ${checkTimeoutMs},${filter}
  onResult: (result: unknown) => {
    sent.add(result);
    say({ type: 'result', result: clip(result) });
  },
});
// Results never streamed (a check file that failed to load), then how many there were in all.
for (const result of report.results) if (!sent.has(result)) say({ type: 'result', result: clip(result) });
say({ type: 'report', count: report.results.length });
`;
}

/**
 * The sandbox request for one Check: `check.ts` with `#harness` pointed at a bundled copy of the
 * harness (the worker need not know `#harness`), the learner's code as
 * {@link LEARNER_FILE}, and a generated `main.ts` that runs the checks and reports each result
 * as it finishes, through the runtime's keyed channel (or {@link CHECK_MARKER} lines on Node).
 */
export function buildCheckRequest(input: CheckInput): RunRequest {
  return {
    entry: 'main.ts',
    files: {
      'main.ts': mainSource(LEARNER_FILE, input.checkTimeoutMs ?? 5000, input.only),
      'check.ts': input.check.replace(HARNESS, '$1$2./harness.ts$2'),
      'harness.ts': input.harness,
      [LEARNER_FILE]: input.code,
    },
    ...(input.timeLimitMs !== undefined ? { timeLimitMs: input.timeLimitMs } : {}),
  };
}
