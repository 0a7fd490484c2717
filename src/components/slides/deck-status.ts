import { announcement } from '../../course/slides/plan.ts';
import type { Position } from '../../course/slides/position.ts';
import type { SlideView } from './deck-dom.ts';

/**
 * Tells everyone where the deck is: the counter in the control bar (with the step, on a slide
 * that has click steps), the window title (to find
 * the right window when presenting) and, for a move the user or the other window made, the
 * polite live region ("Slide 3 of 12: Title").
 */
export function showStatus(
  root: HTMLElement,
  slides: readonly SlideView[],
  pos: Position,
  announce: boolean,
): void {
  const slide = slides[pos.slide]!;
  const where = `${pos.slide + 1} / ${slides.length}`;
  const counter = root.querySelector('[data-deck-counter]');
  // A slide with click steps says how far the presenter is, so a blank start is not a surprise.
  const steps = slide.steps.length;
  if (counter) counter.textContent = steps > 0 ? `${where} · step ${pos.step}/${steps}` : where;
  document.title = document.title.replace(/^(\d+ \/ \d+ · )?/, `${where} · `);
  if (!announce) return;
  say(root, announcement(pos.slide, slides.length, slide.title, pos.step, slide.steps.length));
}

/** Puts a sentence in the deck's polite live region. */
export function say(root: HTMLElement, text: string): void {
  const live = root.querySelector('[data-deck-live]');
  if (live) live.textContent = text;
}
