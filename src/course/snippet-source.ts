/**
 * Snippet files are real TypeScript programs. A few `// @key value` comment lines at the very
 * top say how the course treats them; the reader never sees those lines.
 *
 *   // @runtime browser          runs in the page's worker (or `node`: needs Node.js)
 *   // @normalize /\d+ ms/g -> N ms   rewrite output that varies between runs before comparing
 *   // @exit 1                   the exit status the program is expected to end with (default 0)
 */

import type { SnippetRuntime } from '../runtime/types.ts';

// Where a snippet can run: defined by the runtime, which must not import the course.
export type { SnippetRuntime };

/** One output rewrite rule for snippets whose output varies from run to run. */
export interface NormalizeRule {
  readonly pattern: RegExp;
  readonly replacement: string;
}

/** What a snippet's header declares. */
export interface SnippetMeta {
  readonly runtime: SnippetRuntime;
  readonly normalize: readonly NormalizeRule[];
  readonly exit: number;
}

/** A parsed snippet: its declarations and the code the reader sees. */
export interface ParsedSnippet {
  readonly meta: SnippetMeta;
  /** The source without the directive lines (and without the blank line after them). */
  readonly code: string;
}

const DIRECTIVE = /^\/\/ @(\w+)(?:\s+(.*))?$/;

/** Parses the directive header; `file` only makes error messages precise. */
export function parseSnippet(source: string, file: string): ParsedSnippet {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let runtime: SnippetRuntime | undefined;
  let exit = 0;
  const normalize: NormalizeRule[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (!m) break;
    const [, key, value = ''] = m;
    const where = `${file}:${i + 1}`;
    if (key === 'runtime') {
      if (value !== 'browser' && value !== 'node') {
        throw new Error(`${where}: @runtime must be "browser" or "node", got "${value}"`);
      }
      runtime = value;
    } else if (key === 'normalize') {
      normalize.push(parseNormalize(value, where));
    } else if (key === 'exit') {
      if (!/^\d+$/.test(value))
        throw new Error(`${where}: @exit needs a whole number, got "${value}"`);
      exit = Number(value);
    } else {
      throw new Error(`${where}: unknown directive @${key} (known: @runtime, @normalize, @exit)`);
    }
  }
  if (runtime === undefined) {
    throw new Error(
      `${file}: the first line must declare where it runs: "// @runtime browser" or "// @runtime node"`,
    );
  }
  while (i < lines.length && lines[i]!.trim() === '') i++;
  return { meta: { runtime, normalize, exit }, code: lines.slice(i).join('\n') };
}

function parseNormalize(value: string, where: string): NormalizeRule {
  const m = /^\/(.+)\/([dgimsuy]*)\s+->\s?(.*)$/.exec(value);
  if (!m) throw new Error(`${where}: @normalize must look like "/pattern/flags -> replacement"`);
  try {
    return {
      pattern: new RegExp(m[1]!, m[2]!.includes('g') ? m[2]! : `${m[2]!}g`),
      replacement: m[3]!,
    };
  } catch (error) {
    throw new Error(`${where}: @normalize has a bad pattern: ${(error as Error).message}`);
  }
}

/** Applies the snippet's rewrite rules and trims trailing whitespace, so recordings compare fairly. */
export function normalizeOutput(output: string, rules: readonly NormalizeRule[]): string {
  let text = output.replace(/\r\n/g, '\n');
  for (const { pattern, replacement } of rules) text = text.replace(pattern, replacement);
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** Whether a line is a `// #region` or `// #endregion` marker, which the reader never sees. */
export function isRegionMarker(line: string): boolean {
  return /^\s*\/\/ #(end)?region\b/.test(line);
}

/**
 * Where `// #region name` is in `lines`: the index of its marker line (`start`) and of its
 * matching `// #endregion` (`end`), nested regions skipped. `file` only makes errors precise.
 */
export function findRegion(
  lines: readonly string[],
  name: string,
  file: string,
): { readonly start: number; readonly end: number } {
  const start = lines.findIndex((l) => new RegExp(`^\\s*// #region ${escape(name)}\\s*$`).test(l));
  if (start < 0) throw new Error(`${file}: no "// #region ${name}"`);
  let depth = 0;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^\s*\/\/ #region\b/.test(lines[i]!)) depth++;
    else if (/^\s*\/\/ #endregion\b/.test(lines[i]!)) {
      if (depth === 0) return { start, end: i };
      depth--;
    }
  }
  throw new Error(`${file}: "// #region ${name}" has no matching "// #endregion"`);
}

/**
 * The lines between `// #region name` and `// #endregion`, dedented. Nested region markers
 * are dropped from the excerpt.
 */
export function extractRegion(code: string, name: string, file: string): string {
  const lines = code.split('\n');
  const { start, end } = findRegion(lines, name, file);
  return dedent(lines.slice(start + 1, end).filter((l) => !isRegionMarker(l)));
}

/** Removes region markers from a whole file shown to the reader. */
export function stripRegionMarkers(code: string): string {
  return code
    .split('\n')
    .filter((l) => !isRegionMarker(l))
    .join('\n');
}

function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
