import type { CheckReport, CheckResult } from '../harness/index.ts';
import type { OutputLine } from '../types.ts';
import { CHECK_MARKER } from './check-request.ts';

/** One message from the check runner. */
export type CheckMessage =
  | { readonly type: 'result'; readonly result: CheckResult }
  | { readonly type: 'report'; readonly report: CheckReport }
  | { readonly type: 'load-error'; readonly message: string };

const isResult = (r: unknown): r is CheckResult =>
  typeof (r as CheckResult)?.name === 'string' && typeof (r as CheckResult).passed === 'boolean';

/** The runner's message on a line, or undefined for the program's own output. */
export function parseCheckLine(text: string): CheckMessage | undefined {
  // Found anywhere, not only at the start: console.group() in the learner's code indents lines.
  const at = text.indexOf(CHECK_MARKER);
  if (at < 0) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(text.slice(at + CHECK_MARKER.length));
  } catch {
    return undefined;
  }
  const msg = m as Record<string, unknown> | null;
  if (msg?.['type'] === 'result' && isResult(msg['result'])) return msg as CheckMessage;
  if (msg?.['type'] === 'load-error' && typeof msg['message'] === 'string')
    return msg as CheckMessage;
  const report = msg?.['report'] as CheckReport | undefined;
  if (
    msg?.['type'] === 'report' &&
    Array.isArray(report?.results) &&
    report.results.every(isResult)
  )
    return msg as CheckMessage;
  return undefined;
}

/** Sorts a Check run's output into results and the program's own lines, as they stream in. */
export class CheckCollector {
  readonly results: CheckResult[] = [];
  readonly output: OutputLine[] = [];
  report: CheckReport | undefined;
  loadError: string | undefined;

  /** Takes one output line; returns the runner message it carried, if any. */
  push(line: OutputLine): CheckMessage | undefined {
    const m = line.stream === 'stdout' ? parseCheckLine(line.text) : undefined;
    if (!m) this.output.push(line);
    else if (m.type === 'result') this.results.push(m.result);
    else if (m.type === 'report') {
      this.report = m.report;
      // The report also holds results never streamed (a check file that failed to load).
      this.results.splice(0, this.results.length, ...m.report.results);
    } else this.loadError = m.message;
    return m;
  }

  /** The totals so far: the final report's, or counted from the results that arrived. */
  totals(): { passed: number; failed: number } {
    const passed = this.results.filter((r) => r.passed).length;
    return { passed, failed: this.results.length - passed };
  }
}
