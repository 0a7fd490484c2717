import { describe, expect, it } from 'vitest';
import { builtinName } from './modules.ts';

describe('builtinName', () => {
  it('names the course modules as package.json imports does', () => {
    expect(builtinName('/src/kit/index.ts')).toBe('#kit');
    expect(builtinName('/src/runtime/harness/index.ts')).toBe('#harness');
    expect(builtinName('/src/lib/deferred.ts')).toBe('#lib/deferred');
    expect(builtinName('/src/lib/greenlet.ts')).toBe('#lib/greenlet');
  });

  it('refuses anything else rather than guessing', () => {
    expect(() => builtinName('/src/kit/kernel.ts')).toThrow(/not a course module/);
    expect(() => builtinName('/src/lib/sub/x.ts')).toThrow(/not a course module/);
  });
});
