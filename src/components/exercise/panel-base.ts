import { progressStore } from '../../progress/browser.ts';

const dateFmt = new Intl.DateTimeFormat('en', { dateStyle: 'long' });

/**
 * What both kinds of exercise panel share: hints revealed one at a time, the solution behind
 * an attempt (or an explicit confirmation), a polite live region for announcements and the
 * "passed" badge kept in the progress store. Subclasses supply Check, Reset and the solution.
 */
export abstract class PanelBase extends HTMLElement {
  protected exerciseId = '';
  /** Checks run on this page; one is enough to open the solution without asking. */
  protected checks = 0;
  #hintsShown = 0;

  connectedCallback(): void {
    this.exerciseId = this.dataset['exerciseId']!;
    for (const e of this.querySelectorAll<HTMLElement>('[data-enhanced]')) e.hidden = false;
    this.button('check').addEventListener('click', () => void this.runCheck());
    this.button('hint').addEventListener('click', () => this.hint());
    this.button('solution').addEventListener('click', () => this.toggleSolution());
    this.button('reset').addEventListener('click', () => this.reset());
    this.button('confirm-solution').addEventListener('click', () => this.#openSolution(true));
    this.button('cancel-solution').addEventListener('click', () => this.#confirm(false));
    const store = progressStore();
    store.subscribe(() => this.#badge());
    this.#badge();
    this.setup();
  }

  protected abstract setup(): void;
  protected abstract runCheck(): Promise<void>;
  protected abstract reset(): void;
  /** Fills the solution region with the current state (called each time it opens). */
  protected abstract renderSolution(): void;

  protected button(action: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  protected piece<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }

  /** Says something through the panel's live region. */
  protected announce(text: string): void {
    const live = this.piece('live');
    // Clearing first makes a repeated sentence ("0 passed, 5 failed") be announced again.
    live.textContent = '';
    requestAnimationFrame(() => (live.textContent = text));
  }

  /** Records a pass in the progress store. */
  protected passed(): void {
    progressStore().markPassed(this.exerciseId);
  }

  protected get isPassed(): boolean {
    return progressStore().progress.exercises[this.exerciseId] !== undefined;
  }

  #badge(): void {
    const badge = this.piece('badge');
    const p = progressStore().progress.exercises[this.exerciseId];
    badge.hidden = !p;
    if (p) badge.textContent = `✓ Passed on ${dateFmt.format(new Date(p.passedAt))}`;
  }

  /** Reveals the next hint. */
  hint(): void {
    const hints = [...this.querySelectorAll<HTMLElement>('[data-part="hints"] li')];
    const next = hints[this.#hintsShown];
    const button = this.button('hint');
    if (!next) return;
    next.hidden = false;
    this.#hintsShown++;
    this.piece('hints').hidden = false;
    this.piece('hint-count').textContent = `${this.#hintsShown} of ${hints.length} hints shown`;
    if (this.#hintsShown === hints.length) button.setAttribute('aria-disabled', 'true');
    this.announce(`Hint ${this.#hintsShown} of ${hints.length}: ${next.textContent ?? ''}`);
  }

  /** Shows the solution, asking first if the learner has not tried a Check yet. */
  toggleSolution(): void {
    const region = this.piece('solution');
    if (!region.hidden) {
      region.hidden = true;
      this.button('solution').setAttribute('aria-expanded', 'false');
      return;
    }
    if (this.checks > 0 || this.isPassed) this.#openSolution(false);
    else this.#confirm(true);
  }

  #confirm(show: boolean): void {
    this.piece('confirm').hidden = !show;
    if (show) this.button('confirm-solution').focus();
    else this.button('solution').focus();
  }

  #openSolution(confirmed: boolean): void {
    this.piece('confirm').hidden = true;
    this.renderSolution();
    this.piece('solution').hidden = false;
    this.button('solution').setAttribute('aria-expanded', 'true');
    if (confirmed) this.piece('solution').focus();
  }
}
