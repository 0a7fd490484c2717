import { transform } from 'sucrase';
import { needsGreenTransform, transformGreen } from './green-transform.ts';
import { decodeMappings, type LineMappings } from './source-map.ts';
import type { SourcePosition } from './types.ts';

/** One file turned into JavaScript, with what is needed to map errors back. */
export interface TranspiledFile {
  readonly file: string;
  readonly code: string;
  readonly mappings: LineMappings;
}

/** A syntax error found while transpiling, already pointing into the learner's TypeScript. */
export class TranspileError extends Error {
  readonly position: SourcePosition;
  constructor(message: string, position: SourcePosition) {
    super(message);
    this.name = 'SyntaxError';
    this.position = position;
  }
}

/**
 * TypeScript → JavaScript with sucrase: types removed, ES modules and modern syntax kept, lines
 * kept where they were. Imports whose bindings look unused are kept too, as Node's own type
 * stripping does (the course uses `import type` for types, enforced by `verbatimModuleSyntax`).
 */
export function transpile(file: string, source: string): TranspiledFile {
  try {
    const result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: file,
      sourceMapOptions: { compiledFilename: file.replace(/\.[cm]?ts$/, '.js') },
    });
    // Modules that import `#lib/greenlet` / `#lib/gevent` get their functions made resumable
    // (src/runtime/green-transform.ts); the transform edits within lines, so lines still map.
    // (Learner files only: the course's own modules, `/src/...`, are never transformed.)
    const code =
      !file.startsWith('/src/') && needsGreenTransform(result.code)
        ? transformGreen(result.code, file).code
        : result.code;
    return {
      file,
      code,
      mappings: decodeMappings(result.sourceMap?.mappings ?? ''),
    };
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    if (!e.loc) throw error;
    // sucrase's message names the file and ends with "(line:column)"; the position is reported separately.
    const message = e.message
      .replace(/^Error transforming \S+: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    throw new TranspileError(message, { file, line: e.loc.line, column: e.loc.column });
  }
}
