/**
 * Speed figure for grading across schedules, one JSON object per line:
 *   check.seeds-20.ms  wall-clock ms for one seeded check run under 20 seeds on Node: Part I's
 *                      bounded-pool check "no one waits while a worker is idle" (12 clients,
 *                      a pool of 3, arrivals and think times from the seed) against the
 *                      reference solution; the median of 5 runs after one warm-up
 * Run: node scripts/bench-checks.ts
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineChecks, runChecks, seedRange, type Checks } from '../src/runtime/harness/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const exercise = join(
  root,
  'src/lessons/01-kernels-view/02-threads-and-their-price/exercises/bounded-pool',
);
const SEEDS = 20;
const RUNS = 5;

const { default: checks } = (await import(pathToFileURL(join(exercise, 'check.ts')).href)) as {
  default: Checks<unknown>;
};
const solution: unknown = await import(pathToFileURL(join(exercise, 'solution.ts')).href);

/** The exercise's seeded checks only, each under seeds 1…20 instead of its own list. */
const twenty = defineChecks<unknown>((m, api) =>
  checks.collect(m, {
    check: () => undefined,
    checkSeeds: (name, _seeds, fn) => api.checkSeeds(name, seedRange(1, SEEDS), fn),
  }),
);

async function once(): Promise<number> {
  const t0 = performance.now();
  const report = await runChecks(twenty, solution, { timeoutMs: 60_000 });
  const ms = performance.now() - t0;
  const seeded = report.results.filter((r) => r.seedsTotal === SEEDS);
  if (seeded.length === 0 || report.failed > 0)
    throw new Error(
      `the bounded-pool solution should pass its seeded check under ${SEEDS} seeds: ${JSON.stringify(report.results)}`,
    );
  return ms;
}

await once(); // warm-up: module compilation and JIT
const times: number[] = [];
for (let i = 0; i < RUNS; i++) times.push(await once());
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)]!;
console.log(
  JSON.stringify({ name: 'check.seeds-20.ms', value: Math.round(median * 10) / 10, unit: 'ms' }),
);
