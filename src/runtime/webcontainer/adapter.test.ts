import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../types.ts';
import { WebContainerSandbox } from './adapter.ts';
import type { Environment } from './boot.ts';
import { fakeApi } from './fake-container.test-support.ts';

const isolated: Environment = {
  crossOriginIsolated: true,
  hasSharedArrayBuffer: true,
  onLine: true,
  userAgent: 'test',
};

function sandbox(api = fakeApi(), env: Environment = isolated, timeoutMs = 5_000) {
  return {
    api,
    box: new WebContainerSandbox({
      loadApi: async () => api,
      environment: () => env,
      boot: { timeoutMs },
    }),
  };
}

async function run(box: WebContainerSandbox, code: string, timeLimitMs?: number) {
  const events: RunEvent[] = [];
  const handle = box.run(
    { files: { 'main.ts': code }, entry: 'main.ts', ...(timeLimitMs ? { timeLimitMs } : {}) },
    (e) => events.push(e),
  );
  const exit = await handle.done;
  const lines = events.flatMap((e) => (e.type === 'output' ? e.lines : []));
  return {
    events,
    exit,
    lines,
    stdout: lines.filter((l) => l.stream === 'stdout').map((l) => l.text),
  };
}

const shared = sandbox();
afterAll(() => {
  for (const c of shared.api.containers) c.teardown();
});

describe('WebContainer adapter against real Node processes', () => {
  it('boots once, reports progress, runs TypeScript and separates stdout from stderr', async () => {
    const r = await run(
      shared.box,
      "const n: number = 2;\nconsole.log('out', n);\nconsole.error('err');\nsetTimeout(() => console.log('late'), 50);\n",
    );
    expect(r.exit).toMatchObject({ code: 0, reason: 'finished' });
    expect(r.stdout).toEqual(['out 2', 'late']);
    expect(r.lines).toContainEqual({ stream: 'stderr', text: 'err' });
    expect(r.events.some((e) => e.type === 'progress')).toBe(true);
    await run(shared.box, 'console.log(1)');
    expect(shared.api.boots).toBe(1);
  });

  it('reports an uncaught error with its position in the TypeScript', async () => {
    const r = await run(shared.box, "const label: string = 'boom';\n  throw new Error(label);\n");
    expect(r.exit.code).toBe(1);
    const stderr = r.lines
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.text)
      .join('\n');
    expect(stderr).toContain('Uncaught Error: boom');
    expect(stderr).toMatch(/main\.ts:2:9/);
  });

  it('reports an unhandled rejection', async () => {
    const r = await run(shared.box, "Promise.reject(new Error('nope'));\n");
    expect(r.exit.code).toBe(1);
    expect(r.lines.map((l) => l.text).join('\n')).toContain(
      'Unhandled promise rejection: Error: nope',
    );
  });

  it('runs Node-only APIs such as process.nextTick and setImmediate', async () => {
    const r = await run(
      shared.box,
      "setImmediate(() => console.log('immediate'));\nprocess.nextTick(() => console.log('tick'));\nconsole.log('sync');\n",
    );
    expect(r.stdout).toEqual(['sync', 'tick', 'immediate']);
  });

  it('reports a syntax error without starting node', async () => {
    const before = shared.api.containers[0]!.spawned.length;
    const r = await run(shared.box, 'const x = ;');
    expect(r.events).toContainEqual(
      expect.objectContaining({
        type: 'error',
        kind: 'syntax',
        position: { file: 'main.ts', line: 1, column: 11 },
      }),
    );
    expect(shared.api.containers[0]!.spawned.length).toBe(before);
  });

  it('stops an infinite loop on Stop and at the time limit', async () => {
    const events: RunEvent[] = [];
    const handle = shared.box.run(
      { files: { 'main.ts': 'while (true) {}' }, entry: 'main.ts' },
      (e) => events.push(e),
    );
    setTimeout(() => handle.stop(), 300);
    expect(await handle.done).toMatchObject({ reason: 'stopped' });
    const limited = await run(shared.box, 'setInterval(() => {}, 10);', 500);
    expect(limited.exit).toMatchObject({ reason: 'timeout' });
  });

  it('caps line length and total output like the worker (issue 17, item 1)', async () => {
    const r = await run(
      shared.box,
      "console.log('x'.repeat(200_000));\nfor (let i = 0; i < 3000; i++) console.log('y'.repeat(1000));\n",
    );
    expect(r.exit).toMatchObject({ code: 0, reason: 'finished' });
    expect(r.stdout[0]).toBe(`${'x'.repeat(10_000)}… 190,000 more characters`);
    const bytes = r.lines.reduce((n, l) => n + l.text.length + 1, 0);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    const dropped = r.events.flatMap((e) => (e.type === 'output' ? [e.dropped] : [])).at(-1);
    expect(r.lines.length + dropped!).toBe(3001);
  });

  it.skipIf(!existsSync('src/kit/index.ts'))(
    'resolves #kit to the mounted course kit',
    async () => {
      const r = await run(
        shared.box,
        "import * as kit from '#kit';\nconsole.log(Object.keys(kit).length > 0);\n",
      );
      expect(r.stdout).toEqual(['true']);
    },
  );

  it('Reset runtime tears the container down and boots a fresh one', async () => {
    const { api, box } = sandbox();
    await run(box, 'console.log(1)');
    await box.reset();
    expect(api.containers[0]!.tornDown).toBe(true);
    await run(box, 'console.log(2)');
    expect(api.boots).toBe(2);
    api.containers[1]!.teardown();
  });
});

describe('WebContainer adapter when it cannot run', () => {
  it('falls back with a reason when the page is not cross-origin isolated, without booting', async () => {
    const { api, box } = sandbox(fakeApi(), { ...isolated, crossOriginIsolated: false });
    const r = await run(box, 'console.log(1)');
    expect(r.exit.reason).toBe('unavailable');
    const reason = r.events.find((e) => e.type === 'unavailable');
    expect(reason).toMatchObject({ reason: expect.stringMatching(/cross-origin isolated/) });
    expect(api.boots).toBe(0);
  });

  it('gives up on a boot that never settles, and does not try again on the same page', async () => {
    const { api, box } = sandbox(fakeApi('hang'), isolated, 200);
    const first = await run(box, 'console.log(1)');
    expect(first.events.find((e) => e.type === 'unavailable')).toMatchObject({
      reason: expect.stringMatching(/did not start within 0.2 s/),
    });
    const second = await run(box, 'console.log(1)');
    expect(second.exit.reason).toBe('unavailable');
    expect(api.boots).toBe(1);
  });

  it('says when the browser is offline', async () => {
    const { box } = sandbox(fakeApi(), { ...isolated, onLine: false });
    const r = await run(box, 'console.log(1)');
    expect(r.events.find((e) => e.type === 'unavailable')).toMatchObject({
      reason: expect.stringMatching(/offline/),
    });
  });
});
