import { transform } from 'sucrase';
import { needsGreenTransform } from './green-detect.ts';
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
 * The course's own modules go through this alone; a learner's program goes through
 * {@link transpileProgram}.
 */
export function transpile(file: string, source: string): TranspiledFile {
  return located(file, () => {
    const result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: file,
      sourceMapOptions: { compiledFilename: file.replace(/\.[cm]?ts$/, '.js') },
    });
    return {
      file,
      code: result.code,
      mappings: decodeMappings(result.sourceMap?.mappings ?? ''),
    };
  });
}

type GreenTransform = typeof import('./green-transform.ts');
let green: Promise<GreenTransform> | undefined;

/** The green transform, with acorn (~100 KB), fetched on first use only. */
function loadGreenTransform(): Promise<GreenTransform> {
  green ??= import('./green-transform.ts').catch((error: unknown) => {
    green = undefined; // a failed download is tried again on the next run
    throw error;
  });
  return green;
}

/**
 * A learner's files, transpiled for a run. Modules that import `#lib/greenlet` or `#lib/gevent`
 * then have their functions made resumable (`./green-transform.ts`; its edits stay within lines,
 * so lines still map). Most programs import neither: for them the result comes back at once, as
 * an array, and the transform is never loaded. Otherwise the result is a promise that settles
 * once the transform has been fetched (the first time) and applied.
 * Throws (or rejects with) a {@link TranspileError} for a syntax error.
 */
export function transpileProgram(
  files: Readonly<Record<string, string>>,
): TranspiledFile[] | Promise<TranspiledFile[]> {
  const out = Object.entries(files).map(([file, source]) => transpile(file, source));
  if (!out.some((f) => needsGreenTransform(f.code))) return out;
  return loadGreenTransform().then(({ transformGreen }) =>
    out.map((f) =>
      needsGreenTransform(f.code)
        ? { ...f, code: located(f.file, () => transformGreen(f.code, f.file).code) }
        : f,
    ),
  );
}

/**
 * Runs a parser (sucrase, acorn) and turns its syntax error into a {@link TranspileError}. Both
 * name the position in `loc` and end the message with "(line:column)", reported separately.
 */
function located<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    if (!e.loc) throw error;
    const message = e.message
      .replace(/^Error transforming \S+: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    throw new TranspileError(message, { file, line: e.loc.line, column: e.loc.column });
  }
}
