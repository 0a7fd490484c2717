import { MAX_OUTPUT_LINES, type OutputLine, type RunEvent } from '../../runtime/types.ts';
import type { TraceRunEvent } from './timeline-view.ts';
import type { RecordedFallback } from './recorded-fallback.ts';
import './timeline-view.css';

/** The elements a run's output is shown in. */
export interface OutputElements {
  readonly region: HTMLElement;
  readonly label: HTMLElement;
  readonly log: HTMLElement;
  readonly status: HTMLElement;
  /** The figure's "Output, recorded on Node.js" block, if it has one (see `recorded-fallback.ts`). */
  readonly recorded?: HTMLElement | null;
}

const fmtMs = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`);

/**
 * Characters drawn per animation frame. Long lines wrap, so a frame's layout grows with the text
 * it adds: a megabyte in one frame is a main-thread task of several hundred milliseconds.
 */
const CHARS_PER_FRAME = 64 * 1024;

/**
 * Renders a run into its log: events are queued and drawn once per animation frame, at most
 * `CHARS_PER_FRAME` characters a frame, so even a flood of long lines costs one small DOM update
 * per frame; lines beyond the cap are only counted. The exit status is written once the queue is
 * drawn, so "finished" always means "all of it is on screen". stderr lines get a class and a
 * text marker (not colour alone).
 */
export class OutputView {
  readonly #el: OutputElements;
  #queue: HTMLElement[] = [];
  #frame = 0;
  /** What to do once the queue is drawn (the exit status), if the run has ended. */
  #whenDrawn: (() => void) | undefined;
  #shown = 0;
  /** Dropped by the runtime (its running total) and by this view's own cap. */
  #sentDropped = 0;
  #dropped = 0;
  /** The run's kit traces, if it made any kernel (worker runs). */
  #trace: TraceRunEvent | undefined;
  /** The run's first error line, to say above the timeline why the run failed. */
  #firstError: string | undefined;

  constructor(elements: OutputElements) {
    this.#el = elements;
  }

  /** Clears the log and shows which runtime is about to run. */
  start(label: string, limitMs: number): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#queue = [];
    this.#whenDrawn = undefined;
    this.#shown = 0;
    this.#sentDropped = 0;
    this.#dropped = 0;
    this.#el.region.hidden = false;
    // A fallback may have taken the recording's place; a run shows it again, to compare with.
    if (this.#el.recorded) this.#el.recorded.hidden = false;
    // A run counter, so tests (and anyone watching) can tell one run's end from the next.
    this.#el.status.dataset['run'] = String(Number(this.#el.status.dataset['run'] ?? 0) + 1);
    this.#el.log.replaceChildren();
    this.#trace = undefined;
    this.#firstError = undefined;
    this.#el.region.querySelector('.run-timeline')?.remove();
    this.#el.label.textContent = label;
    this.#el.status.textContent = `Running… (stops after ${limitMs / 1000} s)`;
    this.#el.status.dataset['state'] = 'running';
    delete this.#el.status.dataset['code'];
  }

  /** Shows one run event. */
  handle(event: RunEvent, runtimeLabel: string): void {
    switch (event.type) {
      case 'output':
        for (const line of event.lines) this.#line(line);
        this.#sentDropped = event.dropped;
        break;
      case 'error': {
        const at = event.position
          ? ` (${event.position.file}, line ${event.position.line}, column ${event.position.column})`
          : '';
        const [first = '', ...rest] = event.message.split('\n');
        this.#firstError ??= first;
        this.#line({ stream: 'stderr', text: first + at }, 'out-error');
        for (const text of rest) this.#line({ stream: 'stderr', text }, 'out-error');
        break;
      }
      case 'progress':
        this.#el.status.textContent = event.text;
        break;
      case 'unavailable':
        break; // the caller shows the recorded output instead
      case 'trace':
        this.#trace = event; // the last one wins: a snapshot near the limit, then the final one
        break;
      case 'exit':
        if (event.reason === 'unavailable') break; // showRecorded() already said what happened
        this.#afterDrawn(() => this.#ended(event, runtimeLabel));
        break;
    }
  }

  /** The run's end, once its output is on screen: status, timeline, and the page's event. */
  #ended(event: Extract<RunEvent, { type: 'exit' }>, runtimeLabel: string): void {
    this.#el.label.textContent = runtimeLabel;
    this.#el.status.dataset['state'] = event.reason;
    this.#el.status.dataset['code'] = String(event.code);
    this.#el.status.textContent = this.#summary(event);
    if (this.#trace) this.#offerTimeline(this.#trace, this.#failure(event.reason));
    // Tells the page the run ended (charts redraw from its stdout): bubbles from the figure.
    this.#el.region.closest('figure')?.dispatchEvent(
      new CustomEvent('snippet-run-finished', {
        bubbles: true,
        detail: {
          id: this.#el.region.closest('figure')?.dataset['snippetId'],
          stdout: [...this.#el.log.querySelectorAll('.out-stdout')].map((d) => d.textContent ?? ''),
          runtime: runtimeLabel,
          reason: event.reason,
          code: event.code,
        },
      }),
    );
  }

  /**
   * Shows lines that did not come from a run (the recorded output, as a fallback), in place of
   * the figure's recording block, so that the recording is on screen once.
   */
  showRecorded(fallback: RecordedFallback): void {
    this.#el.label.textContent = fallback.label;
    if (fallback.hideRecordedBlock && this.#el.recorded) this.#el.recorded.hidden = true;
    for (const text of fallback.lines) this.#line({ stream: 'stdout', text });
    this.#afterDrawn(() => {
      this.#el.status.dataset['state'] = 'recorded';
      this.#el.status.textContent = fallback.note;
    });
  }

  #summary(e: Extract<RunEvent, { type: 'exit' }>): string {
    const n = this.#dropped + this.#sentDropped;
    const dropped = n > 0 ? ` · ${n.toLocaleString('en')} more lines dropped` : '';
    switch (e.reason) {
      case 'stopped':
        return `Stopped by you after ${fmtMs(e.durationMs)}${dropped}`;
      case 'timeout':
        return `Stopped at the time limit after ${fmtMs(e.durationMs)}${dropped}`;
      case 'unavailable':
        return '';
      default:
        return `Exit status ${e.code}${e.code === 0 ? '' : ' (failed)'} · ${fmtMs(e.durationMs)}${dropped}`;
    }
  }

  /** Why the run ended, for the timeline's final-state table; nothing for a finished run. */
  #failure(reason: Extract<RunEvent, { type: 'exit' }>['reason']): string | undefined {
    if (reason === 'timeout') return 'The run was stopped at the time limit.';
    if (reason === 'stopped') return 'You stopped the run.';
    if (reason === 'finished') return undefined;
    return this.#firstError;
  }

  /** The "Timeline" toggle under the output; the view itself loads on the first click. */
  #offerTimeline(trace: TraceRunEvent, failure?: string): void {
    const events = trace.kernels.reduce((n, k) => n + k.events.length, 0);
    if (events === 0) return; // every kernel ran with `trace: false`: nothing to draw
    const box = document.createElement('div');
    box.className = 'run-timeline';
    const row = document.createElement('p');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.dataset['action'] = 'timeline';
    button.textContent = 'Timeline';
    button.setAttribute('aria-expanded', 'false');
    const note = document.createElement('span');
    const kernels = trace.kernels.length + trace.kernelsNotSent;
    note.textContent = `what each thread, task and peer did, from the kit's trace (${events.toLocaleString('en')} events${kernels > 1 ? `, ${kernels} kernels` : ''})`;
    row.append(button, note);
    box.append(row);
    this.#el.region.append(box);
    let view: HTMLElement | undefined;
    button.addEventListener('click', () => {
      if (view) {
        view.hidden = !view.hidden;
        button.setAttribute('aria-expanded', String(!view.hidden));
        return;
      }
      button.disabled = true;
      const name =
        this.#el.log.getAttribute('aria-label')?.replace(/^Output of /, '') ?? 'the program';
      void import('./timeline-view.ts')
        .then(({ TimelineView }) => {
          view = new TimelineView(trace, name, failure ? { failure } : {}).root;
          button.setAttribute('aria-controls', view.id);
          box.append(view);
          button.setAttribute('aria-expanded', 'true');
        })
        .catch((error: unknown) => {
          note.textContent = `The timeline could not load: ${String(error)}`;
        })
        .finally(() => {
          button.disabled = false;
        });
    });
  }

  #line(line: OutputLine, extra?: string): void {
    if (this.#shown >= MAX_OUTPUT_LINES) {
      this.#dropped++;
      return;
    }
    this.#shown++;
    const div = document.createElement('div');
    div.className = `out-line out-${line.stream}${extra ? ` ${extra}` : ''}`;
    div.textContent = line.text;
    this.#queue.push(div);
    this.#frame ||= requestAnimationFrame(() => this.#flush());
  }

  /** Runs `fn` now if nothing is waiting to be drawn, else once the last line is drawn. */
  #afterDrawn(fn: () => void): void {
    if (this.#queue.length === 0) {
      this.#whenDrawn = undefined;
      fn();
    } else {
      this.#whenDrawn = fn;
      this.#frame ||= requestAnimationFrame(() => this.#flush());
    }
  }

  /** Draws up to `CHARS_PER_FRAME` characters of queued lines; the rest waits for a frame. */
  #flush(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    let chars = 0;
    let n = 0;
    while (n < this.#queue.length && (n === 0 || chars < CHARS_PER_FRAME)) {
      chars += this.#queue[n]!.textContent?.length ?? 0;
      n++;
    }
    if (n > 0) this.#el.log.append(...this.#queue.splice(0, n));
    if (this.#queue.length > 0) {
      this.#frame = requestAnimationFrame(() => this.#flush());
      return;
    }
    const done = this.#whenDrawn;
    this.#whenDrawn = undefined;
    done?.();
  }
}
