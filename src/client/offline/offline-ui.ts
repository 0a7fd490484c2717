/**
 * The footer's offline control and the update prompt (markup in
 * src/components/layout/OfflineFooter.astro). The decisions (what to say, what to offer, when to
 * announce) are in `download.ts`; this file only moves them into the DOM.
 */
import {
  controlView,
  downloadCourse,
  progressText,
  removedText,
  resultText,
  shouldAnnounce,
  type Ask,
} from './download.ts';
import type { Status } from './messages.ts';

const part = <T extends HTMLElement>(root: HTMLElement, name: string): T => {
  const el = root.querySelector<T>(`[data-part="${name}"]`);
  if (!el) throw new Error(`offline footer: no [data-part="${name}"]`);
  return el;
};

/** "A new version of the course is available — Reload", in a status region. */
export class UpdatePrompt {
  readonly #region: HTMLElement;
  readonly #accept: () => void;

  constructor(region: HTMLElement, accept: () => void) {
    this.#region = region;
    this.#accept = accept;
  }

  show(): void {
    if (this.#region.querySelector('button')) return;
    const text = document.createElement('span');
    text.textContent = 'A new version of the course is available — ';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button primary';
    button.textContent = 'Reload';
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = 'Reloading…';
      this.#accept();
    });
    // Filled in after load, so the region announces it.
    this.#region.append(text, button);
  }
}

/** The "Make available offline" / "Remove offline copy" control. */
export class OfflineControl {
  readonly #section: HTMLElement;
  readonly #summary: HTMLElement;
  readonly #save: HTMLButtonElement;
  readonly #remove: HTMLButtonElement;
  readonly #bar: HTMLProgressElement;
  readonly #message: HTMLElement;
  #ask: Ask | undefined;
  #busy = false;

  constructor(section: HTMLElement) {
    this.#section = section;
    this.#summary = part(section, 'summary');
    this.#save = part(section, 'save');
    this.#remove = part(section, 'remove');
    this.#bar = part(section, 'bar');
    this.#message = part(section, 'message');
    this.#save.addEventListener(
      'click',
      () => void this.#download().then(() => this.#keepFocus(this.#save)),
    );
    this.#remove.addEventListener(
      'click',
      () => void this.#removeCopy().then(() => this.#keepFocus(this.#remove)),
    );
  }

  /** No service worker: the browser refuses one, or its script could not be loaded. */
  unavailable(why: 'refused' | 'failed'): void {
    this.#summary.textContent =
      why === 'refused'
        ? 'This browser does not let the course keep its pages offline here (a private window, or a setting that blocks service workers); it works online as usual.'
        : 'Offline use could not start: the offline helper of this site did not load. The course works online as usual; reload the page to try again.';
    this.#save.hidden = true;
    this.#remove.hidden = true;
    this.#section.hidden = false;
  }

  /** Waiting for the offline helper's first install. */
  preparing(): void {
    this.#summary.textContent = 'Preparing offline use…';
    this.#save.hidden = true;
    this.#remove.hidden = true;
    this.#section.hidden = false;
  }

  /** Connects the control to the worker that controls the page and shows its state. */
  async connect(ask: Ask): Promise<void> {
    this.#ask = ask;
    await this.refresh();
  }

  async refresh(): Promise<Status | undefined> {
    const status = await this.#status();
    if (!status) return undefined;
    const view = controlView(status);
    this.#summary.textContent = view.summary;
    this.#save.hidden = view.save === undefined;
    if (view.save !== undefined) this.#save.textContent = view.save;
    this.#remove.hidden = !view.canRemove;
    this.#section.hidden = false;
    return status;
  }

  /** The pressed button may have just been hidden: keep the keyboard focus in the control. */
  #keepFocus(pressed: HTMLButtonElement): void {
    if (!pressed.hidden) return;
    const other = [this.#save, this.#remove].find((b) => !b.hidden);
    (other ?? this.#message).focus();
  }

  async #status(): Promise<Status | undefined> {
    if (!this.#ask) return undefined;
    try {
      const reply = await this.#ask({ type: 'status' });
      return reply.type === 'status' ? reply : undefined;
    } catch {
      this.#message.textContent = 'The offline helper did not answer; reload the page to retry.';
      return undefined;
    }
  }

  /** `aria-disabled`, not `disabled`: a disabled button would drop the keyboard focus. */
  #setBusy(busy: boolean): void {
    this.#busy = busy;
    for (const b of [this.#save, this.#remove]) b.setAttribute('aria-disabled', String(busy));
    this.#section.setAttribute('aria-busy', String(busy));
  }

  async #download(): Promise<void> {
    const ask = this.#ask;
    if (this.#busy || !ask) return;
    this.#setBusy(true);
    try {
      const status = await this.#status();
      if (!status) return;
      // Ask the browser not to clear the copy when space runs low (no prompt in Chromium).
      void navigator.storage?.persist?.().catch(() => false);
      const bytes = status.files.reduce((n, f) => n + f.size, 0);
      let announcedAt: number | undefined;
      this.#bar.hidden = false;
      try {
        const result = await downloadCourse(ask, status, (p) => {
          this.#bar.max = p.total;
          this.#bar.value = p.done;
          const now = performance.now();
          if (shouldAnnounce(p, announcedAt, now)) {
            announcedAt = now;
            this.#message.textContent = `Saving for offline use: ${progressText(p)}`;
          }
        });
        this.#message.textContent = resultText(result, bytes);
      } catch {
        this.#message.textContent =
          'The download stopped: the offline helper did not answer. Reload the page and retry.';
      }
    } finally {
      this.#resetBar();
      this.#setBusy(false);
      await this.refresh();
    }
  }

  async #removeCopy(): Promise<void> {
    const ask = this.#ask;
    if (this.#busy || !ask) return;
    this.#setBusy(true);
    try {
      const reply = await ask({ type: 'remove-copy' });
      this.#message.textContent = removedText(reply.type === 'removed' ? reply.pages : 0);
    } catch {
      this.#message.textContent = 'Could not remove the offline copy; reload the page and retry.';
    } finally {
      // Nothing of an earlier download's "n of N files" stays on screen after a removal.
      this.#resetBar();
      this.#setBusy(false);
      await this.refresh();
    }
  }

  /** Hides the progress bar and empties it, so it never shows a past download's count. */
  #resetBar(): void {
    this.#bar.hidden = true;
    this.#bar.value = 0;
    this.#bar.max = 1;
  }
}
