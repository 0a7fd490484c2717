import { progressStore } from '../../progress/browser.ts';

/**
 * `<continue-reading>` on the home page: a link back to the last lesson visited. The title and
 * address come from the course map on the same page, so a lesson that no longer exists (or was
 * renamed) simply shows no link.
 */
export class ContinueReading extends HTMLElement {
  connectedCallback(): void {
    const last = progressStore().progress.lastLesson;
    const chapter = last
      ? document.querySelector<HTMLElement>(`.course-map [data-lesson="${CSS.escape(last.id)}"]`)
      : null;
    const source = chapter?.querySelector<HTMLAnchorElement>('a');
    if (!source) return;
    const link = this.querySelector<HTMLAnchorElement>('a')!;
    link.setAttribute('href', source.getAttribute('href') ?? '/');
    this.querySelector('[data-part="title"]')!.textContent =
      `${chapter!.querySelector('.num')?.textContent ?? ''}: ${chapter!.querySelector('.title')?.textContent ?? ''}`;
    this.hidden = false;
  }
}
