import { inspect, type InspectOptions } from './inspect.ts';

/**
 * `util.format` as `console.log` uses it: printf-style `%s %d %i %f %j %o %O %c %%` in a leading
 * string, then every other argument separated by a space, strings as they are and anything else
 * through {@link inspect}.
 */
export function format(args: readonly unknown[], options: InspectOptions = {}): string {
  if (args.length === 0) return '';
  const first = args[0];
  let rest = 1;
  let out = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    out = first.replace(/%[sdifjoOc%]/g, (spec) => {
      if (spec === '%%') return '%';
      if (rest >= args.length) return spec;
      const arg = args[rest++];
      switch (spec) {
        case '%s':
          if (typeof arg === 'bigint') return `${arg}n`;
          if (typeof arg === 'symbol') return arg.toString();
          if (typeof arg === 'object' && arg !== null)
            return inspect(arg, { ...options, depth: 0 });
          return typeof arg === 'number' && Object.is(arg, -0) ? '-0' : String(arg);
        case '%d':
          if (typeof arg === 'bigint') return `${arg}n`;
          return typeof arg === 'object' && arg !== null ? 'NaN' : formatNumber(Number(arg));
        case '%i':
          if (typeof arg === 'bigint') return `${arg}n`;
          return formatNumber(parseInt(String(arg), 10));
        case '%f':
          return formatNumber(parseFloat(String(arg)));
        case '%j':
          try {
            return JSON.stringify(arg) ?? 'undefined';
          } catch {
            return '[Circular]';
          }
        case '%o': // Node adds hidden properties here; plain inspect is close enough
        case '%O':
          return inspect(arg, options);
        default:
          return ''; // %c: CSS, ignored outside browsers' own consoles
      }
    });
  } else {
    out = inspect(first, options);
  }
  for (; rest < args.length; rest++) {
    const arg = args[rest];
    out += ` ${typeof arg === 'string' ? arg : inspect(arg, options)}`;
  }
  return out;
}

function formatNumber(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}
