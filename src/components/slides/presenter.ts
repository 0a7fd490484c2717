import { viewUrl } from '../../course/slides/modes.ts';
import type { Position } from '../../course/slides/position.ts';
import { formatElapsed } from '../../course/slides/stage.ts';
import type { SlideView } from './deck-dom.ts';

/**
 * The presenter's panel beside the current slide: elapsed time, the next moment (the same deck
 * in `?embed` mode in a frame, so it looks exactly as the audience will see it) and the notes.
 */
export class PresenterPanel {
  readonly #panel: HTMLElement;
  readonly #frame: HTMLIFrameElement;
  #started = Date.now();

  constructor(panel: HTMLElement) {
    this.#panel = panel;
    panel.hidden = false;
    this.#frame = document.createElement('iframe');
    this.#frame.title = 'Preview of the next slide';
    this.#frame.tabIndex = -1;
    panel.querySelector('[data-presenter-next]')!.append(this.#frame);
    const timer = panel.querySelector<HTMLElement>('[data-presenter-timer]')!;
    const tick = (): void => {
      timer.textContent = formatElapsed(Date.now() - this.#started);
    };
    setInterval(tick, 1000);
    panel.querySelector('[data-presenter-reset]')!.addEventListener('click', () => {
      this.#started = Date.now();
      tick();
    });
  }

  /** Shows the notes of the current slide and previews the moment after `next`. */
  update(slide: SlideView, next: Position | undefined): void {
    const notes = this.#panel.querySelector<HTMLElement>('[data-presenter-notes]')!;
    // Notes are plain prose from the lesson; copies keep the originals hidden in the slide.
    const borrowed = slide.notes.length === 0 && slide.sectionNotes.length > 0;
    const copies = (borrowed ? slide.sectionNotes : slide.notes).map((n) => {
      const div = document.createElement('div');
      div.append(...[...n.childNodes].map((c) => c.cloneNode(true)));
      return div;
    });
    if (borrowed) {
      const from = document.createElement('p');
      from.className = 'presenter-notes-from';
      from.textContent = 'From the next slide of this section:';
      copies.unshift(from);
    }
    if (copies.length > 0) notes.replaceChildren(...copies);
    else notes.textContent = 'No notes for this slide.';
    const url = next ? new URL(viewUrl('embed', next), location.href).href : 'about:blank';
    // Replace, not assign: moving the preview must not add entries to this window's history.
    if (this.#frame.contentWindow && this.#frame.src)
      this.#frame.contentWindow.location.replace(url);
    else this.#frame.src = url;
  }
}
