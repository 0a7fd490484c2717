import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_CODE, RunLifecycle, timeLimitMessage } from './run-lifecycle.ts';
import type { RunEvent } from './types.ts';

/** A lifecycle whose hooks write what happens, in order, into `log` (`bare`: no hooks). */
function life(bare = false) {
  const log: string[] = [];
  const events: RunEvent[] = [];
  let t = 1000;
  const run = new RunLifecycle({
    onEvent: (e) => {
      events.push(e);
      log.push(e.type);
    },
    now: () => t,
    ...(bare
      ? {}
      : {
          flush: () => log.push('flush'),
          interrupt: () => log.push('interrupt'),
          release: () => log.push('release'),
        }),
  });
  return { run, log, events, advance: (ms: number) => (t += ms) };
}

const output: RunEvent = { type: 'output', lines: [{ stream: 'stdout', text: 'x' }], dropped: 0 };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RunLifecycle', () => {
  it('ends once: pending output, then what the run held, then one exit; done resolves with it', async () => {
    const { run, log, events, advance } = life();
    run.emit(output);
    advance(41.6);
    run.end(0, 'finished');
    run.end(3, 'error');
    run.emit(output);
    expect(log).toEqual(['output', 'flush', 'release', 'exit']);
    expect(events.at(-1)).toEqual({ type: 'exit', code: 0, reason: 'finished', durationMs: 42 });
    expect(await run.done).toBe(events.at(-1));
    expect(run.over).toBe(true);
  });

  it('lets the output flushed at the end through, before the exit', () => {
    const events: RunEvent[] = [];
    const run: RunLifecycle = new RunLifecycle({
      onEvent: (e) => events.push(e),
      flush: () => run.emit(output),
    });
    run.end(1, 'error');
    expect(events.map((e) => e.type)).toEqual(['output', 'exit']);
  });

  it('Stop interrupts the program and ends with 130', async () => {
    const { run, log } = life();
    run.handle().stop();
    expect(log).toEqual(['interrupt', 'flush', 'release', 'exit']);
    expect(await run.handle().done).toMatchObject({ code: EXIT_CODE.stopped, reason: 'stopped' });
  });

  it('at the time limit: pending output, the reason, then the end with 124', async () => {
    const { run, log, events } = life();
    run.startTimeLimit(1500);
    vi.advanceTimersByTime(1499);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['flush', 'error', 'interrupt', 'flush', 'release', 'exit']);
    expect(events[0]).toEqual({
      type: 'error',
      kind: 'runtime',
      message: 'Stopped: the program was still running after the 1.5 s time limit.',
    });
    expect(await run.done).toMatchObject({ code: EXIT_CODE.timedOut, reason: 'timeout' });
  });

  it('leaves no time limit behind a run that ended, and arms none after it', () => {
    const { run, log } = life();
    run.startTimeLimit(100);
    run.end(0, 'finished');
    run.startTimeLimit(100);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['flush', 'release', 'exit']);
  });

  it('fail reports a runtime error and ends as crashed with 1, once', () => {
    const { run, events } = life(true);
    run.fail('The worker failed: boom');
    run.fail('again');
    expect(events).toEqual([
      { type: 'error', kind: 'runtime', message: 'The worker failed: boom' },
      { type: 'exit', code: EXIT_CODE.failed, reason: 'crashed', durationMs: 0 },
    ]);
  });

  it('says the limit in seconds', () => {
    expect(timeLimitMessage(10_000)).toBe(
      'Stopped: the program was still running after the 10 s time limit.',
    );
  });
});
