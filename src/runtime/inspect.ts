/**
 * `util.inspect` for the browser worker: Node's own implementation (`node-inspect-extracted`,
 * lib/internal/util/inspect.js packaged for the web), so a program prints in the worker exactly
 * as in its recording on Node. `src/runtime/inspect.test.ts` compares it with the real
 * `node:util`. What this module adds is what Node's code cannot know in a browser: error stacks
 * point at blob URLs ({@link InspectOptions.mapStack} rewrites them to the learner's file and
 * line), Firefox and Safari write stacks their own way ({@link nodeStyleStack}), and browsers'
 * `URL` classes lack Node's inspect hook ({@link teachUrls}).
 */
import {
  inspect as nodeInspect,
  type InspectOptions as NodeInspectOptions,
} from 'node-inspect-extracted';

/** Options for {@link inspect} and `format` (`./format.ts`). */
export interface InspectOptions {
  /** How deep objects are shown (Node's default: 2). */
  readonly depth?: number;
  /** `false` ignores `[util.inspect.custom]` methods, as `console.dir` does. */
  readonly customInspect?: boolean;
  /** Rewrites an error's stack (blob URLs → the learner's file and line) before it is shown. */
  readonly mapStack?: (stack: string) => string;
}

/** Formats any value the way `util.inspect(value, options)` does on Node (no colours). */
export function inspect(value: unknown, options: InspectOptions = {}): string {
  teachUrls();
  return withMappedStacks([value], options, () => nodeInspect(value, nodeOptions(options)));
}

const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
type Inspect = (value: unknown, options: object) => string;
const URL_FIELDS = [
  'href',
  'origin',
  'protocol',
  'username',
  'password',
  'host',
  'hostname',
  'port',
  'pathname',
  'search',
  'searchParams',
  'hash',
] as const;

/**
 * Node's `URL` and `URLSearchParams` print themselves through `[util.inspect.custom]`; a
 * browser's have no such method, and would print as a bare href and `URLSearchParams {}`. This
 * gives them one (once, in this realm; never where they have one already) that prints what
 * Node prints: `URL { href: '…', …, hash: '' }` and `URLSearchParams { 'q' => '1' }`.
 */
export function teachUrls(
  url: { prototype: object } | undefined = globalThis.URL,
  params: { prototype: object } | undefined = globalThis.URLSearchParams,
): void {
  if (url && !(CUSTOM in url.prototype)) {
    define(url.prototype, function (this: URL, depth: number, options: object, show: Inspect) {
      if (depth < 0) return this;
      const fields: Record<string, unknown> = {};
      for (const key of URL_FIELDS) fields[key] = this[key];
      return `${this.constructor.name} ${show(fields, options)}`;
    });
  }
  if (params && !(CUSTOM in params.prototype)) {
    define(
      params.prototype,
      function (
        this: URLSearchParams,
        depth: number,
        options: { depth?: number | null; breakLength?: number },
        show: Inspect,
      ) {
        if (depth < 0) return '[Object]';
        const inner = { ...options, ...(options.depth == null ? {} : { depth: depth - 1 }) };
        const pairs = [...this].map(([k, v]) => `${show(k, inner)} => ${show(v, inner)}`);
        const name = this.constructor.name;
        if (pairs.length === 0) return `${name} {}`;
        const width = pairs.reduce((n, p) => n + p.length + 2, -2);
        return width > (options.breakLength ?? 80)
          ? `${name} {\n  ${pairs.join(',\n  ')} }`
          : `${name} { ${pairs.join(', ')} }`;
      },
    );
  }
}

function define(proto: object, method: (...args: never[]) => unknown): void {
  Object.defineProperty(proto, CUSTOM, { value: method, configurable: true, writable: true });
}

/** The library's options for ours: only the depth and `customInspect`, never colours. */
export function nodeOptions(options: InspectOptions): NodeInspectOptions {
  const out: { depth?: number; customInspect?: boolean } = {};
  if (options.depth !== undefined) out.depth = options.depth;
  if (options.customInspect !== undefined) out.customInspect = options.customInspect;
  return out;
}

/** How many values the stack walk visits at most, so a huge structure costs little extra. */
const MAX_VISITS = 10_000;
/** Node shows the first 100 entries of an array, Map or Set (`maxArrayLength`). */
const MAX_ENTRIES = 100;
/** `%o` shows four levels; the walk goes one level past the deepest that is printed. */
const MAX_DEPTH = 5;

/**
 * Runs `print` while every `Error` reachable from `roots` (as far as inspect shows them: array
 * items, own properties, Map and Set entries, `cause` and `errors`) carries its stack rewritten
 * by `options.mapStack`, then puts every stack back as it was. Node's own error formatting
 * (causes, `AggregateError`, "... lines matching cause stack trace ...") then works on the
 * learner's positions. Getters are never called; a value that throws when looked at is skipped.
 */
export function withMappedStacks(
  roots: readonly unknown[],
  options: InspectOptions,
  print: () => string,
): string {
  const map = options.mapStack;
  if (!map) return print();
  const restore: (() => void)[] = [];
  try {
    for (const error of reachableErrors(roots, Math.min(MAX_DEPTH, (options.depth ?? 2) + 2))) {
      const own = Object.getOwnPropertyDescriptor(error, 'stack');
      let stack: unknown;
      try {
        stack = error.stack;
      } catch {
        continue;
      }
      if (typeof stack !== 'string') continue;
      try {
        Object.defineProperty(error, 'stack', {
          value: map(nodeStyleStack(error, stack)),
          configurable: true,
          writable: true,
          enumerable: own?.enumerable ?? false,
        });
      } catch {
        continue; // a frozen error keeps its stack as it is
      }
      restore.push(() => {
        if (own) Object.defineProperty(error, 'stack', own);
        else delete (error as { stack?: string }).stack;
      });
    }
    return print();
  } finally {
    for (const undo of restore.reverse()) {
      try {
        undo();
      } catch {
        // nothing left to do: the error keeps the mapped stack
      }
    }
  }
}

// A frame as Firefox and Safari write it: `name@url:line:column` (name may be empty).
const AT_FRAME = /^(.*)@(.*:\d+:\d+)$/;

/**
 * A Firefox or Safari stack rewritten the way V8 (and so Node) writes it, `Error: message` then
 * `    at name (url:line:column)` lines, so Node's error formatting recognises it; a V8 stack, or
 * anything else, comes back unchanged.
 */
export function nodeStyleStack(error: Error, stack: string): string {
  let header: string;
  try {
    header = Error.prototype.toString.call(error);
  } catch {
    return stack;
  }
  if (stack.startsWith(header)) return stack;
  const lines = stack.split('\n').filter((l) => l !== '');
  if (lines.length === 0 || !lines.every((l) => AT_FRAME.test(l))) return stack;
  const frames = lines.map((l) => {
    const [, name, where] = AT_FRAME.exec(l)!;
    return name ? `    at ${name} (${where})` : `    at ${where}`;
  });
  return [header, ...frames].join('\n');
}

/** The errors among `roots` and the values under them, each once, breadth first. */
function reachableErrors(roots: readonly unknown[], maxDepth: number): Error[] {
  const errors: Error[] = [];
  const seen = new Set<object>();
  let level: unknown[] = [...roots];
  let visits = 0;
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
      if (seen.has(value) || ++visits > MAX_VISITS) continue;
      seen.add(value);
      try {
        if (value instanceof Error) errors.push(value);
        children(value, next);
      } catch {
        // a Proxy whose traps throw, a revoked Proxy: inspect will say what it can
      }
    }
    level = next;
  }
  return errors;
}

function children(value: object, into: unknown[]): void {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return;
  if (value instanceof Map) {
    let n = 0;
    for (const [k, v] of value) {
      if (n++ >= MAX_ENTRIES) break;
      into.push(k, v);
    }
  } else if (value instanceof Set) {
    let n = 0;
    for (const v of value) {
      if (n++ >= MAX_ENTRIES) break;
      into.push(v);
    }
  }
  const keys = Reflect.ownKeys(value);
  let indices = 0;
  for (const key of keys) {
    if (Array.isArray(value) && typeof key === 'string' && /^\d+$/.test(key)) {
      if (indices++ >= MAX_ENTRIES) continue;
    }
    const desc = Object.getOwnPropertyDescriptor(value, key);
    if (desc && 'value' in desc) into.push(desc.value);
  }
}
