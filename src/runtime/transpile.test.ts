import { afterEach, describe, expect, it, vi } from 'vitest';
import { TranspileError, transpile, transpileProgram } from './transpile.ts';
import { originalPosition } from './source-map.ts';
import { mapStack } from './stack.ts';

const source = [
  "import { type Kit, clock } from '#kit';",
  'interface Point { x: number }',
  'const f = (x: number, label: string): number => x + 1; throw new Error(label);',
  'console.log(f(1, "a") as number);',
].join('\n');

describe('transpile', () => {
  it('keeps every line where it was and keeps imports Node would keep', () => {
    const out = transpile('main.ts', source);
    const lines = out.code.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("from '#kit'");
    expect(lines[0]).toContain('clock');
    expect(lines[2]).toContain('throw new Error(label)');
  });

  it('maps a column moved by removed annotations back to the TypeScript', () => {
    const out = transpile('main.ts', source);
    const js = out.code.split('\n')[2]!;
    const jsColumn = js.indexOf('throw') + 1;
    const tsColumn = source.split('\n')[2]!.indexOf('throw') + 1;
    expect(jsColumn).toBeLessThan(tsColumn);
    expect(originalPosition(out.mappings, 3, jsColumn)).toEqual({ line: 3, column: tsColumn });
    // a column in the middle of a token keeps its offset
    expect(originalPosition(out.mappings, 3, jsColumn + 2)).toEqual({
      line: 3,
      column: tsColumn + 2,
    });
  });

  it('reports syntax errors with the line and column in the learner’s code', () => {
    let error: unknown;
    try {
      transpile('main.ts', 'const a = 1;\nconst b = ;\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TranspileError);
    const e = error as TranspileError;
    expect(e.message).toBe('Unexpected token');
    expect(e.position).toEqual({ file: 'main.ts', line: 2, column: 11 });
  });
});

describe('transpileProgram', () => {
  const green =
    "import { greenlet } from '#lib/greenlet';\nfunction f(x: number) {\n  return x;\n}\n";

  /** A fresh copy of transpile.ts, and whether it loaded the green transform. */
  async function fresh() {
    vi.resetModules();
    let loaded = false;
    vi.doMock('./green-transform.ts', async (original) => {
      loaded = true;
      return original();
    });
    const mod = await import('./transpile.ts');
    return { mod, loaded: () => loaded };
  }
  afterEach(() => {
    vi.doUnmock('./green-transform.ts');
  });

  it('returns ordinary programs at once, without loading the green transform (acorn)', async () => {
    const { mod, loaded } = await fresh();
    const out = mod.transpileProgram({
      'main.ts': source,
      'util.ts': 'export const n: number = 1;',
    });
    expect(Array.isArray(out)).toBe(true);
    expect((out as { file: string }[]).map((f) => f.file)).toEqual(['main.ts', 'util.ts']);
    await Promise.resolve();
    expect(loaded()).toBe(false);
  });

  it('loads the transform for a greenlet program and applies it to the files that import it', async () => {
    const { mod, loaded } = await fresh();
    const pending = mod.transpileProgram({ 'main.ts': green, 'util.ts': 'export const n = 1;' });
    expect(pending).toBeInstanceOf(Promise);
    const [main, util] = await pending;
    expect(loaded()).toBe(true);
    expect(main!.code).toContain('function* f$green');
    expect(main!.code.split('\n')).toHaveLength(green.split('\n').length);
    expect(util!.code).not.toContain('__green');
  });

  it('reports a syntax error found by either parser as a TranspileError', async () => {
    expect(() => transpileProgram({ 'main.ts': 'const b = ;' })).toThrow(TranspileError);
    // sucrase accepts a duplicate parameter in strict code; acorn (the green transform) does not
    const strict = "import { greenlet } from '#lib/greenlet';\nclass A { m(a, a) {} }\n";
    const error = await (transpileProgram({ 'main.ts': strict }) as Promise<unknown>).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TranspileError);
    expect((error as TranspileError).position).toMatchObject({ file: 'main.ts', line: 2 });
  });
});

describe('mapStack', () => {
  it('rewrites frames in learner modules and drops the runner’s own frames', () => {
    const out = transpile('main.ts', source);
    const js = out.code.split('\n')[2]!;
    const col = js.indexOf('new Error') + 1;
    const stack = [
      'Error: a',
      `    at f (blob:http://localhost:4321/abc:3:${col})`,
      '    at run (http://localhost:4321/_astro/worker.js:1:200)',
    ].join('\n');
    const modules = new Map([['blob:http://localhost:4321/abc', out]]);
    const mapped = mapStack(stack, modules);
    const tsCol = source.split('\n')[2]!.indexOf('new Error') + 1;
    expect(mapped.text).toBe(`Error: a\n    at f (main.ts:3:${tsCol})`);
    expect(mapped.position).toEqual({ file: 'main.ts', line: 3, column: tsCol });
  });
});
