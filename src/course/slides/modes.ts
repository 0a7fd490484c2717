import { formatHash, type Position } from './position.ts';

/**
 * How a deck page is being shown, from its query string:
 * - `?presenter`: the presenter view (current slide, next moment, notes, timer);
 * - `?print`: every slide stacked one per page for printing or saving as PDF; `&notes` adds notes;
 * - `?embed`: a bare slide with no controls, used for the presenter's "next" preview.
 * Anything else is the audience view.
 */
export interface DeckMode {
  readonly view: 'audience' | 'presenter' | 'print' | 'embed';
  /** In print view, print each slide's speaker notes under it. */
  readonly notes: boolean;
}

/** Reads the mode from `location.search`; unknown parameters are ignored. */
export function parseMode(search: string): DeckMode {
  const q = new URLSearchParams(search);
  const notes = q.has('notes');
  if (q.has('print')) return { view: 'print', notes };
  if (q.has('presenter')) return { view: 'presenter', notes: false };
  if (q.has('embed')) return { view: 'embed', notes: false };
  return { view: 'audience', notes: false };
}

/** Address of a deck in another view, at a position (relative to the deck's own page). */
export function viewUrl(view: DeckMode['view'], pos: Position, notes = false): string {
  const query = view === 'audience' ? '' : `?${view}${view === 'print' && notes ? '&notes' : ''}`;
  return `./${query}${formatHash(pos)}`;
}

/** URL of a lesson's deck. */
export const slidesHref = (lessonId: string): string => `/slides/${lessonId}/`;
