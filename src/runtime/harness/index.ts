/**
 * The course's test harness for exercises. It has no dependencies and touches no platform API
 * beyond timers, so the same checks run identically in the browser worker, in WebContainer and
 * on Node (CI). An exercise's `check.ts` default-exports `defineChecks(...)`; a runner imports the
 * learner's module and calls `runChecks`.
 *
 * Grading across schedules: `checkSeeds(name, seeds, (t, seed) => ...)` runs one check once per
 * seed, in the order given, and stops at the first seed that fails. The result says which seed
 * failed and which passed before it (`seed`, `seedsPassed`, `seedsTried`, `seedsTotal`), so the
 * panel can say "Failed under seed 5 (passed seeds 1–4)". The body builds its world from the
 * seed (`new Kernel({ seed })`, `new Random(seed)` for arrivals), so the same seed replays the
 * same schedule: `runChecks(..., { only: { name, seed } })` runs that one check under that one
 * seed ("Run this seed"), and the kernels it creates are that seed's alone.
 *
 * ```ts
 * export default defineChecks<typeof Solution>((m, { check, checkSeeds }) => {
 *   check('serves one client', (t) => { ... });
 *   checkSeeds('never more than 3 threads, whatever the arrivals', seedRange(1, 8), (t, seed) => {
 *     const k = new Kernel({ seed });
 *     ...
 *   });
 * });
 * ```
 */

/** One check's outcome, as the exercise panel shows it. */
export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly message?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly ms: number;
  /** A seeded check (`checkSeeds`) that failed: the seed it failed under. */
  readonly seed?: number;
  /** A seeded check: the seeds that passed, in the order they ran (all of them if it passed). */
  readonly seedsPassed?: readonly number[];
  /** A seeded check: how many seeds ran (the passed ones plus the failing one). */
  readonly seedsTried?: number;
  /** A seeded check: how many seeds this run would have tried (1 when restricted to one). */
  readonly seedsTotal?: number;
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
type SeededCheckFn = (assert: Assert, seed: number) => void | Promise<void>;

/** What `defineChecks` hands to the exercise author. */
export interface CheckApi {
  check(name: string, fn: CheckFn): void;
  /**
   * One check run once per seed, in order, stopping at the first seed that fails; each seed
   * has the time limit a plain check has (`RunOptions.timeoutMs`). Each run must build its world from `seed` alone (a new
   * `Kernel({ seed })`, arrivals from `new Random(seed)`), so a seed replays its schedule.
   */
  checkSeeds(name: string, seeds: readonly number[], fn: SeededCheckFn): void;
}

/** The seeds `first`, `first + 1`, …, `last`: `seedRange(1, 8)`. */
export function seedRange(first: number, last: number): number[] {
  const out: number[] = [];
  for (let s = first; s <= last; s++) out.push(s);
  return out;
}

/** Restricts a run to the check called `name` and, for a seeded check, to one `seed`. */
export interface CheckFilter {
  readonly name: string;
  readonly seed?: number;
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
      JSON.stringify(value, (_k, v: unknown) =>
        typeof v === 'bigint'
          ? `${v}n`
          : v instanceof Map
            ? { Map: [...v] }
            : v instanceof Set
              ? { Set: [...v] }
              : v,
      ) ?? String(value)
    );
  } catch {
    return String(value);
  }
}

/**
 * Deep equality with `assert.deepStrictEqual`'s rules: primitives by `Object.is` (so `NaN`
 * equals `NaN` and `-0` differs from `0`), objects only if they share a prototype, then by their
 * own enumerable keys (string and symbol); array holes differ from `undefined`; Dates by time,
 * RegExps by source, flags and lastIndex, Errors by name, message, cause and errors, boxed
 * primitives by value, ArrayBuffers, DataViews and typed arrays element by element, Maps and
 * Sets by content (object keys and members matched deeply, each used once); WeakMaps, WeakSets
 * and Promises only if identical. Cycles are followed once. Tested against `node:assert` in
 * `deep-equal.test.ts`.
 *
 * Adapted from dequal 2.0.3 (https://github.com/lukeed/dequal, MIT License, © Luke Edwards):
 * its structure (one switch on the kind of object, a `find` for object keys of Maps and Sets)
 * with Node's strict rules where dequal is looser (`===`, same constructor, inherited keys).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, []);
}

type Pair = readonly [object, object];

function equal(a: unknown, b: unknown, stack: Pair[]): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  // A pair already being compared further up: assume equal, as Node does for cycles.
  if (stack.some(([x, y]) => x === a && y === b)) return true;
  stack.push([a, b]);
  try {
    return sameContent(a, b, stack) && sameKeys(a, b, stack);
  } finally {
    stack.pop();
  }
}

/** What an object holds beyond its own enumerable keys (same prototype already checked). */
function sameContent(a: object, b: object, stack: Pair[]): boolean {
  if (Array.isArray(a)) return a.length === (b as unknown[]).length;
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime());
  if (a instanceof RegExp) {
    const r = b as RegExp;
    return a.source === r.source && a.flags === r.flags && a.lastIndex === r.lastIndex;
  }
  if (a instanceof Error) {
    const e = b as Error;
    return (
      a.name === e.name &&
      a.message === e.message &&
      'cause' in a === 'cause' in e &&
      equal(a.cause, e.cause, stack) &&
      equal((a as { errors?: unknown }).errors, (e as { errors?: unknown }).errors, stack)
    );
  }
  if (a instanceof Number || a instanceof String || a instanceof Boolean)
    return Object.is(a.valueOf(), (b as typeof a).valueOf());
  if (a instanceof WeakMap || a instanceof WeakSet || a instanceof Promise) return false;
  if (a instanceof Map) return sameMap(a, b as Map<unknown, unknown>, stack);
  if (a instanceof Set) return sameSet(a, b as Set<unknown>, stack);
  if (a instanceof ArrayBuffer)
    return sameBytes(new Uint8Array(a), new Uint8Array(b as ArrayBuffer));
  if (a instanceof DataView) {
    const v = b as DataView;
    return sameBytes(
      new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
      new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
    );
  }
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

const isObject = (v: unknown): v is object =>
  (typeof v === 'object' && v !== null) || typeof v === 'function';

/** Primitive members by `has`; each object member matched to a distinct deep-equal one. */
function sameSet(a: Set<unknown>, b: Set<unknown>, stack: Pair[]): boolean {
  if (a.size !== b.size) return false;
  const used = new Set<unknown>();
  for (const x of a) {
    if (!isObject(x)) {
      if (!b.has(x)) return false;
    } else if (find(b, used, (y) => equal(x, y, stack)) === NONE) return false;
  }
  return true;
}

/** Primitive keys by `get`; each object key matched to a distinct deep-equal key and value. */
function sameMap(a: Map<unknown, unknown>, b: Map<unknown, unknown>, stack: Pair[]): boolean {
  if (a.size !== b.size) return false;
  const used = new Set<unknown>();
  for (const [k, v] of a) {
    if (!isObject(k)) {
      if (!b.has(k) || !equal(v, b.get(k), stack)) return false;
      continue;
    }
    if (find(b.keys(), used, (k2) => equal(k, k2, stack) && equal(v, b.get(k2), stack)) === NONE)
      return false;
  }
  return true;
}

const NONE = Symbol('none');

/** The first unused object in `keys` that `fits`, now marked used; NONE if there is none. */
function find(keys: Iterable<unknown>, used: Set<unknown>, fits: (k: unknown) => boolean): unknown {
  for (const k of keys) {
    if (!isObject(k) || used.has(k) || !fits(k)) continue;
    used.add(k);
    return k;
  }
  return NONE;
}

/** Own enumerable keys, strings then symbols: the same set, with deep-equal values. */
function sameKeys(a: object, b: object, stack: Pair[]): boolean {
  if (ArrayBuffer.isView(a)) return true; // elements compared in sameContent
  const ka = ownKeys(a);
  const kb = ownKeys(b);
  if (ka.length !== kb.length) return false;
  const x = a as Record<PropertyKey, unknown>;
  const y = b as Record<PropertyKey, unknown>;
  return ka.every(
    (k) => Object.prototype.propertyIsEnumerable.call(b, k) && equal(x[k], y[k], stack),
  );
}

function ownKeys(o: object): PropertyKey[] {
  const symbols = Object.getOwnPropertySymbols(o).filter((s) =>
    Object.prototype.propertyIsEnumerable.call(o, s),
  );
  return [...Object.keys(o), ...symbols];
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
  /**
   * Per-check limit in wall-clock ms, per seed for a seeded check (a learner's infinite await
   * must not hang the run).
   */
  readonly timeoutMs?: number;
  /** Called as each result arrives, so a panel can stream them. */
  readonly onResult?: (r: CheckResult) => void;
  /** Run only this check (and this seed of it): "Run this seed". */
  readonly only?: CheckFilter;
}

interface Entry {
  readonly name: string;
  /** Absent for a plain check. */
  readonly seeds?: readonly number[];
  readonly fn: SeededCheckFn;
}

type Outcome =
  | { readonly passed: true }
  | {
      readonly passed: false;
      readonly message: string;
      readonly expected?: string;
      readonly actual?: string;
    };

/** Whether `seed` is a usable seed: the kit's generator takes 32-bit unsigned integers. */
const isSeed = (seed: unknown): seed is number =>
  typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffffffff;

/** Runs every check in order against `mod`; never throws, whatever the learner's code does. */
export async function runChecks<M>(
  checks: Checks<M>,
  mod: M,
  options: RunOptions = {},
): Promise<CheckReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const list: Entry[] = [];
  const results: CheckResult[] = [];
  try {
    checks.collect(mod, {
      check: (name, fn) => list.push({ name, fn: (t) => fn(t) }),
      checkSeeds: (name, seeds, fn) => {
        const bad = seeds.find((s) => !isSeed(s));
        if (seeds.length === 0 || bad !== undefined)
          throw new Error(`checkSeeds("${name}"): seeds must be integers 0…2³²−1, at least one`);
        list.push({ name, seeds: [...seeds], fn });
      },
    });
  } catch (error) {
    results.push({ name: 'loading the exercise', passed: false, message: describe(error), ms: 0 });
  }
  const only = options.only;
  const chosen = only ? list.filter((e) => e.name === only.name) : list;
  if (only && results.length === 0 && chosen.length === 0)
    results.push({
      name: only.name,
      passed: false,
      message: 'this exercise has no check of that name (it may have changed since)',
      ms: 0,
    });
  for (const entry of chosen) {
    const seeds =
      entry.seeds && only?.seed !== undefined && isSeed(only.seed) ? [only.seed] : entry.seeds;
    const r = await runOne(entry, seeds, timeoutMs);
    results.push(r);
    options.onResult?.(r);
  }
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed };
}

/** One run of a check's body, as an outcome; a failure never throws. */
function attempt(fn: SeededCheckFn, seed: number): Promise<Outcome> {
  return Promise.resolve()
    .then(() => fn(assert, seed))
    .then(
      () => ({ passed: true }) as const,
      (error: unknown) => failure(error),
    );
}

/** `run`'s outcome, or a failure if `timeoutMs` passes first. */
async function limited(run: Promise<Outcome>, timeoutMs: number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race([
    run,
    new Promise<Outcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ passed: false, message: `did not finish within ${timeoutMs} ms` }),
        timeoutMs,
      );
    }),
  ]);
  clearTimeout(timer);
  return outcome;
}

/**
 * Runs one check within `timeoutMs`; a seeded one runs under each of `seeds` in turn, each seed
 * within `timeoutMs`, and stops at the first that fails (a time-out is a failure).
 */
async function runOne(
  entry: Entry,
  seeds: readonly number[] | undefined,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = Date.now();
  if (!seeds) {
    const outcome = await limited(attempt(entry.fn, 0), timeoutMs);
    return { name: entry.name, ...outcome, ms: Date.now() - started };
  }
  const seedsPassed: number[] = [];
  for (const seed of seeds) {
    const outcome = await limited(attempt(entry.fn, seed), timeoutMs);
    if (!outcome.passed)
      return {
        name: entry.name,
        ...outcome,
        ms: Date.now() - started,
        seed,
        seedsPassed,
        seedsTried: seedsPassed.length + 1,
        seedsTotal: seeds.length,
      };
    seedsPassed.push(seed);
  }
  return {
    name: entry.name,
    passed: true,
    ms: Date.now() - started,
    seedsPassed,
    seedsTried: seeds.length,
    seedsTotal: seeds.length,
  };
}

function failure(error: unknown): Outcome & { passed: false } {
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
