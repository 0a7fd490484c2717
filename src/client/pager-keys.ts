import { isTypingTarget } from './keys.ts';

/**
 * ← and → go to the previous/next chapter, unless the reader is typing, a dialog is open, a
 * modifier is held, or the focused element scrolls sideways itself (a code block).
 */
export function initPagerKeys(): void {
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    if (isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
    const focused = e.target instanceof HTMLElement ? e.target : null;
    if (focused && focused !== document.body && focused.scrollWidth > focused.clientWidth) return;
    const link = document.querySelector<HTMLAnchorElement>(
      `[data-pager="${e.key === 'ArrowLeft' ? 'prev' : 'next'}"]`,
    );
    if (link) {
      e.preventDefault();
      link.click();
    }
  });
}
