/**
 * The slide-density rule (`../shared/notes/ux.md`, "Slide rules"): a deck is written for the
 * screen, so the prose a slide shows (not counting code, figures, live snippets, exercises and
 * speaker notes) stays short. Measured on the built decks by `tests/e2e/deck-density.spec.ts`.
 */

/** Most words of prose one slide may show. */
export const MAX_WORDS_PER_SLIDE = 80;
/** Most words of prose the median slide of a deck may show. */
export const MAX_MEDIAN_WORDS = 40;

/**
 * What a slide shows that does not count as prose: code, figures (diagrams, timelines and the
 * snippets, which render as figures), exercises, speaker notes, and anything hidden or scripted.
 */
export const NOT_PROSE =
  'pre, figure, svg, .exercise, [data-speaker-notes], [data-slide-break], script, style, template, [hidden]';

/** Words in a piece of text: runs of letters or digits (`epoll_wait`, `10,000` and `it's` are one). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}_'’.,:/-]*/gu)?.length ?? 0;
}

export interface MeasuredSlide {
  readonly number: number;
  readonly title: string;
  readonly words: number;
}

/** The median of the slides' word counts (the lower middle for an even count). */
export function medianWords(slides: readonly MeasuredSlide[]): number {
  if (slides.length === 0) return 0;
  const sorted = slides.map((s) => s.words).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Every breach of the rule in one deck, as messages that name the slide; empty when it passes. */
export function densityProblems(deck: string, slides: readonly MeasuredSlide[]): string[] {
  const problems = slides
    .filter((s) => s.words > MAX_WORDS_PER_SLIDE)
    .map(
      (s) =>
        `${deck} #${s.number} "${s.title}": ${s.words} words of prose (at most ${MAX_WORDS_PER_SLIDE}); move the explanation into <PageOnly> or <Notes>`,
    );
  const median = medianWords(slides);
  if (median > MAX_MEDIAN_WORDS)
    problems.push(
      `${deck}: the median slide shows ${median} words of prose (at most ${MAX_MEDIAN_WORDS})`,
    );
  return problems;
}
