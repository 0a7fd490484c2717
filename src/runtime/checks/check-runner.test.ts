import { describe, expect, it } from 'vitest';
import { incompleteNote, runCheck } from './check-runner.ts';
import { CHECK_MARKER } from './check-request.ts';
import { CheckCollector } from './check-stream.ts';
import type { ExitEvent, RunEvent, Sandbox } from '../types.ts';

/** A sandbox that replays fixed events, its runtime's marker lines keyed as the worker does. */
function fake(events: RunEvent[]): Sandbox {
  return {
    kind: 'worker',
    label: 'fake',
    run: (req, onEvent) => {
      const key = (req as { reportKey?: string }).reportKey ?? '';
      const keyed = (e: RunEvent): RunEvent =>
        e.type === 'output'
          ? {
              ...e,
              lines: e.lines.map((l) =>
                l.text.startsWith(CHECK_MARKER)
                  ? { ...l, text: CHECK_MARKER + key + l.text.slice(CHECK_MARKER.length) }
                  : l,
              ),
            }
          : e;
      events.map(keyed).forEach(onEvent);
      const exit = events.find((e) => e.type === 'exit')!;
      return {
        stop: () => undefined,
        done: Promise.resolve(exit as Extract<RunEvent, { type: 'exit' }>),
      };
    },
  };
}
const mark = (m: unknown) => ({
  stream: 'stdout' as const,
  text: CHECK_MARKER + JSON.stringify(m),
});
const result = {
  name: 'adds',
  passed: false,
  message: 'values differ',
  expected: '5',
  actual: '2',
  ms: 1,
};

describe('runCheck', () => {
  it('streams results and program output separately, then the outcome', async () => {
    const seen: string[] = [];
    const run = runCheck(
      fake([
        {
          type: 'output',
          dropped: 0,
          lines: [{ stream: 'stdout', text: 'hi' }, mark({ type: 'result', result })],
        },
        { type: 'error', kind: 'uncaught', message: 'Uncaught Error: x' },
        { type: 'exit', code: 1, reason: 'error', durationMs: 3 },
      ]),
      { files: {}, entry: 'main.ts' },
      {
        onMessage: (m) => seen.push(`msg ${m.type}`),
        onOutput: (l) => seen.push(`out ${l.text}`),
        onError: (e) => seen.push(`err ${e.message}`),
        onProgress: (t) => seen.push(`progress ${t}`),
      },
    );
    const outcome = await run.done;
    expect(seen).toEqual(['out hi', 'msg result', 'err Uncaught Error: x']);
    expect(outcome.complete).toBe(false);
    expect(outcome.collector.totals()).toEqual({ passed: 0, failed: 1 });
  });

  it('is complete once the report arrives, and notes an unavailable sandbox', async () => {
    const noop = { onMessage() {}, onOutput() {}, onError() {}, onProgress() {} };
    const ok = await runCheck(
      fake([
        {
          type: 'output',
          dropped: 0,
          lines: [mark({ type: 'result', result }), mark({ type: 'report', count: 1 })],
        },
        { type: 'exit', code: 0, reason: 'finished', durationMs: 1 },
      ]),
      { files: {}, entry: 'main.ts' },
      noop,
    ).done;
    expect(ok.complete).toBe(true);
    const off = await runCheck(
      fake([
        { type: 'unavailable', reason: 'no Node here' },
        { type: 'exit', code: 1, reason: 'unavailable', durationMs: 0 },
      ]),
      { files: {}, entry: 'main.ts' },
      noop,
    ).done;
    expect(off.unavailable).toBe('no Node here');
  });
});

describe('incompleteNote', () => {
  const outcome = (complete: boolean, reason: ExitEvent['reason']) => ({
    collector: new CheckCollector(),
    exit: { type: 'exit', code: 0, reason, durationMs: 1 } satisfies ExitEvent,
    complete,
    unavailable: undefined,
  });
  it('explains a run that ended without its report', () => {
    expect(incompleteNote(outcome(true, 'finished'), false)).toBeUndefined();
    expect(incompleteNote(outcome(false, 'error'), true)).toMatch(/syntax error/);
    expect(incompleteNote(outcome(false, 'timeout'), false)).toMatch(/time limit/);
    expect(incompleteNote(outcome(false, 'crashed'), false)).toMatch(/ended before every check/);
    expect(incompleteNote(outcome(false, 'stopped'), false)).toBe(
      'You stopped the checks before they finished.',
    );
  });
  it('says whether any check finished before the time limit', () => {
    const none = outcome(false, 'timeout');
    expect(incompleteNote(none, false)).toMatch(/^No check finished before the time limit/);
    const one = outcome(false, 'timeout');
    one.collector.results.push({ name: 'adds', passed: true, ms: 1 });
    expect(incompleteNote(one, false)).toMatch(
      /after 1 check finished: the next one never returned/,
    );
  });
});

describe('honest checks (issue 17, item 3)', () => {
  const passing = { name: 'adds', passed: true, ms: 1 };
  const noop = { onMessage() {}, onOutput() {}, onError() {}, onProgress() {} };
  /** A sandbox whose runtime reports through the run's key, as the worker does. */
  function keyed(
    program: (say: (m: unknown) => RunEvent, forge: (m: unknown) => RunEvent) => RunEvent[],
  ): Sandbox {
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
        const forge = (m: unknown): RunEvent => ({ type: 'output', dropped: 0, lines: [mark(m)] });
        const events = program(say, forge);
        events.forEach(onEvent);
        const exit = events.find((e) => e.type === 'exit')!;
        return { stop: () => undefined, done: Promise.resolve(exit as ExitEvent) };
      },
    };
  }
  const finished: RunEvent = { type: 'exit', code: 0, reason: 'finished', durationMs: 1 };

  it('treats a report line printed by the learner as program output', async () => {
    const seen: string[] = [];
    const report = { results: [passing], passed: 1, failed: 0 };
    const outcome = await runCheck(
      keyed((_say, forge) => [
        forge({ type: 'result', result: passing }),
        forge({ type: 'report', report }),
        finished,
      ]),
      { files: {}, entry: 'main.ts' },
      { ...noop, onOutput: (l) => seen.push(l.text) },
    ).done;
    expect(outcome.complete).toBe(false);
    expect(outcome.collector.totals()).toEqual({ passed: 0, failed: 0 });
    expect(outcome.collector.report).toBeUndefined();
    expect(seen).toHaveLength(2);
  });

  it('counts the results the page received, whatever the report claims', async () => {
    const failing = { ...result, passed: false };
    const outcome = await runCheck(
      keyed((say) => [
        say({ type: 'result', result: failing }),
        say({ type: 'report', count: 1, report: { results: [failing], passed: 7, failed: 0 } }),
        finished,
      ]),
      { files: {}, entry: 'main.ts' },
      noop,
    ).done;
    expect(outcome.complete).toBe(true);
    expect(outcome.collector.totals()).toEqual({ passed: 0, failed: 1 });
    expect(outcome.collector.report).toMatchObject({ passed: 0, failed: 1 });
  });

  it('is not complete when the program kept running after its report', async () => {
    const outcome = await runCheck(
      keyed((say) => [
        say({ type: 'result', result: passing }),
        say({ type: 'report', count: 1 }),
        { type: 'error', kind: 'runtime', message: 'Stopped: time limit' },
        { type: 'exit', code: 124, reason: 'timeout', durationMs: 10_000 },
      ]),
      { files: {}, entry: 'main.ts' },
      noop,
    ).done;
    expect(outcome.collector.totals()).toEqual({ passed: 1, failed: 0 });
    expect(outcome.complete).toBe(false);
    expect(incompleteNote(outcome, false)).toMatch(/time limit/);
  });

  it('gives every run its own key', async () => {
    const keys: string[] = [];
    const box: Sandbox = {
      kind: 'worker',
      label: 'fake',
      run: (req) => {
        keys.push((req as { reportKey?: string }).reportKey ?? '');
        return { stop() {}, done: Promise.resolve(finished as ExitEvent) };
      },
    };
    await runCheck(box, { files: {}, entry: 'main.ts' }, noop).done;
    await runCheck(box, { files: {}, entry: 'main.ts' }, noop).done;
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });
});
