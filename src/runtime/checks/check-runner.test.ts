import { describe, expect, it } from 'vitest';
import { incompleteNote, runCheck } from './check-runner.ts';
import { CHECK_MARKER } from './check-request.ts';
import { CheckCollector } from './check-stream.ts';
import type { ExitEvent, RunEvent, Sandbox } from '../types.ts';

/** A sandbox that replays fixed events. */
function fake(events: RunEvent[]): Sandbox {
  return {
    kind: 'worker',
    label: 'fake',
    run: (_req, onEvent) => {
      events.forEach(onEvent);
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
    const report = { results: [result], passed: 0, failed: 1 };
    const noop = { onMessage() {}, onOutput() {}, onError() {}, onProgress() {} };
    const ok = await runCheck(
      fake([
        { type: 'output', dropped: 0, lines: [mark({ type: 'report', report })] },
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
  });
});
