/**
 * The visible stretch of virtual time of a timeline: zoom, pan, fit, keeping an event in view, and
 * the axis ticks for a stretch. Pure functions on `{ from, to }` in virtual ms.
 */

export interface Viewport {
  readonly from: number;
  readonly to: number;
}

/** The narrowest stretch one can zoom to (virtual ms): a microsecond. */
export const MIN_SPAN_MS = 0.001;

/** The whole timeline, from `start` to `end` (a zero-length one gets 1 ms). */
export function fit(start: number, end: number): Viewport {
  return end > start ? { from: start, to: end } : { from: start, to: start + 1 };
}

/** `v` moved inside `bounds` (and no wider than it). */
export function clamp(v: Viewport, bounds: Viewport): Viewport {
  const full = bounds.to - bounds.from;
  const span = Math.min(full, Math.max(MIN_SPAN_MS, v.to - v.from));
  let from = Math.min(Math.max(v.from, bounds.from), bounds.to - span);
  if (!Number.isFinite(from)) from = bounds.from;
  return { from, to: from + span };
}

/**
 * Zooms by `factor` (2 = twice as close, 0.5 = twice as far) around the time `anchor`, which
 * keeps its place on screen if it is in view; otherwise the result is centred on it.
 */
export function zoom(v: Viewport, factor: number, anchor: number, bounds: Viewport): Viewport {
  const span = v.to - v.from;
  const next = Math.min(bounds.to - bounds.from, Math.max(MIN_SPAN_MS, span / factor));
  const inView = anchor >= v.from && anchor <= v.to;
  const share = inView && span > 0 ? (anchor - v.from) / span : 0.5;
  return clamp({ from: anchor - share * next, to: anchor - share * next + next }, bounds);
}

/** Moves by `fraction` of the visible span (negative: back in time). */
export function pan(v: Viewport, fraction: number, bounds: Viewport): Viewport {
  const d = (v.to - v.from) * fraction;
  return clamp({ from: v.from + d, to: v.to + d }, bounds);
}

/** `v` if `t` is well inside it (past `margin` of the span from each edge), else centred on `t`. */
export function reveal(v: Viewport, t: number, bounds: Viewport, margin = 0.05): Viewport {
  const span = v.to - v.from;
  if (t >= v.from + span * margin && t <= v.to - span * margin) return v;
  if ((t >= v.from && t <= v.to && v.from <= bounds.from) || (t >= v.from && v.to >= bounds.to))
    return v; // at the very start or end of the timeline: it cannot move further
  return clamp({ from: t - span / 2, to: t + span / 2 }, bounds);
}

/** How much closer than the whole timeline `v` is (1 = all of it). */
export function zoomLevel(v: Viewport, bounds: Viewport): number {
  const span = v.to - v.from;
  return span > 0 ? (bounds.to - bounds.from) / span : 1;
}

/** A 1-2-5 step giving about `count` ticks over `span`. */
export function tickStep(span: number, count = 6): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

/** The axis ticks inside `v`, labelled with as many decimals as the step needs. */
export function ticks(v: Viewport, count = 6): { t: number; label: string }[] {
  const step = tickStep(v.to - v.from, count);
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  const out: { t: number; label: string }[] = [];
  const first = Math.ceil(v.from / step - 1e-9);
  for (let k = first; k * step <= v.to + step * 1e-9 && out.length < 100; k++)
    out.push({ t: k * step, label: (k * step).toFixed(decimals) });
  return out;
}

/** The stretch in words: "0.000 ms to 60.001 ms". */
export function describeViewport(v: Viewport): string {
  const span = v.to - v.from;
  const decimals = span < 0.1 ? 4 : 3;
  return `${v.from.toFixed(decimals)} ms to ${v.to.toFixed(decimals)} ms`;
}
