import { completion, completionLabel } from '../../progress/completion.ts';
import { progressStore } from '../../progress/browser.ts';

/** A span read either only by eye (`aria-hidden`) or only by screen readers. */
const span = (text: string, forScreenReaders: boolean) => {
  const s = document.createElement('span');
  if (forScreenReaders) s.className = 'visually-hidden';
  else s.setAttribute('aria-hidden', 'true');
  s.textContent = text;
  return s;
};

/**
 * Fills every `[data-progress-mark]` inside an element carrying `data-progress-ids` (a chapter
 * or a part) with how many of those exercises are passed, in words ("2 of 3 exercises passed"),
 * or compactly ("2/3", "✓") with the words for screen readers. Follows later changes.
 */
export function markProgress(root: ParentNode = document): void {
  const store = progressStore();
  const draw = () => {
    for (const group of root.querySelectorAll<HTMLElement>('[data-progress-ids]')) {
      const ids = (group.dataset['progressIds'] ?? '').split(' ').filter(Boolean);
      const mark = group.querySelector<HTMLElement>('[data-progress-mark]');
      if (!mark) continue;
      const c = completion(store.progress, ids);
      group.dataset['complete'] = String(c.complete);
      mark.hidden = c.total === 0 || (mark.dataset['progressMark'] === 'compact' && c.done === 0);
      if (mark.dataset['progressMark'] !== 'compact') mark.textContent = completionLabel(c);
      else
        mark.replaceChildren(
          span(c.complete ? '✓' : `${c.done}/${c.total}`, false),
          span(` ${completionLabel(c)}`, true),
        );
    }
  };
  draw();
  store.subscribe(draw);
}
