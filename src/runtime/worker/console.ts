import { format } from '../format.ts';
import { inspect, type InspectOptions } from '../inspect.ts';

type Write = (stream: 'stdout' | 'stderr', text: string) => void;

/**
 * A `console` that prints the way Node's does (Node's own formatting through `../format.ts`; the
 * same streams: `log`, `info`, `debug`, `dir`, `table` → stdout; `error`, `warn`, `trace`, failed
 * `assert` → stderr), with groups, counters and timers. `write` receives whole, possibly
 * multi-line, texts.
 */
export function createConsole(write: Write, options: InspectOptions, now: () => number): Console {
  let indent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  // Every line of a text is indented by the open groups, as Node does.
  const put = (stream: 'stdout' | 'stderr', text: string) =>
    write(stream, indent ? text.replace(/^/gm, indent) : text);
  const out =
    (stream: 'stdout' | 'stderr') =>
    (...args: unknown[]) =>
      put(stream, format(args, options));
  const log = out('stdout');
  const error = out('stderr');
  const elapsed = (label: string) => {
    const start = timers.get(label);
    if (start === undefined) {
      error(`Warning: No such label '${label}' for console.timeEnd()`);
      return undefined;
    }
    const ms = now() - start;
    return ms < 1000 ? `${ms.toFixed(3)}ms` : `${(ms / 1000).toFixed(3)}s`;
  };
  const c = {
    log,
    info: log,
    debug: log,
    // As Node's: `[util.inspect.custom]` is ignored, and `{ depth }` may be given.
    dir: (value: unknown, dirOptions?: { depth?: number }) =>
      put(
        'stdout',
        inspect(value, {
          ...options,
          customInspect: false,
          ...(typeof dirOptions?.depth === 'number' ? { depth: dirOptions.depth } : {}),
        }),
      ),
    table: log,
    error,
    warn: error,
    trace: (...args: unknown[]) => {
      const stack = new Error().stack?.split('\n').slice(2).join('\n') ?? '';
      error(
        `Trace${args.length ? `: ${format(args, options)}` : ''}\n${options.mapStack?.(stack) ?? stack}`,
      );
    },
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok)
        error(args.length ? `Assertion failed: ${format(args, options)}` : 'Assertion failed');
    },
    count: (label = 'default') => {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      log(`${label}: ${n}`);
    },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => timers.set(label, now()),
    timeLog: (label = 'default', ...args: unknown[]) => {
      const t = elapsed(label);
      if (t) log(`${label}: ${t}`, ...args);
    },
    timeEnd: (label = 'default') => {
      const t = elapsed(label);
      timers.delete(label);
      if (t) log(`${label}: ${t}`);
    },
    group: (...args: unknown[]) => {
      if (args.length) log(...args);
      indent += '  ';
    },
    groupCollapsed: (...args: unknown[]) => c.group(...args),
    groupEnd: () => {
      indent = indent.slice(2);
    },
  };
  return c as unknown as Console;
}
