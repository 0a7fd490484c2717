import type { RunRequest } from './types.ts';

/**
 * The channel a Check run's results travel on, from the check runner inside the sandbox to the
 * page. Learner code runs in the same sandbox and can print anything, post anything, and patch
 * built-ins, so the page believes a result only if it carries the run's secret key, which only
 * the runtime holds:
 *
 * 1. The page draws a fresh random key for each Check run (`newReportKey`) and passes it with
 *    the request ({@link KeyedRunRequest}); it is never written into any module's source.
 * 2. The worker receives it in its `start` message, keeps it in a closure, and before any module
 *    of the run is evaluated puts one function on `globalThis[Symbol.for(CHECK_CHANNEL)]` that
 *    posts a message on the runtime's private port (src/runtime/worker/worker-main.ts).
 * 3. The generated entry (src/runtime/checks/check-request.ts) takes that function and deletes it
 *    as its very first statement, before it imports the checks, the harness or the learner's
 *    module, and keeps it in a module-local constant nothing exports.
 * 4. The page accepts `check` messages only from the private port and only with the key, turns
 *    each into one {@link keyedLine}, and the collector accepts only lines that start with the
 *    marker followed by the key (src/runtime/checks/check-stream.ts). What the program prints
 *    itself, marker or not, stays program output.
 */
export const CHECK_MARKER = '\u241E\u241Fcheck ';

/** The `Symbol.for` name under which the worker offers the report function, once. */
export const CHECK_CHANNEL = 'async-io-course.check-channel';

/** A run request that carries a Check run's key (a sandbox that knows no key ignores it). */
export interface KeyedRunRequest extends RunRequest {
  readonly reportKey?: string;
}

/** 128 random bits as hex: unguessable within a run's ten seconds. */
export function newReportKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The output line that carries one verified check message (`json`) to the collector. */
export function keyedLine(key: string, json: string): string {
  return CHECK_MARKER + key + json;
}
