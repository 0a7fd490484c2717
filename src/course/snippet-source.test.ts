import { describe, expect, it } from 'vitest';
import {
  extractRegion,
  normalizeOutput,
  parseSnippet,
  stripRegionMarkers,
} from './snippet-source.ts';

describe('parseSnippet', () => {
  it('reads directives and hides them from the reader', () => {
    const p = parseSnippet(
      '// @runtime node\n// @exit 1\n// @normalize /\\d+ ms/ -> N ms\n\nconsole.log(1);\n',
      'x.ts',
    );
    expect(p.meta.runtime).toBe('node');
    expect(p.meta.exit).toBe(1);
    expect(p.code).toBe('console.log(1);\n');
    expect(normalizeOutput('took 12 ms and 7 ms\n', p.meta.normalize)).toBe('took N ms and N ms\n');
  });

  it('requires a runtime and names the file', () => {
    expect(() => parseSnippet('console.log(1)', 'a/b.ts')).toThrow(
      /a\/b\.ts: the first line must declare/,
    );
  });

  it('rejects unknown directives and bad values with file:line', () => {
    expect(() => parseSnippet('// @runtime deno', 'x.ts')).toThrow(
      'x.ts:1: @runtime must be "browser" or "node"',
    );
    expect(() => parseSnippet('// @runtime node\n// @speed 3', 'x.ts')).toThrow(
      'x.ts:2: unknown directive @speed',
    );
    expect(() => parseSnippet('// @runtime node\n// @normalize oops', 'x.ts')).toThrow(
      /x\.ts:2: @normalize must look like/,
    );
    expect(() => parseSnippet('// @runtime node\n// @normalize /(/ -> x', 'x.ts')).toThrow(
      /bad pattern/,
    );
  });
});

describe('regions', () => {
  const code = [
    'a();',
    '// #region loop',
    '  while (x) {',
    '    // #region inner',
    '    y();',
    '    // #endregion',
    '  }',
    '// #endregion',
    'z();',
  ].join('\n');

  it('extracts a region, dedented, without nested markers', () => {
    expect(extractRegion(code, 'loop', 'f.ts')).toBe('while (x) {\n  y();\n}');
    expect(extractRegion(code, 'inner', 'f.ts')).toBe('y();');
  });

  it('names a missing region', () => {
    expect(() => extractRegion(code, 'nope', 'f.ts')).toThrow('f.ts: no "// #region nope"');
    expect(() => extractRegion('// #region a\nx', 'a', 'f.ts')).toThrow(/no matching/);
  });

  it('strips markers from a whole file', () => {
    expect(stripRegionMarkers(code)).toBe('a();\n  while (x) {\n    y();\n  }\nz();');
  });
});

describe('normalizeOutput', () => {
  it('ignores trailing spaces, CRLF and trailing blank lines', () => {
    expect(normalizeOutput('a  \r\nb\n\n\n', [])).toBe('a\nb\n');
  });
});
