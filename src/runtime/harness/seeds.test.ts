// checkSeeds: one check under several seeds, stopping at the first that fails (issue 15, item 4).
import { describe, expect, it } from 'vitest';
import { defineChecks, runChecks, seedRange } from './index.ts';

interface Mod {
  /** Fails for the seeds it is told to fail on. */
  ok(seed: number): boolean;
}

function seeded(ran: number[], seeds = seedRange(1, 8)) {
  return defineChecks<Mod>((m, { check, checkSeeds }) => {
    check('plain', (t) => t.ok(m.ok(0), 'plain check'));
    checkSeeds('schedules', seeds, (t, seed) => {
      ran.push(seed);
      t.ok(m.ok(seed), `the answer under seed ${seed}`);
    });
  });
}

describe('checkSeeds', () => {
  it('runs every seed in order and reports them all when each passes', async () => {
    const ran: number[] = [];
    const r = await runChecks(seeded(ran), { ok: () => true });
    expect(ran).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.results[1]).toMatchObject({
      name: 'schedules',
      passed: true,
      seedsPassed: [1, 2, 3, 4, 5, 6, 7, 8],
      seedsTried: 8,
      seedsTotal: 8,
    });
    expect(r.results[1]).not.toHaveProperty('seed');
    expect(r.results[0]).not.toHaveProperty('seedsTotal'); // a plain check stays plain
  });

  it('reports the first failing seed and runs no later one', async () => {
    const ran: number[] = [];
    const r = await runChecks(seeded(ran), { ok: (s) => s !== 5 && s !== 7 });
    expect(ran).toEqual([1, 2, 3, 4, 5]);
    expect(r.results[1]).toMatchObject({
      passed: false,
      seed: 5,
      seedsPassed: [1, 2, 3, 4],
      seedsTried: 5,
      seedsTotal: 8,
      message: 'the answer under seed 5',
    });
  });

  it('keeps the order it is given, not numeric order', async () => {
    const ran: number[] = [];
    const r = await runChecks(seeded(ran, [9, 3, 42]), { ok: (s) => s !== 42 });
    expect(ran).toEqual([9, 3, 42]);
    expect(r.results[1]).toMatchObject({ seed: 42, seedsPassed: [9, 3] });
  });

  it('runs only the named check under the one seed asked for ("Run this seed")', async () => {
    const ran: number[] = [];
    const r = await runChecks(
      seeded(ran),
      { ok: (s) => s !== 6 },
      { only: { name: 'schedules', seed: 6 } },
    );
    expect(ran).toEqual([6]);
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({
      name: 'schedules',
      passed: false,
      seed: 6,
      seedsPassed: [],
      seedsTried: 1,
      seedsTotal: 1,
    });
  });

  it('runs a named check with all its seeds when no seed is given, and says so for an unknown name', async () => {
    const ran: number[] = [];
    const r = await runChecks(seeded(ran), { ok: () => true }, { only: { name: 'schedules' } });
    expect(ran).toHaveLength(8);
    expect(r.results.map((x) => x.name)).toEqual(['schedules']);
    const none = await runChecks(
      seeded([]),
      { ok: () => true },
      { only: { name: 'gone', seed: 1 } },
    );
    expect(none.results).toEqual([
      expect.objectContaining({
        name: 'gone',
        passed: false,
        message: expect.stringMatching(/no check/),
      }),
    ]);
  });

  it('names the seed that was running when the time limit passed, and stops there', async () => {
    const ran: number[] = [];
    const c = defineChecks<object>((_m, { checkSeeds }) =>
      checkSeeds('hangs on 3', [1, 2, 3, 4], async (_t, seed) => {
        ran.push(seed);
        if (seed === 3) await new Promise(() => undefined);
      }),
    );
    const r = await runChecks(c, {}, { timeoutMs: 50 });
    expect(r.results[0]).toMatchObject({
      passed: false,
      message: 'did not finish within 50 ms',
      seed: 3,
      seedsPassed: [1, 2],
      seedsTried: 3,
    });
    await new Promise((ok) => setTimeout(ok, 20));
    expect(ran).toEqual([1, 2, 3]);
  });

  it('reports an error thrown under a seed, and refuses seeds that are not seeds', async () => {
    const c = defineChecks<object>((_m, { checkSeeds }) =>
      checkSeeds('throws', [1, 2], (_t, seed) => {
        if (seed === 2) throw new RangeError('bad');
      }),
    );
    expect((await runChecks(c, {})).results[0]).toMatchObject({
      seed: 2,
      message: 'your code threw RangeError: bad',
    });
    const bad = defineChecks<object>((_m, { checkSeeds }) => checkSeeds('x', [1.5], () => {}));
    expect((await runChecks(bad, {})).results[0]).toMatchObject({
      name: 'loading the exercise',
      passed: false,
    });
  });

  it('makes a range of seeds', () => {
    expect(seedRange(1, 4)).toEqual([1, 2, 3, 4]);
    expect(seedRange(3, 2)).toEqual([]);
  });
});
