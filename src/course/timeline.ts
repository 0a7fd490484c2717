/** One bar on a timeline: something that happened from `start` to `end` (virtual ms). */
export interface TimelineBar {
  readonly lane: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  /** What the bar shows; styles differ by shape and pattern, never by colour alone. */
  readonly kind?: 'wait' | 'work' | 'idle';
}

/** A group of lanes drawn on one time axis, e.g. "one after another" vs "all at once". */
export interface TimelineGroup {
  readonly title: string;
  readonly bars: readonly TimelineBar[];
}

/** Layout of a timeline in SVG user units, computed without any DOM. */
export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly ticks: readonly { x: number; label: string }[];
  readonly groups: readonly {
    title: string;
    y: number;
    lanes: readonly { name: string; y: number }[];
    bars: readonly (TimelineBar & { x: number; y: number; w: number })[];
  }[];
}

const LANE_H = 26;
const GROUP_GAP = 34;
const LEFT = 120;
const RIGHT = 40;
const TOP = 8;
const AXIS_H = 28;

/** A tick step giving 4–10 ticks over `max`, chosen from 1-2-5 multiples. */
export function tickStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 6;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

/** Positions every bar; all groups share one time scale so they can be compared by eye. */
export function layoutTimeline(
  groups: readonly TimelineGroup[],
  width = 680,
  unit = 'ms',
): TimelineLayout {
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.end)));
  const step = tickStep(max);
  const end = Math.ceil(max / step) * step;
  const scale = (width - LEFT - RIGHT) / end;
  let y = TOP;
  const laid = groups.map((g) => {
    const names = [...new Set(g.bars.map((b) => b.lane))];
    const top = y + 20;
    const lanes = names.map((name, i) => ({ name, y: top + i * LANE_H }));
    const bars = g.bars.map((b) => ({
      ...b,
      x: LEFT + b.start * scale,
      y: top + names.indexOf(b.lane) * LANE_H + 4,
      w: Math.max(2, (b.end - b.start) * scale),
    }));
    const group = { title: g.title, y, lanes, bars };
    y = top + names.length * LANE_H + GROUP_GAP;
    return group;
  });
  const ticks = [];
  for (let t = 0; t <= end; t += step) ticks.push({ x: LEFT + t * scale, label: `${t} ${unit}` });
  return { width, height: y - GROUP_GAP + AXIS_H, ticks, groups: laid };
}

/** How a bar is drawn: solid (`work`), hatched (`wait`, the default) or outlined (`idle`). */
export type BarKind = NonNullable<TimelineBar['kind']>;

/** What each kind of bar means when a timeline does not say (its `legend` prop). */
export const DEFAULT_LEGEND: Readonly<Record<BarKind, string>> = {
  work: 'busy',
  wait: 'waiting',
  idle: 'idle',
};

/**
 * The legend of a timeline: one entry per kind of bar it draws, in the order solid, hatched,
 * outlined, each with the chart's own words for it (`labels`) or the default.
 */
export function legendEntries(
  groups: readonly TimelineGroup[],
  labels: Partial<Record<BarKind, string>> = {},
): { kind: BarKind; label: string }[] {
  const used = new Set(groups.flatMap((g) => g.bars.map((b) => b.kind ?? 'wait')));
  return (['work', 'wait', 'idle'] as const)
    .filter((k) => used.has(k))
    .map((kind) => ({ kind, label: labels[kind] ?? DEFAULT_LEGEND[kind] }));
}
