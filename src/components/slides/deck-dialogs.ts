import type { SlideView } from './deck-dom.ts';

/** Opens a dialog modally; closes on a click on its backdrop or a `[data-close]` button. */
export function wireDialog(dialog: HTMLDialogElement): void {
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog || (e.target as Element).closest('[data-close]')) dialog.close();
  });
}

/**
 * Fills the overview grid: a card per slide (number, title, steps), the current one marked.
 * Arrow keys move between cards, as in a grid; Enter or a click opens the slide.
 */
export function renderOverview(
  dialog: HTMLDialogElement,
  slides: readonly SlideView[],
  current: number,
  open: (index: number) => void,
): void {
  const list = dialog.querySelector('[data-overview-list]')!;
  const cards = slides.map((s, i) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'overview-card';
    if (i === current) b.setAttribute('aria-current', 'true');
    const num = document.createElement('span');
    num.className = 'overview-num';
    num.textContent = String(i + 1);
    const title = document.createElement('span');
    title.className = 'overview-title';
    title.textContent = s.title;
    const excerpt = document.createElement('span');
    excerpt.className = 'overview-excerpt';
    excerpt.textContent = excerptOf(s);
    b.append(num, ' ', title, ' ', excerpt);
    b.addEventListener('click', () => {
      dialog.close();
      open(i);
    });
    li.append(b);
    return li;
  });
  list.replaceChildren(...cards);
  // A property, not addEventListener: the grid is rebuilt on every opening.
  (list as HTMLElement).onkeydown = (e) => moveInGrid(e, list);
  dialog.showModal();
  cards[current]?.querySelector('button')?.focus();
}

/** The opening words of a slide's text, so cards can be told apart beyond their titles. */
function excerptOf(s: SlideView): string {
  const p = s.el.querySelector(':scope > p:not(.kicker), :scope > ul li');
  const text = (p?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const steps = s.steps.length > 0 ? ` (${s.steps.length} steps)` : '';
  return (text.length > 110 ? `${text.slice(0, 110)}…` : text) + steps;
}

function moveInGrid(e: KeyboardEvent, list: Element): void {
  const buttons = [...list.querySelectorAll<HTMLButtonElement>('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const first = buttons[0]!.getBoundingClientRect().top;
  const perRow = Math.max(1, buttons.filter((b) => b.getBoundingClientRect().top === first).length);
  const delta: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: perRow,
    ArrowUp: -perRow,
  };
  const d = delta[e.key];
  if (d === undefined) return;
  e.preventDefault();
  buttons[Math.min(buttons.length - 1, Math.max(0, at + d))]!.focus();
}

/** Asks for a slide number; calls `go` with the 0-based index chosen, if any. */
export function askSlideNumber(
  dialog: HTMLDialogElement,
  total: number,
  go: (i: number) => void,
): void {
  const input = dialog.querySelector('input')!;
  input.max = String(total);
  dialog.querySelector('[data-goto-range]')!.textContent = `(1–${total})`;
  input.value = '';
  dialog.returnValue = '';
  dialog.addEventListener(
    'close',
    () => {
      const n = Number(input.value);
      if (dialog.returnValue === 'go' && Number.isInteger(n) && n >= 1) go(Math.min(n, total) - 1);
    },
    { once: true },
  );
  dialog.showModal();
  input.focus();
}
