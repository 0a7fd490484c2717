import { describe, expect, it } from 'vitest';
import { defineChecks, runChecks, show, summary } from './index.ts';

interface Mod {
  add(a: number, b: number): number;
}
const checks = defineChecks<Mod>((m, { check }) => {
  check('adds small numbers', (t) => t.equal(m.add(2, 3), 5));
  check('adds negatives', (t) => t.equal(m.add(-2, -3), -5, 'sum of negatives'));
  check('never hangs', async () => {
    await new Promise(() => undefined);
  });
});

describe('runChecks', () => {
  it('passes a correct module', async () => {
    const quick = defineChecks<Mod>((m, { check }) =>
      check('adds', (t) => t.equal(m.add(1, 1), 2)),
    );
    const r = await runChecks(quick, { add: (a, b) => a + b });
    expect(summary(r)).toBe('1 passed, 0 failed');
  });

  it('reports expected vs actual, errors thrown by the learner, and time-outs', async () => {
    const seen: string[] = [];
    const r = await runChecks(
      checks,
      { add: (a) => a },
      { timeoutMs: 50, onResult: (x) => seen.push(x.name) },
    );
    expect(r.failed).toBe(3);
    expect(r.results[0]).toMatchObject({
      passed: false,
      expected: '5',
      actual: '2',
      message: 'values differ',
    });
    expect(r.results[1]).toMatchObject({
      message: 'sum of negatives',
      expected: '-5',
      actual: '-2',
    });
    expect(r.results[2]!.message).toBe('did not finish within 50 ms');
    expect(seen).toEqual(['adds small numbers', 'adds negatives', 'never hangs']);
  });

  it('survives a learner throwing a non-Error value', async () => {
    const c = defineChecks<{ f(): void }>((m, { check }) => check('calls f', () => m.f()));
    const r = await runChecks(c, {
      f: () => {
        throw 42;
      },
    });
    expect(r.results[0]!.message).toBe('your code threw 42');
  });

  it('reports a broken check file instead of throwing', async () => {
    const c = defineChecks<Mod>(() => {
      throw new Error('boom');
    });
    const r = await runChecks(c, { add: () => 0 });
    expect(r.results[0]).toMatchObject({
      name: 'loading the exercise',
      passed: false,
      message: 'Error: boom',
    });
  });

  it('checks throws/rejects/atMost', async () => {
    const c = defineChecks<object>((_m, { check }) => {
      check('throws', (t) => t.throws(() => JSON.parse('{'), /SyntaxError/));
      check('rejects', (t) => t.rejects(Promise.reject(new Error('EAGAIN: x')), 'EAGAIN'));
      check('atMost fails', (t) => t.atMost(12, 10, 'threads'));
    });
    const r = await runChecks(c, {});
    expect(r.results.map((x) => x.passed)).toEqual([true, true, false]);
    expect(r.results[2]).toMatchObject({
      message: 'threads should be at most 10',
      expected: '≤ 10',
      actual: '12',
    });
  });

  it('shows values readably', () => {
    expect(show('a')).toBe('"a"');
    expect(show([1, 2n])).toBe('[1,"2n"]');
    expect(show(undefined)).toBe('undefined');
    expect(show(/EAGAIN/)).toBe('/EAGAIN/');
  });
});
