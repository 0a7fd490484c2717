import type { TraceRunEvent } from '../../runtime/checks/check-runner.ts';
import type { CheckResult } from '../../runtime/harness/index.ts';
import { seedVerdict } from '../../runtime/checks/seed-text.ts';
import type { SeedCheck } from './code-check.ts';

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

/** What a panel lends the view for "Run this seed". */
export interface SeedActions {
  /** Runs check `name` under `seed` alone; undefined when another run is under way. */
  readonly runSeed: (name: string, seed: number) => Promise<SeedCheck | undefined>;
  /** Says a sentence through the panel's live region. */
  readonly announce: (text: string) => void;
}

/**
 * Renders check results as they stream in: one list item per check with its verdict in words
 * (not colour alone), message and expected vs actual; the first failure gets a visible tag and
 * emphasis. A seeded check that failed says under which seed (and which passed before it) and
 * offers **Run this seed**, which runs that check under that seed alone and opens the timeline
 * of that run. The program's own output and errors go to a separate log.
 */
export class ResultsView {
  readonly #el: ResultsElements;
  readonly #seeds: SeedActions | undefined;
  #firstFailure = false;

  constructor(elements: ResultsElements, seeds?: SeedActions) {
    this.#el = elements;
    this.#seeds = seeds;
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
    this.#el.region.querySelector(':scope > .check-timeline')?.remove();
  }

  /**
   * After a whole Check: a button that opens the timeline of every kit kernel the checks made
   * (one run of the learner's code under each check's worlds; a failing seed's own timeline is
   * "Run this seed"). Nothing is offered when the checks made no kernel.
   */
  offerTimeline(trace: TraceRunEvent): void {
    const kernels = trace.kernels.filter((k) => k.events.length > 0).length;
    if (kernels === 0) return;
    const box = el('div', 'check-timeline');
    const button = el('button', 'button', 'Timeline of this Check');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    const more = trace.kernelsNotSent > 0 ? ` (and ${trace.kernelsNotSent} more not kept)` : '';
    const help = el(
      'span',
      'seed-help',
      `the ${kernels === 1 ? 'kernel' : `${kernels} kernels`} your code ran on during the checks${more}`,
    );
    const out = el('div', 'seed-out');
    let opened: { destroy(): void } | undefined;
    button.addEventListener('click', async () => {
      if (opened) {
        opened.destroy();
        opened = undefined;
        button.setAttribute('aria-expanded', 'false');
        return;
      }
      const [{ openTimeline }] = await Promise.all([
        import('../workbench/timeline-view.ts'),
        import('../workbench/timeline-view.css'),
      ]);
      opened = openTimeline(out, trace, { title: 'the kit runs of this Check' });
      button.setAttribute('aria-expanded', 'true');
    });
    const row = el('p', 'seed-actions');
    row.append(button, ' ', help);
    box.append(row, out);
    this.#el.region.append(box);
  }

  /** Names the runtime that ran the checks. */
  runtime(label: string): void {
    this.#el.runtime.textContent = label;
  }

  /** Adds one check's result. */
  add(r: CheckResult): void {
    const li = el('li', `result ${r.passed ? 'pass' : 'fail'}`);
    li.dataset['passed'] = String(r.passed);
    if (!r.passed && r.seed !== undefined) li.dataset['seed'] = String(r.seed);
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
    const seeds = seedVerdict(r);
    if (seeds) li.append(el('p', 'seeds', `${seeds}.`));
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
    if (!r.passed && r.seed !== undefined && this.#seeds) li.append(this.#seedTools(r, r.seed));
    this.#el.list.append(li);
  }

  /** The "Run this seed" button and the place its run reports to. */
  #seedTools(r: CheckResult, seed: number): HTMLElement {
    const box = el('div', 'seed-run');
    const row = el('p', 'seed-actions');
    const button = el('button', 'button', 'Run this seed');
    button.type = 'button';
    button.dataset['action'] = 'run-seed';
    button.dataset['seed'] = String(seed);
    // The visible words first (voice control), then the seed and the check they act on.
    button.setAttribute('aria-label', `Run this seed: seed ${seed} of “${r.name}”`);
    row.append(
      button,
      ' ',
      el('span', 'seed-help', `runs this check alone under seed ${seed} and shows its timeline`),
    );
    const out = el('div', 'seed-out');
    box.append(row, out);
    button.addEventListener('click', () => void this.#runSeed(r.name, seed, button, out));
    return box;
  }

  async #runSeed(name: string, seed: number, button: HTMLButtonElement, out: HTMLElement) {
    const actions = this.#seeds;
    if (!actions || button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    out.replaceChildren(el('p', 'seed-status', `Running seed ${seed} again…`));
    out.dataset['state'] = 'running';
    try {
      const run = await actions.runSeed(name, seed);
      if (!run) {
        out.replaceChildren(
          el('p', 'seed-status', 'Another run is under way; try again when it has finished.'),
        );
        return;
      }
      const said = seedRunText(seed, run);
      const status = el('p', 'seed-status', said);
      out.replaceChildren(status);
      out.dataset['state'] = run.result ? (run.result.passed ? 'passed' : 'failed') : 'none';
      const events = run.trace?.kernels.reduce((n, k) => n + k.events.length, 0) ?? 0;
      if (!run.trace || events === 0) {
        status.append(' This run created no kit kernel, so there is no timeline to show.');
        actions.announce(status.textContent ?? said);
        return;
      }
      // The view's styles travel with the workbench's output view; load them with it here.
      const [{ openTimeline }] = await Promise.all([
        import('../workbench/timeline-view.ts'),
        import('../workbench/timeline-view.css'),
      ]);
      const failure = run.result && !run.result.passed ? run.result.message : undefined;
      const view = openTimeline(out, run.trace, {
        title: `“${name}” under seed ${seed}`,
        ...(failure ? { failure } : {}),
      });
      view.root.classList.add('seed-timeline');
      actions.announce(`${said} Its timeline is open below the button.`);
    } catch (error) {
      out.replaceChildren(el('p', 'seed-status', `The seed could not run: ${String(error)}`));
      out.dataset['state'] = 'none';
      actions.announce(`Seed ${seed} could not run.`);
    } finally {
      button.removeAttribute('aria-disabled');
      if (out.dataset['state'] === 'running') delete out.dataset['state'];
    }
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
    const seed = first instanceof HTMLElement ? first.dataset['seed'] : undefined;
    const under = seed !== undefined ? ` under seed ${seed}` : '';
    const failure = name ? ` First failure: ${name}${under}${message ? ` — ${message}` : ''}.` : '';
    return `${this.#el.summary.textContent}.${failure}`.replace(/\.\./g, '.');
  }
}

/** What a "Run this seed" run gave, in one or two sentences. */
export function seedRunText(seed: number, run: SeedCheck): string {
  const r = run.result;
  const note = run.note ? ` ${run.note}` : '';
  if (!r) return `Seed ${seed} gave no result.${note || ' The run ended before the check did.'}`;
  if (r.passed)
    return `Seed ${seed} again: ✓ Passed this time (the code may have changed since the Check).${note}`;
  const detail =
    r.expected !== undefined || r.actual !== undefined
      ? ` (expected ${r.expected ?? '—'}, actual ${r.actual ?? '—'})`
      : '';
  return `Seed ${seed} again: ✗ Failed: ${r.message ?? 'no message'}${detail}.${note}`.replace(
    /\.\./g,
    '.',
  );
}
