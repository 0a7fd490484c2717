import { describe, expect, it } from 'vitest';
import { realOutput, type PredictProgram } from './real-output.ts';
import type { ExitEvent, RunEvent, Sandbox } from '../types.ts';

const exit = (reason: ExitEvent['reason']): ExitEvent => ({
  type: 'exit',
  code: 0,
  reason,
  durationMs: 1,
});
const sandbox = (events: RunEvent[], end: ExitEvent): Sandbox => ({
  kind: 'worker',
  label: 'Ran in your browser (worker)',
  run: (_r, on) => (events.forEach(on), { stop() {}, done: Promise.resolve(end) }),
});
const program = (runtime: 'browser' | 'node'): PredictProgram => ({
  program: 'console.log(1)',
  file: 'program.ts',
  runtime,
  recorded: 'took 5 ms\n',
  normalize: [{ source: '\\d+ ms', flags: 'g', replacement: 'N ms' }],
});

describe('realOutput', () => {
  it('runs a browser program and normalizes its stdout', async () => {
    const out = await realOutput(
      program('browser'),
      () => undefined,
      () =>
        Promise.resolve(
          sandbox(
            [
              {
                type: 'output',
                dropped: 0,
                lines: [
                  { stream: 'stdout', text: 'took 12 ms' },
                  { stream: 'stderr', text: 'noise' },
                ],
              },
            ],
            exit('finished'),
          ),
        ),
    );
    expect(out).toEqual({
      output: 'took N ms',
      label: 'Ran in your browser (worker)',
      recorded: false,
    });
  });

  it('falls back to the recording for Node programs, saying why', async () => {
    const progress: string[] = [];
    const off = await realOutput(
      program('node'),
      (t) => progress.push(t),
      () =>
        Promise.resolve(
          sandbox(
            [
              { type: 'progress', text: 'booting' },
              { type: 'unavailable', reason: 'no isolation' },
            ],
            exit('unavailable'),
          ),
        ),
    );
    expect(off).toEqual({
      output: 'took 5 ms\n',
      label: 'Recorded on Node.js 24 in CI (not run here: no isolation)',
      recorded: true,
    });
    expect(progress).toEqual(['booting']);
    const offline = await realOutput(
      program('node'),
      () => undefined,
      () => Promise.reject(new Error('fetch failed')),
    );
    expect(offline.label).toMatch(/could not be loaded: Error: fetch failed/);
  });

  it('rejects when a browser program cannot load or does not finish', async () => {
    await expect(
      realOutput(
        program('browser'),
        () => undefined,
        () => Promise.reject(new Error('x')),
      ),
    ).rejects.toThrow('x');
    await expect(
      realOutput(
        program('browser'),
        () => undefined,
        () => Promise.resolve(sandbox([], exit('timeout'))),
      ),
    ).rejects.toThrow('did not finish (timeout)');
  });
});
