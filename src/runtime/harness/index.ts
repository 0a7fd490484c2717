/**
 * The course's test harness for exercises. It has no dependencies and touches no platform API
 * beyond timers, so the same checks run identically in the browser worker, in WebContainer and
 * on Node (CI). An exercise's `check.ts` default-exports `defineChecks(...)`; a runner imports the
 * learner's module and calls `runChecks`.
 */

/** One check's outcome, as the exercise panel shows it. */
export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly ms: number;
}

/** All results plus the totals for the summary line. */
export interface CheckReport {
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
}

/** Assertions available inside a check. Each failure stops that check with a clear message. */
export interface Assert {
  equal<T>(actual: T, expected: T, message?: string): void;
  deepEqual(actual: unknown, expected: unknown, message?: string): void;
  ok(condition: unknown, message: string): void;
  atMost(actual: number, limit: number, what: string): void;
  atLeast(actual: number, limit: number, what: string): void;
  throws(fn: () => unknown, matcher: RegExp | string, message?: string): void;
  rejects(promise: Promise<unknown>, matcher: RegExp | string, message?: string): Promise<void>;
}

type CheckFn = (assert: Assert) => void | Promise<void>;

/** What `defineChecks` hands to the exercise author. */
export interface CheckApi {
  check(name: string, fn: CheckFn): void;
}

/** An exercise's checks, waiting for the module under test. */
export interface Checks<M> {
  readonly collect: (mod: M, api: CheckApi) => void;
}

/** Declares the checks of an exercise against the shape of its module `M`. */
export function defineChecks<M>(collect: (mod: M, api: CheckApi) => void): Checks<M> {
  return { collect };
}

/** Thrown by assertions; carries what was expected and what happened. */
export class CheckFailure extends Error {
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  constructor(message: string, expected?: string, actual?: string) {
    super(message);
    this.name = 'CheckFailure';
    this.expected = expected;
    this.actual = actual;
  }
}

/** Renders any value readably for expected/actual columns. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof RegExp) return String(value);
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ??
      String(value)
    );
  } catch {
    return String(value);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function matches(error: unknown, matcher: RegExp | string): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return typeof matcher === 'string' ? text.includes(matcher) : matcher.test(text);
}

const assert: Assert = {
  equal(actual, expected, message) {
    if (!Object.is(actual, expected))
      throw new CheckFailure(message ?? 'values differ', show(expected), show(actual));
  },
  deepEqual(actual, expected, message) {
    if (!deepEqual(actual, expected))
      throw new CheckFailure(message ?? 'values differ', show(expected), show(actual));
  },
  ok(condition, message) {
    if (!condition) throw new CheckFailure(message);
  },
  atMost(actual, limit, what) {
    if (!(actual <= limit))
      throw new CheckFailure(`${what} should be at most ${limit}`, `≤ ${limit}`, show(actual));
  },
  atLeast(actual, limit, what) {
    if (!(actual >= limit))
      throw new CheckFailure(`${what} should be at least ${limit}`, `≥ ${limit}`, show(actual));
  },
  throws(fn, matcher, message) {
    try {
      fn();
    } catch (error) {
      if (matches(error, matcher)) return;
      throw new CheckFailure(message ?? 'threw the wrong error', show(matcher), show(error));
    }
    throw new CheckFailure(message ?? 'expected an error', show(matcher), 'no error');
  },
  async rejects(promise, matcher, message) {
    try {
      await promise;
    } catch (error) {
      if (matches(error, matcher)) return;
      throw new CheckFailure(
        message ?? 'rejected with the wrong error',
        show(matcher),
        show(error),
      );
    }
    throw new CheckFailure(message ?? 'expected a rejection', show(matcher), 'resolved');
  },
};

/** Options for one run of an exercise's checks. */
export interface RunOptions {
  /** Per-check limit in wall-clock ms (a learner's infinite await must not hang the run). */
  readonly timeoutMs?: number;
  /** Called as each result arrives, so a panel can stream them. */
  readonly onResult?: (r: CheckResult) => void;
}

/** Runs every check in order against `mod`; never throws, whatever the learner's code does. */
export async function runChecks<M>(
  checks: Checks<M>,
  mod: M,
  options: RunOptions = {},
): Promise<CheckReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const list: { name: string; fn: CheckFn }[] = [];
  const results: CheckResult[] = [];
  try {
    checks.collect(mod, { check: (name, fn) => list.push({ name, fn }) });
  } catch (error) {
    results.push({ name: 'loading the exercise', passed: false, message: describe(error), ms: 0 });
  }
  for (const { name, fn } of list) {
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      Promise.resolve()
        .then(() => fn(assert))
        .then(
          () => ({ passed: true }) as const,
          (error: unknown) => failure(error),
        ),
      new Promise<ReturnType<typeof failure>>((resolve) => {
        timer = setTimeout(
          () => resolve({ passed: false, message: `did not finish within ${timeoutMs} ms` }),
          timeoutMs,
        );
      }),
    ]);
    clearTimeout(timer);
    const r: CheckResult = { name, ...result, ms: Date.now() - started };
    results.push(r);
    options.onResult?.(r);
  }
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed };
}

function failure(error: unknown): {
  passed: false;
  message: string;
  expected?: string;
  actual?: string;
} {
  if (error instanceof CheckFailure) {
    return {
      passed: false,
      message: error.message,
      ...(error.expected !== undefined ? { expected: error.expected } : {}),
      ...(error.actual !== undefined ? { actual: error.actual } : {}),
    };
  }
  return { passed: false, message: `your code threw ${describe(error)}` };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : show(error);
}

/** The summary line: "N passed, M failed". */
export function summary(report: CheckReport): string {
  return `${report.passed} passed, ${report.failed} failed`;
}
