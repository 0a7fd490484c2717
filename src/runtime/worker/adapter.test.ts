// The page side of the worker sandbox, against a stand-in `Worker` that behaves like
// worker-main.ts (and like a hostile program inside it). Issue 17, items 4 and 8.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent, RunRequest } from '../types.ts';

type Behaviour = (w: FakeWorker) => void;

class FakeWorker {
  static behaviour: Behaviour = () => {};
  static all: FakeWorker[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  readonly #listeners = new Map<string, Set<(e: Event) => void>>();
  terminated = false;
  port: MessagePort | undefined;
  onStart: ((data: unknown, port: MessagePort | undefined) => void) | undefined;
  constructor() {
    FakeWorker.all.push(this);
    FakeWorker.behaviour(this);
  }
  addEventListener(type: string, fn: (e: Event) => void) {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(fn);
  }
  removeEventListener(type: string, fn: (e: Event) => void) {
    this.#listeners.get(type)?.delete(fn);
  }
  /** What the browser does: the `on…` handler and every listener. */
  dispatch(type: 'message' | 'error', event: Event) {
    if (this.terminated) return;
    if (type === 'message') this.onmessage?.(event as MessageEvent);
    else this.onerror?.(event);
    for (const fn of this.#listeners.get(type) ?? []) fn(event);
  }
  /** A message the program posts on the worker's global channel (`self.postMessage`). */
  global(data: unknown) {
    this.dispatch('message', new MessageEvent('message', { data }));
  }
  postMessage(data: unknown, transfer?: Transferable[]) {
    this.port = transfer?.find((t): t is MessagePort => t instanceof MessagePort);
    this.onStart?.(data, this.port);
  }
  terminate() {
    this.terminated = true;
    this.port?.close();
  }
}

const request = (code = 'console.log(1)', timeLimitMs = 2_000): RunRequest => ({
  files: { 'main.ts': code },
  entry: 'main.ts',
  timeLimitMs,
});

async function load() {
  vi.resetModules();
  return (await import('./adapter.ts')).WorkerSandbox;
}

async function run(req: RunRequest = request()) {
  const WorkerSandbox = await load();
  const events: RunEvent[] = [];
  const handle = new WorkerSandbox().run(req, (e) => events.push(e));
  const exit = await handle.done;
  return { events, exit, handle };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  FakeWorker.all = [];
  FakeWorker.behaviour = () => {};
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('WorkerSandbox believes only its own runtime (item 4)', () => {
  it('ignores exit, unavailable and output posted by the program on the global channel', async () => {
    FakeWorker.behaviour = (w) => {
      w.onStart = (_data, port) => {
        w.global({ type: 'done', code: 0 });
        w.global({ type: 'unavailable', reason: 'forged' });
        w.global({ type: 'output', lines: [{ stream: 'stdout', text: 'forged' }], dropped: 0 });
        setTimeout(() => {
          port?.postMessage({
            type: 'output',
            lines: [{ stream: 'stdout', text: 'real' }],
            dropped: 0,
          });
          port?.postMessage({ type: 'done', code: 0 });
        }, 30);
      };
    };
    const { events, exit } = await run();
    expect(events.filter((e) => e.type !== 'exit')).toEqual([
      { type: 'output', lines: [{ stream: 'stdout', text: 'real' }], dropped: 0 },
    ]);
    expect(exit).toMatchObject({ reason: 'finished', code: 0 });
  });

  it('drops malformed messages from the runtime channel without throwing', async () => {
    FakeWorker.behaviour = (w) => {
      w.onStart = (_data, port) => {
        for (const bad of [
          null,
          42,
          { type: 'output', lines: 'x', dropped: 0 },
          { type: 'output', lines: [{ stream: 'tty', text: 'x' }], dropped: 0 },
          { type: 'output', lines: [{ stream: 'stdout', text: 'x' }], dropped: -1 },
          { type: 'error', kind: 'uncaught', message: 42 },
          { type: 'error', kind: 'evil', message: 'x' },
          { type: 'error', kind: 'uncaught', message: 'x', position: { file: 1 } },
          { type: 'done', code: '0' },
          { type: 'exit', code: 0, reason: 'finished', durationMs: 0 },
          { type: 'unavailable', reason: 'x' },
        ])
          port?.postMessage(bad);
        port?.postMessage({
          type: 'output',
          lines: [{ stream: 'stderr', text: 'ok' }],
          dropped: 2,
        });
        port?.postMessage({ type: 'done', code: 3 });
      };
    };
    const { events, exit } = await run();
    expect(events.filter((e) => e.type !== 'exit')).toEqual([
      { type: 'output', lines: [{ stream: 'stderr', text: 'ok' }], dropped: 2 },
    ]);
    expect(exit).toMatchObject({ reason: 'error', code: 3 });
  });

  it('cuts over-long lines that reach the page anyway', async () => {
    FakeWorker.behaviour = (w) => {
      w.onStart = (_data, port) => {
        port?.postMessage({
          type: 'output',
          lines: [{ stream: 'stdout', text: 'q'.repeat(30_000) }],
          dropped: 0,
        });
        port?.postMessage({ type: 'done', code: 0 });
      };
    };
    const { events } = await run();
    const out = events.find((e) => e.type === 'output');
    expect(out?.type === 'output' && out.lines[0]!.text.length).toBeLessThan(10_100);
  });
});

describe('WorkerSandbox runs are never orphaned (item 8)', () => {
  it('reports a worker script that failed to load as such, not as a time-out', async () => {
    // The script fails to load before the run starts (prepared on hover), and again on retry.
    FakeWorker.behaviour = (w) => {
      setTimeout(() => w.dispatch('error', new Event('error')), 0);
    };
    const WorkerSandbox = await load();
    const box = new WorkerSandbox();
    box.prepare();
    await sleep(20);
    const events: RunEvent[] = [];
    const exit = await box.run(request('console.log(1)', 1_000), (e) => events.push(e)).done;
    expect(exit.reason).toBe('crashed');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'error', message: expect.stringMatching(/could not load/) }),
    );
  });

  it('never throws and leaves no time-limit timer behind when preparing the run fails', async () => {
    const WorkerSandbox = await load();
    const events: RunEvent[] = [];
    const bad = {
      files: { 'main.ts': 42 as unknown as string },
      entry: 'main.ts',
      timeLimitMs: 50,
    };
    let exit;
    try {
      exit = await new WorkerSandbox().run(bad, (e) => events.push(e)).done;
    } catch {
      exit = undefined;
    }
    const seen = events.length;
    await sleep(150);
    expect(exit).toMatchObject({ reason: 'crashed' });
    expect(events.length).toBe(seen);
    expect(events.some((e) => e.type === 'error' && /time limit/.test(e.message))).toBe(false);
  });

  it('stops at once, and a stopped run ignores whatever the worker still sends', async () => {
    let port: MessagePort | undefined;
    FakeWorker.behaviour = (w) => {
      w.onStart = (_d, p) => (port = p);
    };
    const WorkerSandbox = await load();
    const events: RunEvent[] = [];
    const handle = new WorkerSandbox().run(request(), (e) => events.push(e));
    handle.stop();
    expect(await handle.done).toMatchObject({ reason: 'stopped' });
    port?.postMessage({ type: 'done', code: 0 });
    await sleep(20);
    expect(events.filter((e) => e.type === 'exit')).toHaveLength(1);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
  });
});

describe('WorkerSandbox loads the green transform only for greenlet programs (issue 10)', () => {
  const green = "import { greenlet } from '#lib/greenlet';\nfunction f() {\n  return 1;\n}\n";

  it('starts a greenlet program once its modules are transformed', async () => {
    let started: unknown;
    FakeWorker.behaviour = (w) => {
      w.onStart = (data, port) => {
        started = data;
        port?.postMessage({ type: 'done', code: 0 });
      };
    };
    const { exit } = await run(request(green));
    expect(exit).toMatchObject({ reason: 'finished', code: 0 });
    const modules = (started as { modules: { file: string; code: string }[] }).modules;
    expect(modules[0]!.code).toContain('function* f$green');
  });

  it('reports a syntax error only the green transform finds, and takes no worker', async () => {
    const { events, exit } = await run(request(`${green}class A { m(a, a) {} }\n`));
    expect(exit).toMatchObject({ reason: 'error', code: 1 });
    expect(events[0]).toMatchObject({ type: 'error', kind: 'syntax', position: { line: 5 } });
    expect(FakeWorker.all.filter((w) => w.port !== undefined)).toHaveLength(0);
  });

  it('a run stopped while the transform loads never starts a worker', async () => {
    const WorkerSandbox = await load();
    const handle = new WorkerSandbox().run(request(green), () => {});
    handle.stop();
    expect(await handle.done).toMatchObject({ reason: 'stopped', code: 130 });
    await sleep(50);
    // (a worker another test prepared may exist; none was handed a program)
    expect(FakeWorker.all.filter((w) => w.port !== undefined)).toHaveLength(0);
  });
});
