import { originalPosition, type LineMappings } from './source-map.ts';
import type { SourcePosition } from './types.ts';

/** What the stack mapper knows about one module: the URL it ran from and its source map. */
export interface ModuleInfo {
  readonly file: string;
  readonly mappings: LineMappings;
}

/** A stack rewritten for the learner, plus the innermost position in their own code. */
export interface MappedStack {
  readonly text: string;
  readonly position?: SourcePosition;
}

// `    at f (blob:http://host/uuid:3:11)` or `    at blob:http://host/uuid:3:11` (V8),
// `f@blob:http://host/uuid:3:11` (SpiderMonkey, JavaScriptCore).
const LOCATION = /((?:blob:|https?:|file:)[^\s()@]*?):(\d+):(\d+)/;

/**
 * Rewrites the frames of a stack that point into the learner's modules to `main.ts:line:col` in
 * their TypeScript, and drops frames from the runner itself, which would only confuse.
 */
export function mapStack(stack: string, modules: ReadonlyMap<string, ModuleInfo>): MappedStack {
  let position: SourcePosition | undefined;
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    const m = LOCATION.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const info = modules.get(m[1]!);
    if (!info) continue;
    const at = originalPosition(info.mappings, Number(m[2]), Number(m[3]));
    position ??= { file: info.file, ...at };
    out.push(line.replace(LOCATION, `${info.file}:${at.line}:${at.column}`));
  }
  return position ? { text: out.join('\n'), position } : { text: out.join('\n') };
}

/** Maps one location reported separately (an ErrorEvent's filename, lineno and colno). */
export function mapLocation(
  url: string,
  line: number,
  column: number,
  modules: ReadonlyMap<string, ModuleInfo>,
): SourcePosition | undefined {
  const info = modules.get(url);
  if (!info) return undefined;
  return { file: info.file, ...originalPosition(info.mappings, line, column) };
}
