import type { CheckResult } from '../../runtime/harness/index.ts';

/** The parts of a panel that show a Check run. */
export interface ResultsElements {
  readonly region: HTMLElement;
  readonly runtime: HTMLElement;
  readonly summary: HTMLElement;
  readonly list: HTMLOListElement;
  readonly output: HTMLElement;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string) => {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/**
 * Renders check results as they stream in: one list item per check with its verdict in words
 * (not colour alone), message and expected vs actual; the first failure gets a visible tag and
 * emphasis. The program's own output and errors go to a separate log.
 */
export class ResultsView {
  readonly #el: ResultsElements;
  #firstFailure = false;

  constructor(elements: ResultsElements) {
    this.#el = elements;
  }

  /** Clears the previous run. */
  start(runtime: string): void {
    this.#firstFailure = false;
    this.#el.region.hidden = false;
    this.#el.runtime.textContent = runtime;
    this.#el.summary.textContent = 'Checking…';
    this.#el.summary.dataset['state'] = 'running';
    this.#el.list.replaceChildren();
    this.#el.output.replaceChildren();
  }

  /** Names the runtime that ran the checks. */
  runtime(label: string): void {
    this.#el.runtime.textContent = label;
  }

  /** Adds one check's result. */
  add(r: CheckResult): void {
    const li = el('li', `result ${r.passed ? 'pass' : 'fail'}`);
    li.dataset['passed'] = String(r.passed);
    const head = el('p', 'result-head');
    head.append(
      el('span', 'verdict', r.passed ? '✓ Passed' : '✗ Failed'),
      ' ',
      el('span', 'name', r.name),
      ' ',
      el('span', 'ms', `${r.ms} ms`),
    );
    if (!r.passed && !this.#firstFailure) {
      this.#firstFailure = true;
      li.classList.add('first-failure');
      head.prepend(el('strong', 'first-tag', 'First failure'), ' ');
    }
    li.append(head);
    if (r.message) li.append(el('p', 'message', r.message));
    if (r.expected !== undefined || r.actual !== undefined) {
      const dl = el('dl', 'diff');
      for (const [label, value] of [
        ['Expected', r.expected],
        ['Actual', r.actual],
      ] as const) {
        if (value === undefined) continue;
        const dd = el('dd', '');
        dd.append(el('code', '', value));
        dl.append(el('dt', '', label), dd);
      }
      li.append(dl);
    }
    this.#el.list.append(li);
  }

  /** Adds a line to the program-output log (`error` lines are marked in text, not colour only). */
  line(text: string, stream: 'stdout' | 'stderr' | 'error'): void {
    this.#el.output.append(
      el('div', `out-line out-${stream === 'stdout' ? 'stdout' : 'stderr'}`, text),
    );
  }

  /** Writes the summary line and returns the sentence to announce. */
  finish(totals: { passed: number; failed: number }, note?: string): string {
    const summary = `${totals.passed} passed, ${totals.failed} failed`;
    this.#el.summary.textContent = note ? `${summary}. ${note}` : summary;
    this.#el.summary.dataset['state'] =
      totals.failed === 0 && totals.passed > 0 && !note ? 'passed' : 'failed';
    const first = this.#el.list.querySelector('.first-failure');
    const name = first?.querySelector('.name')?.textContent;
    const message = first?.querySelector('.message')?.textContent;
    const failure = name ? ` First failure: ${name}${message ? ` — ${message}` : ''}.` : '';
    return `${this.#el.summary.textContent}.${failure}`.replace(/\.\./g, '.');
  }
}
