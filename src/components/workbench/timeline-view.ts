/**
 * The timeline of a kit run (issue 15). Public API, stable (exercise results use it too):
 *
 *   openTimeline(container: HTMLElement, trace: TraceRunEvent, options?: TimelineOptions): TimelineView
 *
 * appends the view of `trace` (the run's `trace` event, as the sandbox reported it) to
 * `container` and returns it; `view.root` is the view's `<section>`, `view.destroy()` removes it
 * and stops its observers. `new TimelineView(trace, programName, options?)` (the workbench's call)
 * still works: it builds the view without appending it.
 */
export function openTimeline(
  container: HTMLElement,
  trace: TraceRunEvent,
  options: TimelineOptions = {},
): TimelineView {
  const view = new TimelineView(trace, options.title ?? 'the program', options);
  container.append(view.root);
  return view;
}

/** Options of {@link openTimeline}. */
export interface TimelineOptions {
  /** What the heading names: "Timeline of <title>" (default "the program"). */
  readonly title?: string;
  /**
   * Why the run failed, if it did ("Deadlock: …", "Time limit reached", an error message): said
   * in full above the final state of every actor (or on its own when no actor is stuck).
   */
  readonly failure?: string;
}

import { CounterTable, describeCounters } from '../../runtime/timeline/counters.ts';
import {
  LONG_RUN_MS,
  SLOW_CLIENT_MS,
  healthTitle,
  loopHealth,
} from '../../runtime/timeline/health.ts';
import {
  STATES,
  buildTimeline,
  describeEvent,
  fmt,
  stateAt,
  type LaneState,
  type TimelineModel,
} from '../../runtime/timeline/lanes.ts';
import {
  NOTHING_TRACED,
  finalState,
  kindsOf,
  tracedKernels,
} from '../../runtime/timeline/sections.ts';
import {
  describeViewport,
  fit,
  pan,
  reveal,
  zoom,
  zoomLevel,
  type Viewport,
} from '../../runtime/timeline/viewport.ts';
import type { RunEvent } from '../../runtime/types.ts';
import { LaneCanvas, readTheme, statePattern } from './timeline-canvas.ts';

/** The run's traces, as the sandbox reported them. */
export type TraceRunEvent = Extract<RunEvent, { type: 'trace' }>;

/** Table rows rendered at once, around the current event. */
export const TABLE_WINDOW = 300;
/** Zoom step of the buttons and keys. */
const ZOOM_STEP = 2;
/** Pan step of ← / → (a share of the visible stretch). */
const PAN_STEP = 0.2;

const ORDER: readonly LaneState[] = [
  'running',
  'ready',
  'blocked',
  'polling',
  'sleeping',
  'waiting',
  'connected',
  'busy',
  'suspended',
  'unknown',
];

let views = 0;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text: string, action: string, onClick: () => void, label?: string) {
  const b = el('button', { type: 'button', class: 'button', 'data-action': action }, text);
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** The actor column: a greenlet's events are main's, on that greenlet ("main · worker"). */
function actorText(m: TimelineModel, i: number): string {
  const e = m.events[i]!;
  const lane = m.lanes[m.eventLane[i] ?? 0];
  return lane?.kind === 'greenlet' ? `${e.actor} · ${lane.name}` : e.actor;
}

const reducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The timeline of a run: loop-health flags, one lane per actor with its states over virtual time
 * (zoom, pan, fit), Step back / Step forward through the events with the current event and the
 * counters at that moment, where every actor was at the end, and the same events as a table
 * filterable by actor and kind, which is what screen readers read. Framework-free.
 */
export class TimelineView {
  readonly root: HTMLElement;
  readonly #trace: TraceRunEvent;
  readonly #options: TimelineOptions;
  readonly #id: string;
  #model!: TimelineModel;
  #counters: CounterTable | undefined;
  #canvas: LaneCanvas | undefined;
  #bounds: Viewport = { from: 0, to: 1 };
  #view: Viewport = { from: 0, to: 1 };
  /** Index into the model's events. */
  #current = 0;
  #actor = '';
  #kind = '';
  #body!: HTMLElement;
  #status!: HTMLElement;
  #counterList!: HTMLElement;
  #range!: HTMLElement;
  #rows!: HTMLTableSectionElement;
  #caption!: HTMLElement;
  #visibleCache: number[] | undefined;
  /** A kernel with events is shown (else the view is only a note). */
  #shown = false;

  constructor(trace: TraceRunEvent, programName: string, options: TimelineOptions = {}) {
    this.#trace = trace;
    this.#options = options;
    this.#id = `tl${++views}`;
    this.root = el('section', {
      class: 'tl',
      id: this.#id,
      'aria-labelledby': `${this.#id}-title`,
    });
    this.root.append(
      el('h3', { class: 'tl-title', id: `${this.#id}-title` }, `Timeline of ${programName}`),
    );
    const usable = tracedKernels(trace.kernels);
    if (trace.kernelsNotSent > 0)
      this.root.append(
        el(
          'p',
          { class: 'tl-note' },
          `The program created ${trace.kernels.length + trace.kernelsNotSent} kernels; the first ${trace.kernels.length} are shown.`,
        ),
      );
    if (usable.length > 1) {
      const pick = el('select', { id: `${this.#id}-kernel` });
      for (const k of usable)
        pick.append(
          el('option', { value: String(k.index) }, `Kernel ${k.index} (${k.events.length} events)`),
        );
      pick.addEventListener('change', () => this.#show(Number(pick.value)));
      const p = el('p', { class: 'tl-tools' });
      p.append(el('label', { for: pick.id }, 'Kernel '), pick);
      this.root.append(p);
    }
    this.#body = el('div', { class: 'tl-body' });
    this.root.append(this.#body);
    this.root.addEventListener('keydown', (e) => this.#key(e));
    const first = usable[0];
    if (first) this.#show(first.index);
    else
      this.#body.append(
        el(
          'p',
          { class: 'tl-note' },
          trace.kernels.length > 0 ? NOTHING_TRACED : 'This run created no kit kernel.',
        ),
      );
  }

  /** Index of the current event (0-based), for tests and callers. */
  get current(): number {
    return this.#current;
  }

  /** The visible stretch of virtual time. */
  get viewport(): Viewport {
    return this.#view;
  }

  /** Removes the view and stops its observers. */
  destroy(): void {
    this.#canvas?.destroy();
    this.root.remove();
  }

  #show(index: number): void {
    const trace = this.#trace.kernels.find((k) => k.index === index);
    this.#canvas?.destroy();
    this.#canvas = undefined;
    this.#body.replaceChildren();
    if (!trace || trace.events.length === 0) {
      this.#shown = false;
      this.#body.append(
        el('p', { class: 'tl-note' }, trace ? NOTHING_TRACED : 'This run created no kit kernel.'),
      );
      return;
    }
    this.#shown = true;
    const m = (this.#model = buildTimeline(trace, this.#trace.complete));
    this.#counters = undefined;
    this.#visibleCache = undefined;
    this.#current = 0;
    this.#actor = '';
    this.#kind = '';
    this.#bounds = fit(m.start, m.end);
    this.#view = this.#bounds;
    const b = this.#body;
    b.append(
      el(
        'p',
        { class: 'tl-summary' },
        `Kernel ${m.kernel}: ${m.events.length.toLocaleString('en')} events, ${m.lanes.length} actors, from ${fmt(m.start)} to ${fmt(m.end)} of virtual time.`,
      ),
    );
    for (const n of m.notes) b.append(el('p', { class: 'tl-note tl-cut' }, n));
    b.append(this.#health(m));
    if (m.lanes.length > 0) {
      b.append(this.#zoomBar());
      const canvas = (this.#canvas = new LaneCanvas(
        m,
        this.#view,
        `Lanes of ${m.lanes.length} actors over virtual time; the table below lists the same events.`,
        {
          onPick: (t, lane) => {
            const i = this.#canvas?.nearest(t, lane);
            if (i !== undefined) this.#go(i, true, false);
          },
          onPan: (dt) => this.#setView({ from: this.#view.from + dt, to: this.#view.to + dt }),
          onZoom: (f, t) => this.#setView(zoom(this.#view, f, t, this.#bounds)),
        },
      ));
      canvas.focusTarget.setAttribute('aria-describedby', `${this.#id}-keys`);
      b.append(
        canvas.element,
        el(
          'p',
          { class: 'tl-help', id: `${this.#id}-keys` },
          'Keys on the lanes: + and − zoom, 0 fits the whole run, ← and → pan, ↑ and ↓ scroll the lanes; , and . step back and forward through the events, Home and End go to the first and last. Ctrl + wheel zooms, dragging pans, a click picks the nearest event.',
        ),
        this.#legend(),
      );
    }
    b.append(this.#stepper());
    const end = this.#finalState(m, trace.now);
    if (end) b.append(end);
    b.append(this.#table(m));
    this.#go(0, false, true);
  }

  /** The loop-health section; its flags are read from the trace after the first paint. */
  #health(m: TimelineModel): HTMLElement {
    const box = el('div', { class: 'tl-health', 'aria-busy': 'true' });
    const h = el('h4', { id: `${this.#id}-health` }, healthTitle(m));
    const wait = el('p', {}, 'Reading the trace…');
    box.append(h, wait);
    const fill = () => {
      if (this.#model !== m) return; // another kernel is shown now
      wait.remove();
      box.removeAttribute('aria-busy');
      this.#flags(m, box, h.id);
    };
    // Not urgent: after the first paint, when the page is idle (or after one frame where
    // requestIdleCallback is missing).
    if (typeof requestIdleCallback === 'function') requestIdleCallback(fill, { timeout: 1000 });
    else if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => setTimeout(fill, 0));
    else fill();
    return box;
  }

  #flags(m: TimelineModel, box: HTMLElement, headingId: string): void {
    const { flags, timersTraced } = loopHealth(m);
    if (flags.length === 0)
      box.append(
        el(
          'p',
          {},
          `No flags: no event loop or cooperative task ran ${LONG_RUN_MS} ms or more without a syscall, and no client waited more than ${SLOW_CLIENT_MS} ms for a reply.`,
        ),
      );
    else {
      const ul = el('ul', { 'aria-labelledby': headingId });
      for (const f of flags) {
        const li = el('li', { 'data-flag': f.kind });
        const go = el('button', { type: 'button', class: 'tl-flag' }, f.text);
        go.addEventListener('click', () => {
          this.#go(f.event, true, true);
          this.#canvas?.focusTarget.focus({ preventScroll: reducedMotion() });
        });
        li.append(el('span', { class: 'tl-flag-mark', 'aria-hidden': 'true' }, '⚠'), go);
        ul.append(li);
      }
      box.append(ul);
    }
    if (!timersTraced && m.events.length > 0)
      box.append(
        el(
          'p',
          { class: 'tl-help' },
          'Timers: this trace has no sleep with its due time (timeouts and timer lists of a loop are not traced), so late timers cannot be told from it.',
        ),
      );
  }

  #zoomBar(): HTMLElement {
    const bar = el('div', { class: 'tl-zoom', role: 'toolbar', 'aria-label': 'Zoom and pan' });
    const anchor = () => this.#model.events[this.#current]?.t ?? this.#view.from;
    bar.append(
      button('Zoom in', 'zoom-in', () =>
        this.#setView(zoom(this.#view, ZOOM_STEP, anchor(), this.#bounds)),
      ),
      button('Zoom out', 'zoom-out', () =>
        this.#setView(zoom(this.#view, 1 / ZOOM_STEP, anchor(), this.#bounds)),
      ),
      button('Fit', 'zoom-fit', () => this.#setView(this.#bounds), 'Fit the whole run'),
      button(
        '◀',
        'pan-back',
        () => this.#setView(pan(this.#view, -PAN_STEP, this.#bounds)),
        'Pan earlier',
      ),
      button(
        '▶',
        'pan-forward',
        () => this.#setView(pan(this.#view, PAN_STEP, this.#bounds)),
        'Pan later',
      ),
    );
    this.#range = el('p', { class: 'tl-range', 'aria-live': 'polite', id: `${this.#id}-range` });
    bar.append(this.#range);
    return bar;
  }

  #setView(v: Viewport): void {
    this.#view = pan(v, 0, this.#bounds); // clamped
    this.#drawLanes();
  }

  #drawLanes(): void {
    const v = this.#view;
    if (this.#range) {
      const z = zoomLevel(v, this.#bounds);
      this.#range.textContent = `Showing ${describeViewport(v)} of ${fmt(this.#bounds.to)} (zoom ×${z < 10 ? z.toFixed(1) : Math.round(z).toLocaleString('en')})`;
    }
    const c = this.#canvas;
    if (!c) return;
    c.viewport = v;
    c.current = this.#current;
    c.draw();
  }

  #legend(): HTMLElement {
    const ul = el('ul', { class: 'tl-legend', 'aria-label': 'What the lane patterns mean' });
    const theme = readTheme(this.root);
    const entries: [LaneState | 'mixed', string, string][] = ORDER.map((s) => [
      s,
      STATES[s].name,
      STATES[s].meaning,
    ]);
    entries.push(['mixed', 'mixed', 'several states within one pixel — zoom in']);
    for (const [s, name, meaning] of entries) {
      const li = el('li');
      const sw = el('canvas', {
        width: '24',
        height: '12',
        'aria-hidden': 'true',
        class: 'tl-swatch',
      });
      const ctx = sw.getContext?.('2d');
      if (ctx) {
        ctx.fillStyle = statePattern(ctx, s, theme);
        ctx.fillRect(0, 0, 24, 12);
        ctx.strokeStyle = theme.fg;
        ctx.strokeRect(0.5, 0.5, 23, 11);
      }
      li.append(sw, el('strong', {}, name), `: ${meaning}`);
      ul.append(li);
    }
    return ul;
  }

  #stepper(): HTMLElement {
    const box = el('div', { class: 'tl-step' });
    const back = button('Step back', 'step-back', () => this.step(-1));
    const fwd = button('Step forward', 'step-forward', () => this.step(1));
    for (const b of [back, fwd]) b.setAttribute('aria-describedby', `${this.#id}-help`);
    this.#status = el('p', { class: 'tl-current', role: 'status' });
    const help = el(
      'p',
      { class: 'tl-help', id: `${this.#id}-help` },
      'With these buttons focused, ← and → also step; Home and End go to the first and last event.',
    );
    this.#counterList = el('dl', { class: 'tl-counters', 'aria-label': 'Counters at this event' });
    box.append(back, fwd, this.#status, this.#counterList, help);
    return box;
  }

  /**
   * Where every actor was at the end: the deadlock report, or the last moment kept. Left out for
   * a run where every actor finished; a failure is still said, in full, on its own then.
   */
  #finalState(m: TimelineModel, now: number): HTMLElement | undefined {
    const failure = this.#options.failure;
    const end = finalState(m, this.#trace.complete);
    if (!end.show && failure === undefined) return undefined;
    const box = el('div', { class: 'tl-final' });
    const at = end.cutAtEnd ? m.end : now;
    const h = el(
      'h4',
      { id: `${this.#id}-final` },
      !end.show
        ? 'How the run ended'
        : end.cutAtEnd
          ? `Where every actor was at the last event kept (${fmt(at)})`
          : `Where every actor was at the end (${fmt(at)})`,
    );
    box.append(h);
    if (failure !== undefined) box.append(el('p', { class: 'tl-note tl-failure' }, failure));
    else if (!this.#trace.complete)
      box.append(
        el('p', { class: 'tl-note' }, 'The run did not finish: it was stopped at the time limit.'),
      );
    if (!end.show) return box;
    const table = el('table', { 'aria-labelledby': h.id });
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, 'Actor'), el('th', { scope: 'col' }, 'State'));
    const body = el('tbody');
    for (const row of end.rows) {
      const tr = el('tr');
      const name = el('th', { scope: 'row' }, row.actor);
      if (row.stuck) {
        tr.className = 'tl-final-stuck';
        name.append(el('span', { class: 'tl-stuck-tag' }, 'stuck'));
      }
      tr.append(name, el('td', {}, row.state));
      body.append(tr);
    }
    const thead = el('thead');
    thead.append(head);
    table.append(thead, body);
    box.append(table);
    return box;
  }

  #table(m: TimelineModel): HTMLElement {
    const box = el('div', { class: 'tl-table' });
    const tools = el('p', { class: 'tl-tools' });
    const pick = el('select', { id: `${this.#id}-actor` });
    pick.append(el('option', { value: '' }, 'All actors'));
    for (const l of m.lanes) pick.append(el('option', { value: l.name }, `${l.name} (${l.kind})`));
    const kinds = el('select', { id: `${this.#id}-kind` });
    // Only the kinds the chosen actor has, so the two filters never empty the table together.
    const offerKinds = () => {
      const keep = kinds.value;
      const names = kindsOf(m, pick.value);
      kinds.replaceChildren(el('option', { value: '' }, 'All kinds'));
      for (const k of names) kinds.append(el('option', { value: k }, k));
      kinds.value = names.includes(keep) ? keep : '';
    };
    offerKinds();
    const refilter = () => {
      this.#actor = pick.value;
      this.#kind = kinds.value;
      this.#visibleCache = undefined;
      const list = this.#visible();
      // Stay on the current event if it passes the filter, else go to the first that does.
      const keep = list.includes(this.#current);
      this.#go(keep ? this.#current : (list[0] ?? this.#current), false, true);
    };
    pick.addEventListener('change', () => {
      offerKinds();
      refilter();
    });
    kinds.addEventListener('change', refilter);
    tools.append(
      el('label', { for: pick.id }, 'Show events of '),
      pick,
      el('label', { for: kinds.id }, ' of kind '),
      kinds,
    );
    const scroll = el('div', {
      class: 'tl-scroll',
      tabindex: '0',
      role: 'region',
      'aria-labelledby': `${this.#id}-caption`,
    });
    const table = el('table');
    this.#caption = el('caption', { id: `${this.#id}-caption` });
    const head = el('thead');
    const tr = el('tr');
    for (const h of ['#', 'Time (ms)', 'Actor', 'Call', 'fd', 'Result'])
      tr.append(el('th', { scope: 'col' }, h));
    head.append(tr);
    this.#rows = el('tbody');
    table.append(this.#caption, head, this.#rows);
    scroll.append(table);
    box.append(tools, scroll);
    return box;
  }

  /** Indexes of the events the filters let through. */
  #visible(): number[] {
    if (this.#visibleCache) return this.#visibleCache;
    const m = this.#model;
    let list: number[];
    if (this.#actor !== '') {
      const lane = m.lanes.find((l) => l.name === this.#actor);
      list = lane ? lane.events.slice() : [];
    } else {
      list = new Array<number>(m.events.length);
      for (let i = 0; i < list.length; i++) list[i] = i;
    }
    if (this.#kind !== '') list = list.filter((i) => m.events[i]!.event === this.#kind);
    return (this.#visibleCache = list);
  }

  /** Position of event `i` in the sorted list (or where it would go). */
  static #position(list: readonly number[], i: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Moves `by` events (within the filters); -Infinity / Infinity go to the first / last. */
  step(by: number): void {
    const list = this.#visible();
    if (list.length === 0) return;
    const at = TimelineView.#position(list, this.#current);
    // Off the list (filtered out): `at` is the later neighbour; one step back goes to the earlier.
    const found = list[at] === this.#current;
    const next =
      by === -Infinity
        ? 0
        : by === Infinity
          ? list.length - 1
          : found || by < 0
            ? at + by
            : at + by - 1;
    this.#go(list[Math.min(list.length - 1, Math.max(0, next))]!, true, true);
  }

  #key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (!this.#shown) return; // nothing traced: no events to step through
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (t.closest('select, .tl-scroll, .tl-health')) return; // their own keys there
    const onLanes = t.classList.contains('tl-vscroll');
    const onStep = t.closest('.tl-step') !== null;
    const z = (f: number) => {
      const anchor = this.#model.events[this.#current]?.t ?? this.#view.from;
      this.#setView(zoom(this.#view, f, anchor, this.#bounds));
    };
    const act: Record<string, (() => void) | undefined> = {
      Home: () => this.step(-Infinity),
      End: () => this.step(Infinity),
      ',': () => this.step(-1),
      '.': () => this.step(1),
      '<': () => this.step(-1),
      '>': () => this.step(1),
      ...(onLanes
        ? {
            '+': () => z(ZOOM_STEP),
            '=': () => z(ZOOM_STEP),
            '-': () => z(1 / ZOOM_STEP),
            '−': () => z(1 / ZOOM_STEP),
            _: () => z(1 / ZOOM_STEP),
            '0': () => this.#setView(this.#bounds),
            ArrowLeft: () => this.#setView(pan(this.#view, -PAN_STEP, this.#bounds)),
            ArrowRight: () => this.#setView(pan(this.#view, PAN_STEP, this.#bounds)),
          }
        : onStep
          ? { ArrowLeft: () => this.step(-1), ArrowRight: () => this.step(1) }
          : {}),
    };
    const run = act[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  }

  /** Makes event `i` current; `follow` pans the lanes to it if it is out of view. */
  #go(i: number, announce: boolean, follow: boolean): void {
    const m = this.#model;
    if (m.events.length === 0) {
      this.#status.textContent = 'The trace has no events.';
      this.#drawLanes();
      this.#renderRows();
      return;
    }
    this.#current = i;
    const ev = m.events[i]!;
    if (follow) {
      this.#view = reveal(this.#view, ev.t, this.#bounds);
      this.#canvas?.showLane(m.eventLane[i] ?? 0);
    }
    this.#drawLanes();
    // The live region speaks only when the learner steps, not when the view opens.
    this.#status.setAttribute('aria-live', announce ? 'polite' : 'off');
    this.#status.textContent = describeEvent(m, i);
    this.#renderCounters(i);
    this.#renderRows();
  }

  #renderCounters(i: number): void {
    const m = this.#model;
    const c = (this.#counters ??= new CounterTable(m)).at(i);
    const list = this.#counterList;
    list.replaceChildren();
    if (!c) return;
    const sinceCut = m.cuts.some((x) => x.before === 0);
    for (const [k, v] of describeCounters(c, sinceCut))
      list.append(el('dt', {}, k), el('dd', {}, v));
    const lane = m.lanes[m.eventLane[i] ?? 0];
    const st = lane ? stateAt(lane, m.events[i]!.t) : undefined;
    if (lane && st) list.append(el('dt', {}, `${lane.name} now`), el('dd', {}, st.label));
  }

  #renderRows(): void {
    const m = this.#model;
    const list = this.#visible();
    let at = TimelineView.#position(list, this.#current);
    if (list[at] !== this.#current) at = Math.max(0, at - 1);
    const from = Math.max(0, Math.min(at - TABLE_WINDOW / 2, list.length - TABLE_WINDOW));
    const rows = list.slice(from, from + TABLE_WINDOW);
    const who = this.#actor === '' ? 'all actors' : this.#actor;
    const what = this.#kind === '' ? 'Events' : `${this.#kind} events`;
    this.#caption.textContent =
      rows.length === list.length
        ? `${what} of ${who} (${list.length.toLocaleString('en')})`
        : `${what} of ${who}: ${(from + 1).toLocaleString('en')} to ${(from + rows.length).toLocaleString('en')} of ${list.length.toLocaleString('en')}, around the current event`;
    const frag = document.createDocumentFragment();
    if (list.length === 0) {
      const tr = el('tr');
      tr.append(el('td', { colspan: '6' }, 'No events match these filters.'));
      frag.append(tr);
    }
    let current: HTMLElement | undefined;
    for (const i of rows) {
      const e = m.events[i]!;
      const tr = el('tr', { 'data-index': String(i) });
      const go = el(
        'button',
        { type: 'button', class: 'tl-go', 'aria-label': `Go to event ${i + 1}` },
        String(i + 1),
      );
      go.addEventListener('click', () => this.#go(i, true, true));
      const num = el('td');
      num.append(go);
      tr.append(
        num,
        el('td', {}, e.t.toFixed(3)),
        el('td', {}, actorText(m, i)),
        el('td', {}, e.event),
        el('td', {}, e.fd === undefined ? '' : String(e.fd)),
        el('td', {}, e.detail ?? ''),
      );
      if (i === this.#current) {
        tr.setAttribute('aria-current', 'true');
        current = tr;
      }
      frag.append(tr);
    }
    this.#rows.replaceChildren(frag);
    if (current) {
      const scroll = current.closest<HTMLElement>('.tl-scroll');
      if (scroll && scroll.clientHeight > 0) {
        const top = current.offsetTop - scroll.clientHeight / 2;
        scroll.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? 'auto' : 'smooth' });
      }
    }
  }
}
