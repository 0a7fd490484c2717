// The Run/Stop controller of a snippet (src/components/workbench/run-controller.ts), with the
// sandbox loader and the output view replaced. Issue 17, item 8: at most one live run per
// snippet, always stoppable, even while the runtime is still loading.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExitEvent, RunEvent, RunRequest, Sandbox } from './types.ts';

const loader = vi.hoisted(() => ({
  pending: [] as ((s: unknown) => void)[],
}));
vi.mock('./select.ts', () => ({
  chooseRuntime: () => 'worker',
  loadSandbox: () => new Promise((resolve) => loader.pending.push(resolve)),
}));
vi.mock('../components/workbench/output-view.ts', () => ({
  OutputView: class {
    events: string[] = [];
    start() {
      this.events.push('start');
    }
    handle(e: RunEvent) {
      this.events.push(e.type === 'exit' ? `exit ${e.reason}` : e.type);
    }
    showRecorded() {}
  },
}));

interface Live {
  request: RunRequest;
  stopped: boolean;
  finish: (e: ExitEvent) => void;
}
function fakeSandbox() {
  const runs: Live[] = [];
  const sandbox: Sandbox = {
    kind: 'worker',
    label: 'fake',
    run(request, onEvent) {
      let finish!: (e: ExitEvent) => void;
      const done = new Promise<ExitEvent>((r) => (finish = r));
      const live: Live = { request, stopped: false, finish: (e) => (onEvent(e), finish(e)) };
      runs.push(live);
      return {
        stop: () => {
          live.stopped = true;
          live.finish({ type: 'exit', code: 130, reason: 'stopped', durationMs: 0 });
        },
        done,
      };
    },
  };
  return { sandbox, runs };
}

function target() {
  const running: boolean[] = [];
  const figure = { dataset: {} as Record<string, string>, querySelector: () => null };
  return {
    running,
    target: {
      figure: figure as unknown as HTMLElement,
      name: 'x.ts',
      runtime: 'browser' as const,
      elements: {} as never,
      recorded: undefined,
      onRunning: (r: boolean) => running.push(r),
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  loader.pending = [];
  vi.stubGlobal('document', { dispatchEvent: () => true });
});
afterEach(() => vi.unstubAllGlobals());

describe('runProgram while the runtime loads', () => {
  it('starts one run for two quick clicks, the later one', async () => {
    const { runProgram } = await import('../components/workbench/run-controller.ts');
    const { sandbox, runs } = fakeSandbox();
    const { target: t, running } = target();
    const first = runProgram(t, 'console.log(1)', false);
    const second = runProgram(t, 'console.log(2)', true);
    await tick();
    for (const resolve of loader.pending) resolve(sandbox);
    await tick();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.request.files['x.ts']).toBe('console.log(2)');
    runs[0]!.finish({ type: 'exit', code: 0, reason: 'finished', durationMs: 1 });
    await Promise.all([first, second]);
    expect(running.at(-1)).toBe(false);
  });

  it('Stop while loading means no run starts at all', async () => {
    const { runProgram, stopProgram } = await import('../components/workbench/run-controller.ts');
    const { sandbox, runs } = fakeSandbox();
    const { target: t, running } = target();
    const pending = runProgram(t, 'console.log(1)', false);
    await tick();
    stopProgram(t.figure);
    for (const resolve of loader.pending) resolve(sandbox);
    await pending;
    expect(runs).toHaveLength(0);
    expect(running).toEqual([true, false]);
  });

  it('a new Run stops the live one before starting', async () => {
    const { runProgram } = await import('../components/workbench/run-controller.ts');
    const { sandbox, runs } = fakeSandbox();
    const { target: t } = target();
    const first = runProgram(t, 'a', false);
    await tick();
    loader.pending.shift()!(sandbox);
    await tick();
    const second = runProgram(t, 'b', false);
    await tick();
    loader.pending.shift()!(sandbox);
    await tick();
    expect(runs.map((r) => r.stopped)).toEqual([true, false]);
    runs[1]!.finish({ type: 'exit', code: 0, reason: 'finished', durationMs: 1 });
    await Promise.all([first, second]);
  });
});
