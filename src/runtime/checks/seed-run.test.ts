// A run restricted to one check under one seed ("Run this seed") pairs that seed's result with
// the kit traces of the run; a full Check keeps the traces but pairs nothing (issue 15, item 4).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_MARKER, buildCheckRequest } from './check-request.ts';
import { runCheck, type TraceRunEvent } from './check-runner.ts';
import { CheckCollector } from './check-stream.ts';
import type { ExitEvent, RunEvent, Sandbox } from '../types.ts';

const noop = { onMessage() {}, onOutput() {}, onError() {}, onProgress() {} };
const finished: ExitEvent = { type: 'exit', code: 0, reason: 'finished', durationMs: 1 };

/** A sandbox that reports `results` through the run's key, then the given trace events. */
function sandbox(results: unknown[], traces: TraceRunEvent[]): Sandbox {
  return {
    kind: 'worker',
    label: 'fake',
    run: (req, onEvent) => {
      const key = (req as { reportKey?: string }).reportKey ?? '';
      const say = (m: unknown): RunEvent => ({
        type: 'output',
        dropped: 0,
        lines: [{ stream: 'stdout', text: CHECK_MARKER + key + JSON.stringify(m) }],
      });
      for (const result of results) onEvent(say({ type: 'result', result }));
      onEvent(say({ type: 'report', count: results.length }));
      for (const t of traces) onEvent(t);
      onEvent(finished);
      return { stop() {}, done: Promise.resolve(finished) };
    },
  };
}

const trace = (events: number, complete: boolean): TraceRunEvent => ({
  type: 'trace',
  kernels: [
    {
      index: 1,
      events: Array.from({ length: events }, (_, i) => ({ t: i, actor: 'main', event: 'recv' })),
      dropped: 0,
      now: events,
      actors: [],
    },
  ],
  kernelsNotSent: 0,
  complete,
});
const failing = {
  name: 'pool',
  passed: false,
  message: 'latencies differ',
  ms: 3,
  seed: 5,
  seedsPassed: [],
  seedsTried: 1,
  seedsTotal: 1,
};

describe('runCheck and the kit traces', () => {
  it('pairs the one seed it was asked for with the run’s final trace', async () => {
    const snapshot = trace(2, false);
    const last = trace(4, true);
    const outcome = await runCheck(
      sandbox([failing], [snapshot, last]),
      { files: {}, entry: 'main.ts' },
      noop,
      {
        name: 'pool',
        seed: 5,
      },
    ).done;
    expect(outcome.trace).toBe(last);
    expect(outcome.seedRun).toEqual({ name: 'pool', seed: 5, result: failing, trace: last });
  });

  it('keeps the final trace over a later snapshot, and the snapshot when nothing else came', async () => {
    const last = trace(4, true);
    const a = await runCheck(
      sandbox([failing], [last, trace(1, false)]),
      { files: {}, entry: 'main.ts' },
      noop,
    ).done;
    expect(a.trace).toBe(last);
    const only = trace(3, false);
    const b = await runCheck(sandbox([failing], [only]), { files: {}, entry: 'main.ts' }, noop, {
      name: 'pool',
      seed: 5,
    }).done;
    expect(b.seedRun?.trace).toBe(only);
  });

  it('pairs nothing on a full Check, and no result of another seed or check', async () => {
    const full = await runCheck(
      sandbox([failing], [trace(4, true)]),
      { files: {}, entry: 'main.ts' },
      noop,
    ).done;
    expect(full.seedRun).toBeUndefined();
    const other = await runCheck(
      sandbox([failing], [trace(4, true)]),
      { files: {}, entry: 'main.ts' },
      noop,
      {
        name: 'pool',
        seed: 6,
      },
    ).done;
    expect(other.seedRun?.result).toBeUndefined();
    const passedUnder = { ...failing, passed: true, seed: undefined, seedsPassed: [6] };
    const passed = await runCheck(
      sandbox([passedUnder], []),
      { files: {}, entry: 'main.ts' },
      noop,
      {
        name: 'pool',
        seed: 6,
      },
    ).done;
    expect(passed.seedRun?.result).toMatchObject({ passed: true, seedsPassed: [6] });
    expect(passed.seedRun?.trace).toBeUndefined();
  });

  it('carries the seed fields to the page and drops malformed ones', () => {
    const c = new CheckCollector();
    const line = (r: unknown) => ({
      stream: 'stdout' as const,
      text: CHECK_MARKER + JSON.stringify({ type: 'result', result: r }),
    });
    expect(c.push(line({ ...failing, extra: 'x' }))).toEqual({ type: 'result', result: failing });
    expect(c.push(line({ ...failing, seed: -1 }))).toBeUndefined();
    expect(c.push(line({ ...failing, seedsPassed: ['1'] }))).toBeUndefined();
  });
});

const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('buildCheckRequest with `only`', () => {
  it('on Node: runs just that check under just that seed', async () => {
    const harness = readFileSync(join(root, 'src/runtime/harness/index.ts'), 'utf8');
    const check = `import { defineChecks } from '#harness';
export default defineChecks<{ f(seed: number): boolean }>((m, { check, checkSeeds }) => {
  check('plain', (t) => t.ok(false, 'must not run'));
  checkSeeds('seeded', [1, 2, 3, 4], (t, seed) => t.ok(m.f(seed), \`ran \${seed}\`));
});
`;
    const r = buildCheckRequest({
      check,
      code: 'export const f = (seed: number) => seed !== 3;',
      harness,
      only: { name: 'seeded', seed: 3 },
    });
    const dir = mkdtempSync(join(tmpdir(), 'seed-run-'));
    dirs.push(dir);
    for (const [name, source] of Object.entries(r.files)) writeFileSync(join(dir, name), source);
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, r.entry)], {
      timeout: 30_000,
    });
    const c = new CheckCollector();
    for (const text of stdout.split('\n')) c.push({ stream: 'stdout', text });
    expect(c.report?.results).toEqual([
      expect.objectContaining({
        name: 'seeded',
        passed: false,
        seed: 3,
        message: 'ran 3',
        seedsTotal: 1,
      }),
    ]);
  }, 40_000);
});
