/**
 * A moment in a deck: which slide (0-based) and how many of its click steps are revealed.
 * The URL shows slides 1-based (`#7`, `#7.2`) because people read and say them that way.
 */
export interface Position {
  readonly slide: number;
  readonly step: number;
}

/** Step counts, one per slide: all a position needs to know about the deck's shape. */
export type DeckShape = readonly number[];

/** The first moment of the deck. */
export const first = (): Position => ({ slide: 0, step: 0 });

/** The last moment: the last slide with every step shown. */
export function last(shape: DeckShape): Position {
  const slide = Math.max(0, shape.length - 1);
  return { slide, step: shape[slide] ?? 0 };
}

/** Keeps a position inside the deck (a stale link to slide 40 of a 30-slide deck opens slide 30). */
export function clamp(pos: Position, shape: DeckShape): Position {
  const slide = Math.min(Math.max(0, Math.trunc(pos.slide)), Math.max(0, shape.length - 1));
  const step = Math.min(Math.max(0, Math.trunc(pos.step)), shape[slide] ?? 0);
  return { slide, step };
}

/** One click forward: the next step, else the next slide with nothing revealed. */
export function next(pos: Position, shape: DeckShape): Position {
  if (pos.step < (shape[pos.slide] ?? 0)) return { slide: pos.slide, step: pos.step + 1 };
  if (pos.slide < shape.length - 1) return { slide: pos.slide + 1, step: 0 };
  return pos;
}

/** One click back: the previous step, else the previous slide as it was left (all steps shown). */
export function prev(pos: Position, shape: DeckShape): Position {
  if (pos.step > 0) return { slide: pos.slide, step: pos.step - 1 };
  if (pos.slide > 0) return { slide: pos.slide - 1, step: shape[pos.slide - 1] ?? 0 };
  return pos;
}

/** Same slide and step. */
export const samePosition = (a: Position, b: Position): boolean =>
  a.slide === b.slide && a.step === b.step;

/** What a URL fragment names: a numbered moment, an element id (a heading), or nothing. */
export type HashTarget =
  | { readonly kind: 'position'; readonly position: Position }
  | { readonly kind: 'anchor'; readonly id: string }
  | { readonly kind: 'none' };

/** Reads `#7`, `#7.2` (1-based slide, steps revealed) or `#some-heading-id`. */
export function parseHash(hash: string): HashTarget {
  const raw = hash.replace(/^#/, '');
  if (raw === '') return { kind: 'none' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(raw);
  if (m)
    return { kind: 'position', position: { slide: Number(m[1]) - 1, step: Number(m[2] ?? 0) } };
  try {
    return { kind: 'anchor', id: decodeURIComponent(raw) };
  } catch {
    return { kind: 'none' };
  }
}

/** The fragment for a position: `#7` with no step revealed, `#7.2` with two. */
export const formatHash = (pos: Position): string =>
  pos.step > 0 ? `#${pos.slide + 1}.${pos.step}` : `#${pos.slide + 1}`;
