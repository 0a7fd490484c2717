import type { CheckReport, CheckResult } from '../harness/index.ts';
import { CHECK_MARKER } from '../report-channel.ts';
import type { OutputLine } from '../types.ts';

/** One message from the check runner, as the page sees it. */
export type CheckMessage =
  | { readonly type: 'result'; readonly result: CheckResult }
  /** The runner finished; `report` holds the results the page counted, not any reported total. */
  | { readonly type: 'report'; readonly report: CheckReport }
  | { readonly type: 'load-error'; readonly message: string };

/** What travels on the wire: the runner's closing message is only a count of its results. */
type WireMessage =
  Exclude<CheckMessage, { type: 'report' }> | { readonly type: 'report'; readonly count: number };

const optional = (v: unknown) => v === undefined || typeof v === 'string';
const count = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** The most passed seeds a result carries to the page (a check has a handful; 20 at most). */
export const MAX_SEEDS_SHOWN = 1000;
const isResult = (r: unknown): r is CheckResult => {
  const x = r as Record<string, unknown> | null;
  return (
    typeof x?.['name'] === 'string' &&
    typeof x['passed'] === 'boolean' &&
    optional(x['message']) &&
    optional(x['expected']) &&
    optional(x['actual']) &&
    (x['ms'] === undefined || typeof x['ms'] === 'number') &&
    (x['seed'] === undefined || count(x['seed'])) &&
    (x['seedsTried'] === undefined || count(x['seedsTried'])) &&
    (x['seedsTotal'] === undefined || count(x['seedsTotal'])) &&
    (x['seedsPassed'] === undefined ||
      (Array.isArray(x['seedsPassed']) && (x['seedsPassed'] as unknown[]).every(count)))
  );
};

/** Only the fields the panel shows, so nothing else a message carries reaches the page. */
function result(x: CheckResult): CheckResult {
  return {
    name: x.name,
    passed: x.passed,
    ms: typeof x.ms === 'number' ? x.ms : 0,
    ...(x.message !== undefined ? { message: x.message } : {}),
    ...(x.expected !== undefined ? { expected: x.expected } : {}),
    ...(x.actual !== undefined ? { actual: x.actual } : {}),
    ...(x.seed !== undefined ? { seed: x.seed } : {}),
    ...(x.seedsPassed !== undefined
      ? { seedsPassed: x.seedsPassed.slice(0, MAX_SEEDS_SHOWN) }
      : {}),
    ...(x.seedsTried !== undefined ? { seedsTried: x.seedsTried } : {}),
    ...(x.seedsTotal !== undefined ? { seedsTotal: x.seedsTotal } : {}),
  };
}

function parseWire(json: string): WireMessage | undefined {
  let m: unknown;
  try {
    m = JSON.parse(json);
  } catch {
    return undefined;
  }
  const msg = m as Record<string, unknown> | null;
  if (msg?.['type'] === 'result' && isResult(msg['result']))
    return { type: 'result', result: result(msg['result']) };
  if (msg?.['type'] === 'load-error' && typeof msg['message'] === 'string')
    return { type: 'load-error', message: msg['message'] };
  if (msg?.['type'] === 'report' && Number.isSafeInteger(msg['count']))
    return { type: 'report', count: msg['count'] as number };
  return undefined;
}

/**
 * The runner's message on a line, or undefined for the program's own output. With a `key` (the
 * browser), only a line that starts with the marker and that key counts; the runtime writes
 * those lines itself (src/runtime/report-channel.ts). Without one (on Node, where the runner
 * prints), a marker anywhere in the line counts: console.group() in the learner's code indents.
 */
export function parseCheckLine(text: string, key?: string): WireMessage | undefined {
  if (key !== undefined) {
    const prefix = CHECK_MARKER + key;
    return text.startsWith(prefix) ? parseWire(text.slice(prefix.length)) : undefined;
  }
  const at = text.indexOf(CHECK_MARKER);
  return at < 0 ? undefined : parseWire(text.slice(at + CHECK_MARKER.length));
}

/**
 * Sorts a Check run's output into results and the program's own lines, as they stream in. The
 * totals are always counted from the results received here; the runner's closing message only
 * says how many it sent, and the run counts as reported only when that number arrived.
 */
export class CheckCollector {
  readonly results: CheckResult[] = [];
  readonly output: OutputLine[] = [];
  /** Set when the runner's closing message arrived and matched the results received. */
  report: CheckReport | undefined;
  loadError: string | undefined;
  readonly #key: string | undefined;

  /** `key`: the run's secret (see {@link parseCheckLine}); omit on Node. */
  constructor(key?: string) {
    this.#key = key;
  }

  /** Takes one output line; returns the runner message it carried, if any. */
  push(line: OutputLine): CheckMessage | undefined {
    const m = line.stream === 'stdout' ? parseCheckLine(line.text, this.#key) : undefined;
    if (!m || this.report) {
      // After the closing message nothing more is a result: a late line is program output.
      this.output.push(line);
      return undefined;
    }
    if (m.type === 'result') {
      this.results.push(m.result);
      return m;
    }
    if (m.type === 'load-error') {
      this.loadError = m.message;
      return m;
    }
    if (m.count !== this.results.length) return undefined;
    this.report = { results: [...this.results], ...this.totals() };
    return { type: 'report', report: this.report };
  }

  /** The totals, counted from the results that arrived. */
  totals(): { passed: number; failed: number } {
    const passed = this.results.filter((r) => r.passed).length;
    return { passed, failed: this.results.length - passed };
  }
}
