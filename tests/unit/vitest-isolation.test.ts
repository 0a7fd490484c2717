import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsIsolation } from '../../vitest.config.ts';

// Most test files share one module graph per Vitest worker (vitest.config.ts, project "shared").
// A file that replaces a global or a module, or fakes the clock, would leak that into the files
// run after it in the same worker, so it must be listed in `needsIsolation`.
const ROOT = join(import.meta.dirname, '..', '..');
const LEAKY =
  /\bvi\.(mock|doMock|resetModules|stubGlobal|stubEnv|useFakeTimers)\(|\bglobalThis\.\w+\s*=[^=]/;

/** Every `*.test.ts` under `dir`, relative to the project root. */
function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => relative(ROOT, join(ROOT, dir, f)));
}

/** The files whose source does one of the leaky things. */
export function leakyFiles(files: readonly string[], read: (f: string) => string): string[] {
  return files.filter((f) => LEAKY.test(read(f)));
}

describe('test isolation', () => {
  const all = ['src', 'scripts', 'tests/unit'].flatMap(testFiles);

  it('every test file that stubs globals or modules runs isolated', () => {
    const self = relative(ROOT, import.meta.filename);
    const leaky = leakyFiles(
      all.filter((f) => f !== self),
      (f) => readFileSync(join(ROOT, f), 'utf8'),
    );
    expect(leaky.filter((f) => !needsIsolation.includes(f))).toEqual([]);
  });

  it('lists only files that exist', () => {
    expect(needsIsolation.filter((f) => !all.includes(f))).toEqual([]);
  });

  it('recognises each leaky pattern', () => {
    const src: Record<string, string> = {
      a: "vi.mock('./x.ts')",
      b: "vi.stubGlobal('fetch', f)",
      c: 'vi.useFakeTimers()',
      d: 'globalThis.__group = 1',
      e: 'expect(globalThis.x === 1)',
      f: "vi.fn(); vi.spyOn(o, 'm')",
    };
    expect(leakyFiles(Object.keys(src), (f) => src[f] ?? '')).toEqual(['a', 'b', 'c', 'd']);
  });
});
