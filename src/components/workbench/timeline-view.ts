import { tickStep } from '../../course/timeline.ts';
import {
  STATES,
  buildTimeline,
  describeEvent,
  fmt,
  type LaneState,
  type TimelineModel,
} from '../../runtime/timeline/lanes.ts';
import type { RunEvent } from '../../runtime/types.ts';

/** The run's traces, as the sandbox reported them. */
export type TraceRunEvent = Extract<RunEvent, { type: 'trace' }>;

const SVG = 'http://www.w3.org/2000/svg';
const W = 800;
const LEFT = 120;
const RIGHT = 12;
const TOP = 6;
const LANE_H = 24;
const AXIS_H = 26;
/** Lanes drawn; the table lists every actor's events. */
export const MAX_LANES = 40;
/** Table rows rendered at once, around the current event. */
export const TABLE_WINDOW = 300;

const ORDER: readonly LaneState[] = [
  'running',
  'ready',
  'blocked',
  'polling',
  'sleeping',
  'waiting',
  'connected',
  'busy',
];
const KIND: Record<string, string> = { main: 'main', thread: 'thread', task: 'task', peer: 'peer' };

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

function svg(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The `<pattern>` of each state: lanes never rely on colour alone. */
function patterns(id: string): SVGElement {
  const defs = svg('defs');
  const make = (state: LaneState, body: (p: SVGElement) => void) => {
    const p = svg('pattern', {
      id: `${id}-${state}`,
      width: 6,
      height: 6,
      patternUnits: 'userSpaceOnUse',
    });
    p.append(svg('rect', { width: 6, height: 6, class: 'tl-pbg' }));
    body(p);
    defs.append(p);
  };
  const line = (p: SVGElement, d: string) => p.append(svg('path', { d, class: 'tl-pline' }));
  make('running', (p) => p.append(svg('rect', { width: 6, height: 6, class: 'tl-psolid' })));
  make('ready', (p) => line(p, 'M-1,7 L7,-1 M-1,1 L1,-1 M5,7 L7,5'));
  make('blocked', (p) => line(p, 'M0,0 L6,6 M6,0 L0,6'));
  make('polling', (p) => line(p, 'M0,1.5 H6 M0,4.5 H6'));
  make('sleeping', (p) => p.append(svg('circle', { cx: 3, cy: 3, r: 1.2, class: 'tl-pdot' })));
  make('waiting', () => undefined);
  make('connected', (p) => line(p, 'M0,3 H6'));
  make('busy', (p) => line(p, 'M1.5,0 V6 M4.5,0 V6'));
  return defs;
}

/**
 * The timeline of a run: one lane per actor with its states over virtual time, marks for its
 * events, a time axis, Step back / Step forward (and ←/→, Home/End on the lanes) through the
 * events, the current event in words (announced politely), and the same events as a table,
 * filterable by actor, which is what screen readers read. Framework-free, like the workbench.
 */
export class TimelineView {
  readonly root: HTMLElement;
  readonly #trace: TraceRunEvent;
  readonly #id: string;
  #model!: TimelineModel;
  /** Index into the model's events. */
  #current = 0;
  #filter = '';
  #body!: HTMLElement;
  #cursor!: SVGElement;
  #dot!: SVGElement;
  #status!: HTMLElement;
  #rows!: HTMLTableSectionElement;
  #caption!: HTMLElement;
  #x: (t: number) => number = (t) => t;
  #laneY: number[] = [];

  constructor(trace: TraceRunEvent, programName: string) {
    this.#trace = trace;
    this.#id = `tl${++views}`;
    this.root = el('section', {
      class: 'tl',
      id: this.#id,
      'aria-labelledby': `${this.#id}-title`,
    });
    this.root.append(
      el('h3', { class: 'tl-title', id: `${this.#id}-title` }, `Timeline of ${programName}`),
    );
    const usable = trace.kernels.filter((k) => k.events.length > 0 || k.actors.length > 0);
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
    this.#show(usable[0]?.index ?? trace.kernels[0]?.index ?? 1);
  }

  /** Index of the current event (0-based), for tests and callers. */
  get current(): number {
    return this.#current;
  }

  #show(index: number): void {
    const trace = this.#trace.kernels.find((k) => k.index === index);
    this.#body.replaceChildren();
    if (!trace) {
      this.#body.append(el('p', { class: 'tl-note' }, 'This run created no kit kernel.'));
      return;
    }
    const m = (this.#model = buildTimeline(trace, this.#trace.complete));
    this.#current = 0;
    this.#filter = '';
    const b = this.#body;
    b.append(
      el(
        'p',
        { class: 'tl-summary' },
        `Kernel ${m.kernel}: ${m.events.length.toLocaleString('en')} events, ${m.lanes.length} actors, from 0 to ${fmt(m.end)} of virtual time.`,
      ),
    );
    for (const n of m.notes) b.append(el('p', { class: 'tl-note' }, n));
    if (m.atEnd.length > 0) {
      const p = el('p', { class: 'tl-note' }, `When the trace was taken (${fmt(trace.now)}): `);
      p.append(m.atEnd.join('; ') + '.');
      b.append(p);
    }
    b.append(this.#lanes(m), this.#legend(), this.#stepper(), this.#table(m));
    this.#go(0, false);
  }

  #lanes(m: TimelineModel): HTMLElement {
    const wrap = el('div', {
      class: 'tl-lanes',
      tabindex: '0',
      role: 'group',
      'aria-label': 'Lanes',
      'aria-describedby': `${this.#id}-help`,
    });
    const shown = m.lanes.slice(0, MAX_LANES);
    const h = TOP + shown.length * LANE_H + AXIS_H;
    const root = svg('svg', {
      viewBox: `0 0 ${W} ${h}`,
      class: 'tl-svg',
      role: 'img',
      'aria-labelledby': `${this.#id}-svgt`,
    });
    const title = svg('title', { id: `${this.#id}-svgt` });
    title.textContent = `Lanes of ${shown.length} actors over ${fmt(m.end)}; the table below lists the same events.`;
    root.append(title, patterns(this.#id));
    const end = m.end > 0 ? m.end : 1;
    const scale = (W - LEFT - RIGHT) / end;
    const x = (this.#x = (t: number) => LEFT + t * scale);
    this.#laneY = [];
    // Axis and grid.
    const step = tickStep(end);
    const axisY = TOP + shown.length * LANE_H + 4;
    const axis = svg('g', { class: 'tl-axis' });
    axis.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: axisY, y2: axisY }));
    for (let t = 0; t <= end + 1e-9; t += step) {
      const tx = x(t);
      axis.append(svg('line', { x1: tx, x2: tx, y1: TOP, y2: axisY + 4, class: 'tl-grid' }));
      const label = svg('text', { x: tx, y: axisY + 16, 'text-anchor': 'middle' });
      label.textContent = `${Number(t.toPrecision(6))}`;
      axis.append(label);
    }
    const unit = svg('text', { x: LEFT - 8, y: axisY + 16, 'text-anchor': 'end' });
    unit.textContent = 'virtual ms';
    axis.append(unit);
    root.append(axis);
    shown.forEach((lane, i) => {
      const y = TOP + i * LANE_H;
      this.#laneY.push(y);
      const g = svg('g', { class: `tl-lane tl-lane-${KIND[lane.kind] ?? 'peer'}` });
      const name = svg('text', {
        x: LEFT - 8,
        y: y + LANE_H / 2 + 4,
        'text-anchor': 'end',
        class: 'tl-name',
      });
      name.textContent = lane.name.length > 16 ? `${lane.name.slice(0, 15)}…` : lane.name;
      const full = svg('title');
      full.textContent = `${lane.name} (${lane.kind})`;
      g.append(full, name);
      for (const iv of lane.intervals) {
        const w = (iv.end - iv.start) * scale;
        if (w < 0.3) continue;
        const thin = iv.state === 'connected';
        const r = svg('rect', {
          x: x(iv.start),
          y: y + (thin ? 8 : 3),
          width: w,
          height: thin ? LANE_H - 16 : LANE_H - 8,
          class: `tl-s tl-s-${iv.state}`,
          fill: `url(#${this.#id}-${iv.state})`,
        });
        const t = svg('title');
        t.textContent = `${lane.name}: ${iv.label}, ${fmt(iv.start)} to ${fmt(iv.end)}`;
        r.append(t);
        g.append(r);
      }
      // One tick per event, merged where they share a pixel.
      let d = '';
      let last = -1;
      for (const ei of lane.events) {
        const px = Math.round(x(m.events[ei]!.t) * 2) / 2;
        if (px === last) continue;
        last = px;
        d += `M${px},${y + 1}v4`;
      }
      if (d) g.append(svg('path', { d, class: 'tl-mark' }));
      root.append(g);
    });
    this.#cursor = svg('line', { class: 'tl-cursor', y1: TOP, y2: axisY });
    this.#dot = svg('path', { class: 'tl-dot' });
    root.append(this.#cursor, this.#dot);
    wrap.append(root);
    if (m.lanes.length > shown.length)
      wrap.append(
        el(
          'p',
          { class: 'tl-note' },
          `${m.lanes.length - shown.length} more actors are listed in the table only.`,
        ),
      );
    wrap.addEventListener('click', (e) => {
      // A click on the lanes goes to the nearest event at that time.
      const box = root.getBoundingClientRect();
      if (box.width === 0) return;
      const t = (((e.clientX - box.left) / box.width) * W - LEFT) / scale;
      const list = this.#visible();
      let best = list[0];
      for (const i of list)
        if (Math.abs(m.events[i]!.t - t) < Math.abs(m.events[best ?? 0]!.t - t)) best = i;
      if (best !== undefined) this.#go(best, true);
    });
    return wrap;
  }

  #legend(): HTMLElement {
    const ul = el('ul', { class: 'tl-legend', 'aria-label': 'What the lane patterns mean' });
    for (const s of ORDER) {
      const li = el('li');
      const sw = svg('svg', { width: 28, height: 14, viewBox: '0 0 28 14', 'aria-hidden': 'true' });
      sw.append(
        svg('rect', {
          x: 0.5,
          y: 0.5,
          width: 27,
          height: 13,
          class: `tl-s tl-s-${s}`,
          fill: `url(#${this.#id}-${s})`,
        }),
      );
      li.append(sw, el('strong', {}, STATES[s].name), `: ${STATES[s].meaning}`);
      ul.append(li);
    }
    return ul;
  }

  #stepper(): HTMLElement {
    const box = el('div', { class: 'tl-step' });
    const back = el(
      'button',
      { type: 'button', class: 'button', 'data-action': 'step-back' },
      'Step back',
    );
    const fwd = el(
      'button',
      { type: 'button', class: 'button', 'data-action': 'step-forward' },
      'Step forward',
    );
    back.addEventListener('click', () => this.step(-1));
    fwd.addEventListener('click', () => this.step(1));
    this.#status = el('p', { class: 'tl-current', role: 'status' });
    const help = el(
      'p',
      { class: 'tl-help', id: `${this.#id}-help` },
      'With the lanes or these buttons focused, ← and → step through the events, Home and End go to the first and last.',
    );
    box.append(back, fwd, this.#status, help);
    return box;
  }

  #table(m: TimelineModel): HTMLElement {
    const box = el('div', { class: 'tl-table' });
    const tools = el('p', { class: 'tl-tools' });
    const pick = el('select', { id: `${this.#id}-actor` });
    pick.append(el('option', { value: '' }, 'All actors'));
    for (const l of m.lanes) pick.append(el('option', { value: l.name }, `${l.name} (${l.kind})`));
    pick.addEventListener('change', () => {
      this.#filter = pick.value;
      const list = this.#visible();
      // Stay on the current event if it passes the filter, else go to the actor's first.
      this.#go(list.includes(this.#current) ? this.#current : (list[0] ?? this.#current), false);
    });
    tools.append(el('label', { for: pick.id }, 'Show events of '), pick);
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

  /** Indexes of the events the filter lets through. */
  #visible(): number[] {
    const m = this.#model;
    if (this.#filter === '') return m.events.map((_, i) => i);
    const lane = m.lanes.findIndex((l) => l.name === this.#filter);
    return m.lanes[lane]?.events.slice() ?? [];
  }

  /** Moves `by` events (within the actor filter); -Infinity / Infinity go to the first / last. */
  step(by: number): void {
    const list = this.#visible();
    if (list.length === 0) return;
    let at = list.indexOf(this.#current);
    if (at < 0) at = Math.max(0, list.findIndex((i) => i > this.#current) - (by > 0 ? 1 : 0));
    const next = by === -Infinity ? 0 : by === Infinity ? list.length - 1 : at + by;
    this.#go(list[Math.min(list.length - 1, Math.max(0, next))]!, true);
  }

  #key(e: KeyboardEvent): void {
    const t = e.target as HTMLElement;
    if (t.closest('select, .tl-scroll')) return; // arrows belong to the list and the table there
    const by = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[e.key];
    if (by === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.step(by);
  }

  #go(i: number, announce: boolean): void {
    const m = this.#model;
    if (m.events.length === 0) {
      this.#status.textContent = 'The trace has no events.';
      this.#renderRows();
      return;
    }
    this.#current = i;
    const ev = m.events[i]!;
    const cx = this.#x(ev.t);
    this.#cursor.setAttribute('x1', String(cx));
    this.#cursor.setAttribute('x2', String(cx));
    const y = this.#laneY[ev.lane];
    if (y === undefined) this.#dot.setAttribute('d', '');
    else
      this.#dot.setAttribute(
        'd',
        `M${cx},${y + 2}l5,${LANE_H / 2 - 2}l-5,${LANE_H / 2 - 2}l-5,${-(LANE_H / 2 - 2)}z`,
      );
    // The live region speaks only when the learner steps, not when the view opens.
    this.#status.setAttribute('aria-live', announce ? 'polite' : 'off');
    this.#status.textContent = describeEvent(m, i);
    this.#renderRows();
  }

  #renderRows(): void {
    const m = this.#model;
    const list = this.#visible();
    let at = list.indexOf(this.#current);
    if (at < 0) at = 0;
    const from = Math.max(0, Math.min(at - TABLE_WINDOW / 2, list.length - TABLE_WINDOW));
    const rows = list.slice(from, from + TABLE_WINDOW);
    const who = this.#filter === '' ? 'all actors' : this.#filter;
    this.#caption.textContent =
      rows.length === list.length
        ? `Events of ${who} (${list.length})`
        : `Events of ${who}: ${from + 1} to ${from + rows.length} of ${list.length}, around the current event`;
    const frag = document.createDocumentFragment();
    let current: HTMLElement | undefined;
    for (const i of rows) {
      const e = m.events[i]!;
      const tr = el('tr', { 'data-index': String(i) });
      const go = el(
        'button',
        { type: 'button', class: 'tl-go', 'aria-label': `Go to event ${i + 1}` },
        String(i + 1),
      );
      go.addEventListener('click', () => this.#go(i, true));
      const num = el('td');
      num.append(go);
      tr.append(
        num,
        el('td', {}, e.t.toFixed(3)),
        el('td', {}, e.actor),
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
      if (scroll) {
        const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
        const top = current.offsetTop - scroll.clientHeight / 2;
        scroll.scrollTo({ top: Math.max(0, top), behavior: reduce ? 'auto' : 'smooth' });
      }
    }
  }
}
