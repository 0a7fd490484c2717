import { describe, expect, it } from 'vitest';
import { chooseRuntime, loadSandbox } from './select.ts';
import { unsupportedReason, type Environment } from './webcontainer/boot.ts';
import {
  OutputSplitter,
  STDERR_BEGIN,
  STDERR_END,
  mapNodeStackLine,
} from './webcontainer/output.ts';
import { transpile } from './transpile.ts';

describe('adapter selection', () => {
  it('runs browser snippets in the worker and Node snippets in WebContainer, never the worker', () => {
    expect(chooseRuntime('browser')).toBe('worker');
    expect(chooseRuntime('node')).toBe('webcontainer');
  });

  it('loads the worker adapter on demand, once', async () => {
    const a = loadSandbox('worker');
    expect(loadSandbox('worker')).toBe(a);
    const sandbox = await a;
    expect(sandbox.kind).toBe('worker');
    expect(sandbox.label).toBe('Ran in your browser (worker)');
  });
});

describe('WebContainer support check', () => {
  const ok: Environment = {
    crossOriginIsolated: true,
    hasSharedArrayBuffer: true,
    onLine: true,
    userAgent: 'Chrome',
  };
  it('accepts an isolated, online desktop browser', () =>
    expect(unsupportedReason(ok)).toBeUndefined());
  it.each([
    [{ crossOriginIsolated: false }, /cross-origin isolated/],
    [{ hasSharedArrayBuffer: false }, /SharedArrayBuffer/],
    [{ onLine: false }, /offline/],
    [{ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)' }, /iOS/],
  ])('explains %o in one sentence', (change, reason) => {
    const text = unsupportedReason({ ...ok, ...change })!;
    expect(text).toMatch(reason);
    expect(text.trim().endsWith('.')).toBe(true);
  });
});

describe('WebContainer output splitting', () => {
  it('separates marked stderr from stdout across chunk boundaries and strips terminal codes', () => {
    const s = new OutputSplitter();
    const lines = [
      ...s.push('one\r\n\x1b[32mtw'),
      ...s.push(`o\x1b[0m\r\n${STDERR_BEGIN}bad`),
      ...s.push(` news\n${STDERR_END}three`),
      ...s.end(),
    ];
    expect(lines).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stderr', text: 'bad news' },
      { stream: 'stdout', text: 'three' },
    ]);
  });

  it('maps Node stack positions in main.js back to the TypeScript', () => {
    const out = transpile('main.ts', 'const a: number = 1; throw new Error("x");');
    const js = out.code.indexOf('throw') + 1;
    const ts = 'const a: number = 1; '.length + 1;
    expect(
      mapNodeStackLine(`    at file:///home/course/main.js:1:${js}`, 'main.ts', out.mappings),
    ).toBe(`    at main.ts:1:${ts}`);
  });
});
