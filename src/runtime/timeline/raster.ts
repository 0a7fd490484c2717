/**
 * What to draw of a lane in a stretch of time at a given width: only the intervals and event
 * marks in view, with intervals narrower than a pixel merged into one column per pixel (`mixed`
 * when they differ), so a 100,000-event lane costs at most a few segments per pixel of width.
 */
import type { Interval, LaneState } from './lanes.ts';
import type { Viewport } from './viewport.ts';

/** A stretch of one lane on screen, in pixels from the plot's left edge. */
export interface Segment {
  x0: number;
  x1: number;
  /** `mixed`: several states within one pixel. */
  state: LaneState | 'mixed';
  /** The interval's words (the first one's, for a merged column). */
  label: string;
}

/** Index of the first interval ending after `t` (intervals are in time order). */
function firstEndingAfter(ivs: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = ivs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ivs[mid] as Interval).end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The segments of `intervals` in view `v`, drawn `width` pixels wide. */
export function rasterize(intervals: readonly Interval[], v: Viewport, width: number): Segment[] {
  const span = v.to - v.from;
  if (!(span > 0) || width <= 0) return [];
  const scale = width / span;
  const out: Segment[] = [];
  let pending: Segment | undefined;
  const flush = () => {
    if (!pending) return;
    if (pending.x1 - pending.x0 < 1) pending.x1 = Math.min(width, pending.x0 + 1);
    push(pending);
    pending = undefined;
  };
  const push = (s: Segment) => {
    const last = out.at(-1);
    if (last && last.state === s.state && s.x0 - last.x1 < 0.5) last.x1 = Math.max(last.x1, s.x1);
    else out.push(s);
  };
  for (let i = firstEndingAfter(intervals, v.from); i < intervals.length; i++) {
    const iv = intervals[i] as Interval;
    if (iv.start >= v.to) break;
    const x0 = (Math.max(iv.start, v.from) - v.from) * scale;
    const x1 = (Math.min(iv.end, v.to) - v.from) * scale;
    if (x1 - x0 >= 1) {
      if (pending && x0 - pending.x0 < 1) {
        // A wide interval starting in the pending pixel: that pixel is shared.
        pending.state = pending.state === iv.state ? pending.state : 'mixed';
        flush();
        push({ x0: Math.max(x0, out.at(-1)?.x1 ?? x0), x1, state: iv.state, label: iv.label });
        continue;
      }
      flush();
      push({ x0, x1, state: iv.state, label: iv.label });
      continue;
    }
    if (pending && Math.floor(x0) === Math.floor(pending.x0)) {
      pending.x1 = Math.max(pending.x1, x1);
      if (pending.state !== iv.state) pending.state = 'mixed';
    } else {
      flush();
      pending = {
        x0: Math.floor(x0),
        x1: Math.max(x1, Math.floor(x0) + 1),
        state: iv.state,
        label: iv.label,
      };
    }
  }
  flush();
  return out;
}

/** First index in sorted `times` at or after `t`. */
export function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pixel columns (whole pixels, no repeats) of the event times in view. */
export function markColumns(times: ArrayLike<number>, v: Viewport, width: number): number[] {
  const span = v.to - v.from;
  if (!(span > 0) || width <= 0) return [];
  const scale = width / span;
  const out: number[] = [];
  let last = -1;
  for (let i = lowerBound(times, v.from); i < times.length; i++) {
    const t = times[i] as number;
    if (t > v.to) break;
    const x = Math.min(width - 1, Math.floor((t - v.from) * scale));
    if (x !== last) out.push((last = x));
  }
  return out;
}
