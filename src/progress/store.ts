import { mergeProgress } from './merge.ts';
import { parseProgress } from './migrate.ts';
import { noticeFor, type Notice, type NoticeKind } from './notices.ts';
import { SafeStorage } from './safe-storage.ts';
import {
  PROGRESS_KEY,
  SET_ASIDE_KEY,
  emptyProgress,
  type Progress,
  type ProgressExport,
  type SetAside,
} from './schema.ts';
import { exportFile, parseImport } from './transfer.ts';

/** Where the store keeps its data; a getter because touching `localStorage` itself can throw. */
export interface StoreOptions {
  readonly storage: () => Storage | undefined;
  readonly now?: () => Date;
}

/** What an import did. */
export type ImportResult =
  | { readonly ok: true; readonly exercises: number }
  | { readonly ok: false; readonly reason: string };

/**
 * The progress record, in memory first and in localStorage when it can be. Every storage failure
 * (disabled, full, throwing) becomes a notice and the page keeps working with the in-memory
 * copy. Unreadable stored data is never overwritten before a copy of it has been set aside under
 * {@link SET_ASIDE_KEY}; if even that fails, the store leaves it untouched and writes nothing.
 */
export class ProgressStore {
  readonly #now: () => Date;
  readonly #storage: SafeStorage;
  #progress: Progress = emptyProgress();
  #setAside: SetAside[] = [];
  #notices = new Map<NoticeKind, Notice>();
  /** Set when unreadable data could not be set aside: writing now would destroy it. */
  #readOnly = false;
  #listeners = new Set<() => void>();

  constructor(opts: StoreOptions) {
    this.#now = opts.now ?? (() => new Date());
    this.#storage = new SafeStorage(
      opts.storage,
      (f) => this.#notices.set(f, noticeFor(f)),
      () => this.#notices.delete('full'),
    );
    this.#setAside = this.#readSetAside();
    this.#adopt(this.#storage.get(PROGRESS_KEY), false);
  }

  /** The current progress. */
  get progress(): Progress {
    return this.#progress;
  }
  /** Records that could not be read, kept for export. */
  get setAside(): readonly SetAside[] {
    return this.#setAside;
  }
  /** What the learner should be told about storage. */
  get notices(): readonly Notice[] {
    const list = [...this.#notices.values()];
    if (this.#setAside.length > 0) list.push(noticeFor('set-aside', this.#setAside.length));
    return list;
  }

  /** Calls `fn` after every change; returns a function that stops it. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Records a passed exercise (keeps the first date). */
  markPassed(id: string): void {
    if (this.#progress.exercises[id]) return;
    const passedAt = this.#iso();
    this.#update((p) => ({ ...p, exercises: { ...p.exercises, [id]: { passedAt } } }));
  }

  /** Counts a run of a snippet. */
  markSnippetRun(id: string): void {
    const at = this.#iso();
    this.#update((p) => {
      const s = p.snippets[id];
      const next = s ? { ...s, runs: s.runs + 1 } : { firstRunAt: at, runs: 1 };
      return { ...p, snippets: { ...p.snippets, [id]: next } };
    });
  }

  /** Remembers the lesson being read, for "continue where you left off". */
  visitLesson(id: string): void {
    const at = this.#iso();
    this.#update((p) => ({ ...p, lastLesson: { id, at } }));
  }

  /** Everything, including set-aside records, as an export file's contents. */
  exportData(): ProgressExport {
    return exportFile(this.#progress, this.#setAside, this.#now());
  }

  /** Merges an exported file (or a bare progress record) into the current progress. */
  importData(text: string): ImportResult {
    const file = parseImport(text, this.#now());
    if (!file.ok) return file;
    const known = new Set(this.#setAside.map((s) => s.raw));
    const extra = file.setAside.filter((s) => !known.has(s.raw));
    if (extra.length > 0) this.#writeSetAside([...this.#setAside, ...extra]);
    this.#update((p) => mergeProgress(p, file.progress));
    return { ok: true, exercises: Object.keys(file.progress.exercises).length };
  }

  /** Forgets all progress and set-aside records (the page asks for confirmation first). */
  reset(): void {
    this.#progress = emptyProgress();
    this.#setAside = [];
    this.#readOnly = false;
    this.#notices.delete('read-only');
    this.#storage.remove(PROGRESS_KEY);
    this.#storage.remove(SET_ASIDE_KEY);
    this.#emit();
  }

  /** Drops the set-aside records (after the learner exported them, or decided not to). */
  discardSetAside(): void {
    this.#setAside = [];
    this.#storage.remove(SET_ASIDE_KEY);
    this.#emit();
  }

  /** Re-reads storage after another tab changed it; a removed record means a reset there. */
  refresh(): void {
    this.#setAside = this.#readSetAside();
    const raw = this.#storage.get(PROGRESS_KEY);
    if (raw === null) this.#progress = emptyProgress();
    else this.#adopt(raw, true);
    this.#emit();
  }

  #update(change: (p: Progress) => Progress): void {
    // Another tab may have written since this page loaded: merge rather than overwrite it.
    this.#adopt(this.#storage.get(PROGRESS_KEY), true);
    this.#progress = change(this.#progress);
    this.#save();
    this.#emit();
  }

  #save(): void {
    if (!this.#readOnly) this.#storage.set(PROGRESS_KEY, JSON.stringify(this.#progress));
  }

  /** Takes in stored text: merges what it can read, sets aside what it cannot. */
  #adopt(raw: string | null | undefined, merge: boolean): void {
    if (raw === null || raw === undefined || raw === JSON.stringify(this.#progress)) return;
    const read = parseProgress(raw, this.#now());
    const damaged = !read.ok || read.dropped > 0;
    if (damaged && !this.#setAside.some((s) => s.raw === raw)) {
      const reason = read.ok ? `${read.dropped} entries were malformed` : read.reason;
      if (!this.#writeSetAside([...this.#setAside, { at: this.#iso(), reason, raw }])) {
        this.#readOnly = true;
        this.#notices.set('read-only', noticeFor('read-only'));
      }
    }
    if (read.ok)
      this.#progress = merge ? mergeProgress(this.#progress, read.progress) : read.progress;
    if (damaged || (read.ok && read.migratedFrom !== undefined)) this.#save();
  }

  #readSetAside(): SetAside[] {
    const raw = this.#storage.get(SET_ASIDE_KEY);
    if (!raw) return [];
    try {
      const list: unknown = JSON.parse(raw);
      if (Array.isArray(list) && list.every((s) => typeof (s as SetAside)?.raw === 'string'))
        return list as SetAside[];
    } catch {
      // fall through: even a damaged set-aside list is kept, as one record
    }
    return [{ at: this.#iso(), reason: 'the set-aside list itself was damaged', raw }];
  }

  #writeSetAside(list: SetAside[]): boolean {
    this.#setAside = list;
    return this.#storage.set(SET_ASIDE_KEY, JSON.stringify(list));
  }

  #iso(): string {
    return this.#now().toISOString();
  }
  #emit(): void {
    for (const fn of this.#listeners) fn();
  }
}
