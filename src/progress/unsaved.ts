import type { Notice } from './notices.ts';

/**
 * What storage refused to keep on this page, by subject (`progress`, `edit:<id>`, `storage`), each
 * with the notice telling the learner what was not saved. An entry stays until a write of the
 * same subject succeeds or the learner dismisses it: a successful write of something else never
 * clears it. A dismissed subject stays quiet while it keeps failing (the learner knows), and
 * speaks again once it was saved and then fails anew. Shared by the progress store and the saved
 * edits of a page.
 */
export class UnsavedLog {
  readonly #entries = new Map<string, Notice>();
  readonly #dismissed = new Set<string>();
  readonly #listeners = new Set<() => void>();

  /** Records that `subject` was not saved, with what to tell the learner. */
  failed(subject: string, notice: Notice): void {
    if (this.#dismissed.has(subject)) return;
    const before = this.#entries.get(subject);
    if (before?.text === notice.text && before.kind === notice.kind) return;
    this.#entries.set(subject, notice);
    this.#emit();
  }

  /** Records that `subject` was saved: its notice, if any, goes. */
  saved(subject: string): void {
    this.#dismissed.delete(subject);
    if (this.#entries.delete(subject)) this.#emit();
  }

  /** The learner read the notice about `subject` and closed it. */
  dismiss(subject: string): void {
    this.#dismissed.add(subject);
    if (this.#entries.delete(subject)) this.#emit();
  }

  /** The notices, oldest first. */
  get notices(): readonly Notice[] {
    return [...this.#entries.values()];
  }

  /** Calls `fn` after every change; returns a function that stops it. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  #emit(): void {
    for (const fn of this.#listeners) fn();
  }
}
