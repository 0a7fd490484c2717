import type { CheckResult } from '../harness/index.ts';

/**
 * Seeds in words, runs of consecutive seeds joined with an en dash: `[1, 2, 3, 4, 7, 9, 10]` is
 * "1–4, 7, 9, 10" (a run of two stays a pair of numbers).
 */
export function seedList(seeds: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < seeds.length) {
    let j = i;
    while (j + 1 < seeds.length && seeds[j + 1] === seeds[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${seeds[i]}–${seeds[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(seeds[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * What a seeded check's result says about its seeds, in one sentence without a final stop:
 * "Failed under seed 5 (passed seeds 1–4)", "Failed under seed 1 (the first it tried)",
 * "Passed under 8 seeds (1–8)". Undefined for a check that is not seeded.
 */
export function seedVerdict(r: CheckResult): string | undefined {
  const passed = r.seedsPassed ?? [];
  if (!r.passed && r.seed !== undefined) {
    const before =
      passed.length === 0
        ? 'the first it tried'
        : `passed seed${passed.length > 1 ? 's' : ''} ${seedList(passed)}`;
    const untried =
      r.seedsTotal !== undefined && r.seedsTried !== undefined && r.seedsTotal > r.seedsTried
        ? `; ${r.seedsTotal - r.seedsTried} more not tried`
        : '';
    return `Failed under seed ${r.seed} (${before}${untried})`;
  }
  if (r.passed && r.seedsPassed !== undefined && passed.length > 0)
    return passed.length === 1
      ? `Passed under seed ${passed[0]}`
      : `Passed under ${passed.length} seeds (${seedList(passed)})`;
  return undefined;
}
