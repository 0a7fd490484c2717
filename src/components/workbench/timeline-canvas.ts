/**
 * The lanes of a timeline, drawn on a canvas: only the lanes scrolled into view and the stretch of
 * time in the viewport, sub-pixel intervals merged (`src/runtime/timeline/raster.ts`), so a
 * 100,000-event trace draws in a few milliseconds. Every state has its own pattern, and wide
 * stretches carry their state's name: no meaning rests on colour. Colours come from the theme's
 * CSS variables and are read again when the theme changes. The canvas is a picture
 * (`role="img"`); the event table is its text twin.
 */
import { STATES, type LaneState, type TimelineModel } from '../../runtime/timeline/lanes.ts';
import { lowerBound, markColumns, rasterize } from '../../runtime/timeline/raster.ts';
import { ticks, type Viewport } from '../../runtime/timeline/viewport.ts';

export const LANE_H = 24;
/** Lanes shown at once; more scroll. */
export const VISIBLE_LANES = 14;
const LEFT = 112;
const RIGHT = 10;
const TOP = 4;
const AXIS_H = 26;

/** What a stretch of a lane is painted as. */
export type Paint = LaneState | 'mixed';

/** What the canvas tells the view about the pointer. */
interface CanvasHooks {
  /** A click at time t (on lane `lane`, or -1 off the lanes). */
  onPick(t: number, lane: number): void;
  /** Drag and wheel. */
  onPan(dt: number): void;
  onZoom(factor: number, t: number): void;
}

interface Theme {
  bg: string;
  soft: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  err: string;
  font: string;
}

/** The theme's colours and font, from its CSS variables on `el`. */
export function readTheme(el: Element): Theme {
  const s = getComputedStyle(el);
  const v = (name: string, fallback: string) => s.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', '#ffffff'),
    soft: v('--bg-soft', '#f5f6f8'),
    fg: v('--fg', '#1b1f24'),
    muted: v('--fg-muted', '#4f5862'),
    border: v('--border', '#d5d9de'),
    accent: v('--accent', '#0b57d0'),
    err: v('--err', '#b3261e'),
    font: v('--font-body', 'system-ui, sans-serif'),
  };
}

/** The line segments (x0, y0, x1, y1) of each state's 8×8 pattern tile. */
const TILE_LINES: Partial<Record<Paint, readonly (readonly [number, number, number, number])[]>> = {
  ready: [
    [-1, 9, 9, -1],
    [-1, 1, 1, -1],
    [7, 9, 9, 7],
  ],
  blocked: [
    [0, 0, 8, 8],
    [8, 0, 0, 8],
  ],
  polling: [
    [0, 2, 8, 2],
    [0, 6, 8, 6],
  ],
  connected: [[0, 4, 8, 4]],
  busy: [
    [2, 0, 2, 8],
    [6, 0, 6, 8],
  ],
  suspended: [
    [2.5, 2, 2.5, 6],
    [5.5, 2, 5.5, 6],
  ],
  unknown: [[0, 0, 8, 8]],
};

/** Draws the 8×8 tile of a state's pattern (also used for the legend's swatches). */
export function drawTile(ctx: CanvasRenderingContext2D, state: Paint, th: Theme): void {
  ctx.fillStyle = state === 'running' ? th.accent : state === 'mixed' ? th.muted : th.bg;
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = state === 'unknown' ? th.muted : th.fg;
  ctx.fillStyle = th.fg;
  ctx.lineWidth = 1.1;
  ctx.beginPath();
  for (const [x0, y0, x1, y1] of TILE_LINES[state] ?? []) {
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
  }
  if (state === 'sleeping') {
    ctx.arc(4, 4, 1.4, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.stroke();
}

/** A repeating fill of a state's pattern for `ctx` (a plain colour where patterns fail). */
export function statePattern(
  ctx: CanvasRenderingContext2D,
  state: Paint,
  th: Theme,
): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const tctx = tile.getContext('2d');
  if (tctx) drawTile(tctx, state, th);
  return ctx.createPattern(tile, 'repeat') ?? th.muted;
}

/** Lane canvas; the view owns the viewport and the current event and calls {@link draw}. */
export class LaneCanvas {
  readonly element: HTMLElement;
  readonly #scroll: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #spacer: HTMLElement;
  readonly #model: TimelineModel;
  readonly #times: (Float64Array | undefined)[];
  /** Every event's time, for picks off the lanes (made on the first). */
  #allTimes: Float64Array | undefined;
  readonly #observers: { disconnect(): void }[] = [];
  #theme: Theme | undefined;
  #patterns = new Map<Paint, CanvasPattern | string>();
  #view: Viewport;
  #current = -1;
  #frame = 0;

  constructor(model: TimelineModel, view: Viewport, label: string, hooks: CanvasHooks) {
    this.#model = model;
    this.#view = view;
    this.#times = model.lanes.map(() => undefined);
    this.element = document.createElement('div');
    this.element.className = 'tl-lanes';
    this.#scroll = document.createElement('div');
    this.#scroll.className = 'tl-vscroll';
    this.#scroll.tabIndex = 0;
    this.#scroll.setAttribute('role', 'group');
    this.#scroll.setAttribute('aria-label', 'Lanes');
    const rows = Math.min(VISIBLE_LANES, model.lanes.length);
    this.#scroll.style.maxHeight = `${TOP + rows * LANE_H + AXIS_H}px`;
    this.#canvas = document.createElement('canvas');
    this.#canvas.className = 'tl-canvas';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', label);
    this.#spacer = document.createElement('div');
    this.#spacer.className = 'tl-spacer';
    this.#spacer.style.height = `${Math.max(0, (model.lanes.length - rows) * LANE_H)}px`;
    this.#scroll.append(this.#canvas, this.#spacer);
    this.element.append(this.#scroll);
    this.#scroll.addEventListener('scroll', () => this.draw(), { passive: true });

    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(() => this.draw());
      ro.observe(this.element);
      this.#observers.push(ro);
    }
    const mo = new MutationObserver(() => {
      this.#theme = undefined;
      this.#patterns.clear();
      this.draw();
    });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.#observers.push(mo);
    this.#pointer(hooks);
  }

  /** The element that takes keyboard focus. */
  get focusTarget(): HTMLElement {
    return this.#scroll;
  }

  set viewport(v: Viewport) {
    this.#view = v;
  }

  set current(i: number) {
    this.#current = i;
  }

  /** Scrolls the lanes so lane `i` is in view. */
  showLane(i: number): void {
    const y = i * LANE_H;
    const top = this.#scroll.scrollTop;
    const h = VISIBLE_LANES * LANE_H;
    if (y < top) this.#scroll.scrollTop = y;
    else if (y + LANE_H > top + h) this.#scroll.scrollTop = y + LANE_H - h;
  }

  destroy(): void {
    for (const o of this.#observers) o.disconnect();
    cancelAnimationFrame(this.#frame);
  }

  #plotWidth(): number {
    return Math.max(0, this.#scroll.clientWidth - LEFT - RIGHT);
  }

  #timeAt(clientX: number): number {
    const box = this.#canvas.getBoundingClientRect();
    const w = this.#plotWidth();
    const x = clientX - box.left - LEFT;
    return this.#view.from + (x / Math.max(1, w)) * (this.#view.to - this.#view.from);
  }

  #pointer(hooks: CanvasHooks): void {
    let down: { x: number; last: number; moved: boolean } | undefined;
    const c = this.#canvas;
    c.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      down = { x: e.clientX, last: e.clientX, moved: false };
      c.setPointerCapture?.(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (!down) return;
      if (Math.abs(e.clientX - down.x) > 3) down.moved = true;
      if (!down.moved) return;
      const w = Math.max(1, this.#plotWidth());
      hooks.onPan((-(e.clientX - down.last) / w) * (this.#view.to - this.#view.from));
      down.last = e.clientX;
    });
    c.addEventListener('pointerup', (e) => {
      const was = down;
      down = undefined;
      if (!was || was.moved) return;
      const box = c.getBoundingClientRect();
      const y = e.clientY - box.top - TOP + this.#scroll.scrollTop;
      const lane = Math.floor(y / LANE_H);
      hooks.onPick(
        this.#timeAt(e.clientX),
        lane >= 0 && lane < this.#model.lanes.length ? lane : -1,
      );
    });
    c.addEventListener('pointercancel', () => (down = undefined));
    c.addEventListener(
      'wheel',
      (e) => {
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          hooks.onZoom(e.deltaY < 0 ? 1.25 : 0.8, this.#timeAt(e.clientX));
        } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          e.preventDefault();
          const d = e.shiftKey ? e.deltaY : e.deltaX;
          hooks.onPan((d / Math.max(1, this.#plotWidth())) * (this.#view.to - this.#view.from));
        }
      },
      { passive: false },
    );
  }

  #fill(ctx: CanvasRenderingContext2D, state: Paint): CanvasPattern | string {
    let p = this.#patterns.get(state);
    if (p === undefined) {
      p = statePattern(ctx, state, this.#theme!);
      this.#patterns.set(state, p);
    }
    return p;
  }

  #laneTimes(i: number): Float64Array {
    let t = this.#times[i];
    if (!t) {
      const evs = this.#model.lanes[i]!.events;
      t = new Float64Array(evs.length);
      for (let k = 0; k < evs.length; k++) t[k] = this.#model.events[evs[k]!]!.t;
      this.#times[i] = t;
    }
    return t;
  }

  /** Draws now (the view calls it after every change; scrolling and resizing call it too). */
  draw(): void {
    const m = this.#model;
    const cssW = this.#scroll.clientWidth;
    if (cssW === 0) return;
    const rows = Math.min(VISIBLE_LANES, m.lanes.length);
    const cssH = TOP + Math.max(1, rows) * LANE_H + AXIS_H;
    const dpr = Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
    const c = this.#canvas;
    if (c.width !== Math.round(cssW * dpr) || c.height !== Math.round(cssH * dpr)) {
      c.width = Math.round(cssW * dpr);
      c.height = Math.round(cssH * dpr);
      c.style.width = `${cssW}px`;
      c.style.height = `${cssH}px`;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const th = (this.#theme ??= readTheme(this.element));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = th.bg;
    ctx.fillRect(0, 0, cssW, cssH);
    const w = this.#plotWidth();
    const v = this.#view;
    const span = v.to - v.from;
    const x = (t: number) => LEFT + ((t - v.from) / span) * w;
    const lanesBottom = TOP + rows * LANE_H;
    ctx.font = `11px ${th.font}`;
    ctx.textBaseline = 'middle';

    // Grid and axis.
    ctx.strokeStyle = th.border;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    const marks = ticks(v, Math.max(2, Math.floor(w / 90)));
    for (const tk of marks) {
      const tx = Math.round(x(tk.t)) + 0.5;
      ctx.moveTo(tx, TOP);
      ctx.lineTo(tx, lanesBottom + 4);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(LEFT, lanesBottom + 4.5);
    ctx.lineTo(LEFT + w, lanesBottom + 4.5);
    ctx.stroke();
    ctx.fillStyle = th.fg;
    ctx.textAlign = 'center';
    for (const tk of marks) ctx.fillText(tk.label, x(tk.t), lanesBottom + 16);
    ctx.textAlign = 'right';
    ctx.fillText('virtual ms', LEFT - 8, lanesBottom + 16);

    // Lanes in view.
    const top = this.#scroll.scrollTop;
    const first = Math.floor(top / LANE_H);
    const curLane = this.#current >= 0 ? (m.eventLane[this.#current] ?? -1) : -1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, TOP, cssW, rows * LANE_H);
    ctx.clip();
    for (let i = first; i < Math.min(m.lanes.length, first + rows + 1); i++) {
      const lane = m.lanes[i]!;
      const y = TOP + i * LANE_H - top;
      if (i === curLane) {
        ctx.fillStyle = th.soft;
        ctx.fillRect(0, y, cssW, LANE_H);
      }
      ctx.fillStyle = th.fg;
      ctx.textAlign = 'right';
      ctx.font = `${i === curLane ? 'bold ' : ''}11px ${th.font}`;
      ctx.fillText(ellipsis(ctx, lane.name, LEFT - 12), LEFT - 8, y + LANE_H / 2);
      ctx.font = `11px ${th.font}`;
      ctx.save();
      ctx.beginPath();
      ctx.rect(LEFT, y, w, LANE_H);
      ctx.clip();
      for (const s of rasterize(lane.intervals, v, w)) {
        const thin = s.state === 'connected';
        const sy = y + (thin ? 8 : 3);
        const sh = thin ? LANE_H - 16 : LANE_H - 8;
        const sx = LEFT + s.x0;
        const sw = s.x1 - s.x0;
        ctx.fillStyle = this.#fill(ctx, s.state);
        ctx.fillRect(sx, sy, sw, sh);
        if (sw >= 3) {
          ctx.strokeStyle = th.fg;
          ctx.lineWidth = 0.6;
          if (s.state === 'waiting' || s.state === 'unknown') ctx.setLineDash([3, 2]);
          ctx.strokeRect(sx + 0.3, sy + 0.3, sw - 0.6, sh - 0.6);
          ctx.setLineDash([]);
        }
        if (sw > 70 && !thin) {
          const name = s.state === 'mixed' ? 'mixed' : STATES[s.state].name;
          const tw = ctx.measureText(name).width;
          if (tw + 10 < sw) {
            const lx = Math.max(sx, LEFT) + Math.min(sw, LEFT + w - Math.max(sx, LEFT)) / 2;
            ctx.fillStyle = th.bg;
            ctx.fillRect(lx - tw / 2 - 3, y + LANE_H / 2 - 7, tw + 6, 14);
            ctx.fillStyle = th.fg;
            ctx.textAlign = 'center';
            ctx.fillText(name, lx, y + LANE_H / 2);
          }
        }
      }
      // One tick per pixel column with events.
      ctx.fillStyle = th.muted;
      for (const px of markColumns(this.#laneTimes(i), v, w)) ctx.fillRect(LEFT + px, y, 1, 3);
      ctx.restore();
    }
    ctx.restore();

    // Cuts: where events were dropped.
    ctx.strokeStyle = th.muted;
    ctx.setLineDash([1, 2]);
    for (const cut of m.cuts) {
      if (cut.to < v.from || cut.from > v.to) continue;
      const cx = Math.round(x(cut.before === 0 ? cut.to : cut.from)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(cx, TOP);
      ctx.lineTo(cx, lanesBottom);
      ctx.stroke();
    }
    ctx.setLineDash([]);

    // The current event: a line across the lanes and a diamond on its lane, or an arrow at the
    // edge saying where it is when it is out of view.
    const cur = m.events[this.#current];
    if (cur) {
      ctx.fillStyle = th.err;
      ctx.strokeStyle = th.err;
      if (cur.t < v.from || cur.t > v.to) {
        const left = cur.t < v.from;
        ctx.textAlign = left ? 'left' : 'right';
        const text = left ? '◀ current event' : 'current event ▶';
        const tx = left ? LEFT + 2 : LEFT + w - 2;
        const tw = ctx.measureText(text).width;
        ctx.fillStyle = th.bg;
        ctx.fillRect(left ? tx - 2 : tx - tw - 2, TOP, tw + 4, 14);
        ctx.fillStyle = th.err;
        ctx.fillText(text, tx, TOP + 7);
      } else {
        const cx = Math.round(x(cur.t)) + 0.5;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([4, 2]);
        ctx.beginPath();
        ctx.moveTo(cx, TOP);
        ctx.lineTo(cx, lanesBottom);
        ctx.stroke();
        ctx.setLineDash([]);
        const ly = TOP + curLane * LANE_H - top;
        if (curLane >= 0 && ly >= 0 && ly < rows * LANE_H) {
          ctx.beginPath();
          ctx.moveTo(cx, ly + 2);
          ctx.lineTo(cx + 5, ly + LANE_H / 2);
          ctx.lineTo(cx, ly + LANE_H - 2);
          ctx.lineTo(cx - 5, ly + LANE_H / 2);
          ctx.closePath();
          ctx.fill();
          ctx.strokeStyle = th.bg;
          ctx.lineWidth = 1;
          ctx.stroke();
        }
      }
    }
  }

  /** Draws on the next frame, once however often it is asked. */
  schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.draw();
    });
  }

  /** Index of the nearest event of lane `lane` to `t` (or of any lane's, for -1). */
  nearest(t: number, lane: number): number | undefined {
    const m = this.#model;
    if (lane >= 0) {
      const times = this.#laneTimes(lane);
      const evs = m.lanes[lane]!.events;
      if (evs.length === 0) return undefined;
      return evs[nearestIn(times, t)];
    }
    if (m.events.length === 0) return undefined;
    // Events are in time order: a binary search over all of them.
    this.#allTimes ??= Float64Array.from(m.events, (e) => e.t);
    return nearestIn(this.#allTimes, t);
  }
}

/** Of times in order (at least one), the position of the one nearest `t` (the earlier on a tie). */
function nearestIn(times: ArrayLike<number>, t: number): number {
  const k = lowerBound(times, t);
  const a = Math.max(0, k - 1);
  const b = Math.min(times.length - 1, k);
  return Math.abs(times[a]! - t) <= Math.abs(times[b]! - t) ? a : b;
}

/** `text` cut with "…" to fit `max` pixels. */
function ellipsis(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > max) s = s.slice(0, -1);
  return `${s}…`;
}
