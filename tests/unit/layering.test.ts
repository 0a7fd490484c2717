import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  checkLayers,
  importsOf,
  importsInCode,
  missingPaths,
  platformUses,
  resolveSpecifier,
  sourceFiles,
  valueCycles,
  type ImportMap,
} from './layering.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = resolve(root, 'tests/fixtures/layering');
const { imports } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  imports: ImportMap;
};
const scan = checkLayers(fixtures, ['src'], imports);
/** `file:line rule` for each violation, to compare as a list. */
const reported = scan.violations.map((v) => `${v.file}:${v.line} ${v.rule}`).sort();

describe('reading imports with the TypeScript parser', () => {
  it('finds every form, with its kind', () => {
    const code = [
      "import a from './a.ts';",
      "import './b.ts';",
      "import type { C } from './c.ts';",
      "import { type D } from './d.ts';",
      "export { e } from './e.ts';",
      "export * from './f.ts';",
      "export type { G } from './g.ts';",
      "const h = await import('./h.ts');",
      "type I = typeof import('./i.ts');",
      "import j from './j.ts?raw';",
      "new Worker(new URL('./k.ts', import.meta.url));",
      "import.meta.glob(['/src/l/*.ts', '!**/*.test.ts']);",
      "import.meta.glob('/src/m/*.ts', { query: '?raw', import: 'default' });",
      'await import(name);',
    ].join('\n');
    expect(importsInCode(code).map((r) => `${r.line} ${r.kind} ${r.specifier}`)).toEqual([
      '1 static ./a.ts',
      '2 side-effect ./b.ts',
      '3 type ./c.ts',
      // `verbatimModuleSyntax` keeps this as `import {} from './d.ts'`: the module still runs.
      '4 static ./d.ts',
      '5 re-export ./e.ts',
      '6 re-export ./f.ts',
      '7 type ./g.ts',
      '8 dynamic ./h.ts',
      '9 type ./i.ts',
      '10 raw ./j.ts?raw',
      '11 url ./k.ts',
      '12 glob /src/l/*.ts',
      '13 raw /src/m/*.ts',
      '14 dynamic undefined',
    ]);
  });

  it('does not mistake comments and strings for imports', () => {
    const text = readFileSync(resolve(fixtures, 'src/runtime/not-imports.ts'), 'utf8');
    expect(importsInCode(text)).toEqual([]);
    // What the old regex saw in the same file.
    const regex =
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
    expect([...text.matchAll(regex)].length).toBeGreaterThan(0);
  });

  it('reads the front matter and scripts of .astro files and the ESM blocks of .mdx files', () => {
    const astro = readFileSync(resolve(fixtures, 'src/components/Panel.astro'), 'utf8');
    expect(importsOf('Panel.astro', astro).map((r) => `${r.line} ${r.specifier}`)).toEqual([
      '2 ./widget.ts',
      '8 ../pages/page.ts',
    ]);
    const mdx = [
      '---',
      'title: import nothing',
      '---',
      "import A from './A.astro';",
      '',
      'Prose that says import x from "./not.ts".',
      '',
      '```ts',
      "import { hidden } from './in-a-fence.ts';",
      '```',
      '',
      "export { b } from './b.ts';",
    ].join('\n');
    expect(importsOf('x.mdx', mdx).map((r) => `${r.line} ${r.specifier}`)).toEqual([
      '4 ./A.astro',
      '12 ./b.ts',
    ]);
  });

  it('misses nothing TypeScript’s own preProcessFile finds in the repository', () => {
    const missed: string[] = [];
    for (const file of sourceFiles(root, ['src', 'scripts', 'tests'])) {
      if (!/\.(ts|mts|cts)$/.test(file)) continue;
      const text = readFileSync(resolve(root, file), 'utf8');
      const ours = new Set(importsInCode(text).map((r) => r.specifier));
      for (const f of ts.preProcessFile(text, true, true).importedFiles)
        if (!ours.has(f.fileName)) missed.push(`${file}: ${f.fileName}`);
    }
    expect(missed).toEqual([]);
  }, 60_000);

  it('resolves #kit, #harness and #lib/* through package.json imports', () => {
    expect(resolveSpecifier('#kit', 'src/lib/x.ts', imports)).toBe('src/kit/index.ts');
    expect(resolveSpecifier('#harness', 'x.ts', imports)).toBe('src/runtime/harness/index.ts');
    expect(resolveSpecifier('#lib/deferred', 'x.ts', imports)).toBe('src/lib/deferred.ts');
    expect(resolveSpecifier('#nope', 'x.ts', imports)).toBeUndefined();
    expect(resolveSpecifier('../kit/a.ts?raw', 'src/lib/x.ts', imports)).toBe('src/kit/a.ts');
    expect(resolveSpecifier('node:fs', 'x.ts', imports)).toBe('package');
  });
});

describe('the layering rule fails on each kind of violation (tests/fixtures/layering)', () => {
  it('a forbidden static import', () => {
    expect(reported).toContain('src/runtime/static-import.ts:1 layer');
  });

  it('a side-effect import', () => {
    expect(reported).toContain('src/runtime/side-effect.ts:1 layer');
  });

  it('a dynamic import, and a computed one it cannot follow', () => {
    expect(reported).toContain('src/runtime/dynamic-import.ts:1 layer');
    expect(reported).toContain('src/runtime/computed-import.ts:3 computed');
  });

  it('an export … from', () => {
    expect(reported).toContain('src/runtime/export-from.ts:1 layer');
  });

  it('a type-only import across layers', () => {
    expect(reported).toContain('src/runtime/type-only.ts:1 layer');
  });

  it('a forbidden import in an .astro <script>', () => {
    expect(reported).toContain('src/components/Panel.astro:8 layer');
  });

  it('imports through #lib/* and #harness that leave the layer', () => {
    expect(reported).toContain('src/kit/uses-lib.ts:2 layer');
    expect(reported).toContain('src/lib/uses-harness.ts:2 layer');
  });

  it('a lesson importing another lesson’s file', () => {
    expect(reported).toContain('src/lessons/01-part/01-one/snippets/borrow.ts:2 layer');
  });

  it('a Node built-in in src/lib, and a file in no layer', () => {
    expect(reported).toContain('src/lib/clock.ts:1 package');
    expect(reported).toContain('src/unknown/stray.ts:1 unlayered');
  });

  it('reports exactly these, and nothing in the files that break no rule', () => {
    expect(reported).toEqual([
      'src/components/Panel.astro:8 layer',
      'src/kit/uses-lib.ts:2 layer',
      'src/lessons/01-part/01-one/snippets/borrow.ts:2 layer',
      'src/lib/clock.ts:1 package',
      'src/lib/uses-harness.ts:2 layer',
      'src/runtime/computed-import.ts:3 computed',
      'src/runtime/dynamic-import.ts:1 layer',
      'src/runtime/export-from.ts:1 layer',
      'src/runtime/side-effect.ts:1 layer',
      'src/runtime/static-import.ts:1 layer',
      'src/runtime/type-only.ts:1 layer',
      'src/unknown/stray.ts:1 unlayered',
    ]);
  });

  it('says which layer may import what', () => {
    const m = scan.violations.find((v) => v.file === 'src/runtime/side-effect.ts')!.message;
    expect(m).toBe(
      "src/runtime/side-effect.ts:1: side-effect import of '../components/widget.ts': src/runtime may not import src/components; it may import src/kit, src/lib, src/runtime/harness, src/runtime (sandboxes and the check pipeline: DOM-free logic, never UI code)",
    );
  });

  it('a cycle of value imports, but not one of type imports', () => {
    expect(valueCycles(scan)).toEqual([['src/runtime/cycle-a.ts', 'src/runtime/cycle-b.ts']]);
  });
});

describe('platform check (src/kit and src/lib)', () => {
  it('finds nondeterminism and platform globals in value positions only', () => {
    const clock = readFileSync(resolve(fixtures, 'src/lib/clock.ts'), 'utf8');
    expect(platformUses(clock)).toEqual([{ name: 'Date.now', line: 3 }]);
    const code = [
      'const a = document.title;',
      'const b = Math.random();',
      'const c = new Date();',
      'const d = new Date(0);',
      'const e = { process: 1 }.process;',
      'function f(process: number) { return process; }',
      'type G = typeof window;',
      '// Buffer in a comment',
      "const h = 'setImmediate in a string';",
      'const i = performance.now();',
    ].join('\n');
    expect(platformUses(code).map((u) => `${u.line} ${u.name}`)).toEqual([
      '1 document',
      '2 Math.random',
      '3 new Date()',
      '10 performance.now',
    ]);
  });
});

describe('ARCHITECTURE.md path check', () => {
  it('reports a made-up path, and accepts real ones and placeholders', () => {
    const text = [
      'The worker lives in `src/runtime/worker/worker-main.ts`, the libs in `src/lib/<name>.ts`.',
      'The checks run in `src/runtime/checks/made-up.ts` and `src/nowhere/`.',
      'Not paths: `#lib/<name>`, `node:util`, `a b`, `run()`, `npm test`, `check.ts`.',
    ].join('\n');
    expect(missingPaths(text, root)).toEqual(['src/runtime/checks/made-up.ts', 'src/nowhere/']);
  });
});
