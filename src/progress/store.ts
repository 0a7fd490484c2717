import type { KnownIds, UnknownId } from './known-ids.ts';
import { mergeProgress } from './merge.ts';
import { parseProgress } from './migrate.ts';
import { PROGRESS_SUBJECT, STORAGE_SUBJECT, noticeFor, type Notice } from './notices.ts';
import { SafeStorage, type StorageFailure } from './safe-storage.ts';
import {
  GENERATION_KEY,
  PROGRESS_KEY,
  SET_ASIDE_KEY,
  emptyProgress,
  type Progress,
  type ProgressExport,
  type SetAside,
} from './schema.ts';
import { parseSetAside } from './set-aside.ts';
import { exportFile, parseImport } from './transfer.ts';
import { UnsavedLog } from './unsaved.ts';
import { hasId, withEntry } from './well-typed.ts';

/** Where the store keeps its data; a getter because touching `localStorage` itself can throw. */
export interface StoreOptions {
  readonly storage: () => Storage | undefined;
  readonly now?: () => Date;
  /** Where writes that failed are listed until saved or dismissed (shared with saved edits). */
  readonly unsaved?: UnsavedLog;
}

/** What an import did. */
export type ImportResult =
  | {
      readonly ok: true;
      readonly exercises: number;
      readonly snippets: number;
      /** Ids of the file that name nothing in the course, left out. */
      readonly unknown: readonly UnknownId[];
      /** Entries of the file that were malformed, in words, left out. */
      readonly malformed: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/** The generation stored as text: a whole number; absent (or unreadable as one) is 0. */
function parseGeneration(raw: string | null): number {
  const n = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  return Number.isSafeInteger(n) ? n : 0;
}

const notSaved = (f: StorageFailure) =>
  f === 'full'
    ? 'there is no room for it in browser storage (it is full), so it was not kept'
    : 'this browser does not let the course save anything, so it was not kept';

/**
 * The progress record, in memory first and in localStorage when it can be. Every storage failure
 * (disabled, full, throwing) becomes a notice, kept until what failed is saved or the learner
 * dismisses it, and the page keeps working with the in-memory copy. Unreadable stored data is
 * never overwritten before a copy of it has been set aside under {@link SET_ASIDE_KEY}; if even
 * that fails, the store leaves it untouched and writes nothing.
 *
 * The stored data has a generation ({@link GENERATION_KEY}), raised by every reset and import.
 * Before each write the store compares it with the generation its copy came from: if another tab
 * reset or replaced the data since, this copy is stale and is reloaded from storage, never
 * written back.
 */
export class ProgressStore {
  readonly #now: () => Date;
  readonly #storage: SafeStorage;
  readonly #unsaved: UnsavedLog;
  #progress: Progress = emptyProgress();
  #setAside: SetAside[] = [];
  /** The generation of the stored data this copy was read from or last wrote. */
  #generation = 0;
  /** Set when unreadable data could not be set aside: writing now would destroy it. */
  #readOnly = false;
  #listeners = new Set<() => void>();

  constructor(opts: StoreOptions) {
    this.#now = opts.now ?? (() => new Date());
    this.#unsaved = opts.unsaved ?? new UnsavedLog();
    this.#storage = new SafeStorage(opts.storage, (f) => {
      if (f === 'unavailable') this.#unsaved.failed(STORAGE_SUBJECT, noticeFor('unavailable'));
    });
    this.#unsaved.subscribe(() => this.#emit());
    this.#generation = this.#storedGeneration() ?? 0;
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
    const list = [...this.#unsaved.notices];
    if (this.#readOnly) list.push(noticeFor('read-only'));
    if (this.#setAside.length > 0) list.push(noticeFor('set-aside', this.#setAside.length));
    return list;
  }

  /** Calls `fn` after every change; returns a function that stops it. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Closes the notice about `subject` (a notice's `subject`): the learner has read it. */
  dismiss(subject: string): void {
    this.#unsaved.dismiss(subject);
  }

  /** Records a passed exercise (keeps the first date). */
  markPassed(id: string): void {
    const passedAt = this.#iso();
    this.#update((p) =>
      hasId(p.exercises, id) ? p : { ...p, exercises: withEntry(p.exercises, id, { passedAt }) },
    );
  }

  /** Counts a run of a snippet. */
  markSnippetRun(id: string): void {
    const at = this.#iso();
    this.#update((p) => {
      const s = hasId(p.snippets, id) ? p.snippets[id] : undefined;
      const next = s ? { ...s, runs: s.runs + 1 } : { firstRunAt: at, runs: 1 };
      return { ...p, snippets: withEntry(p.snippets, id, next) };
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

  /**
   * Merges an exported file (or a bare progress record) into the current progress, leaving out
   * ids that name nothing in the course (`known`). Kept only if all of it is saved: when a write
   * fails, storage is put back as it was, this copy stays as it was, and the result says so.
   */
  importData(text: string, known: KnownIds): ImportResult {
    const file = parseImport(text, this.#now(), known);
    if (!file.ok) return file;
    this.#sync();
    if (this.#readOnly) {
      return {
        ok: false,
        reason:
          'the progress already saved here could not be read and there is no room to keep a copy of it, so nothing new can be saved (export, then reset, to start afresh)',
      };
    }
    const held = new Set(this.#setAside.map((s) => s.raw));
    const extra = file.setAside.filter((s) => !held.has(s.raw));
    const progress = mergeProgress(this.#progress, file.progress);
    const setAside = [...this.#setAside, ...extra];
    const generation = this.#generation + 1;
    const writes: [string, string][] = [[PROGRESS_KEY, JSON.stringify(progress)]];
    if (extra.length > 0) writes.push([SET_ASIDE_KEY, JSON.stringify(setAside)]);
    writes.push([GENERATION_KEY, String(generation)]);
    const failure = this.#writeAll(writes);
    if (failure) return { ok: false, reason: notSaved(failure) };
    this.#progress = progress;
    this.#setAside = setAside;
    this.#generation = generation;
    // Everything this copy held is stored now, including progress an earlier write failed to keep.
    this.#unsaved.saved(PROGRESS_SUBJECT);
    this.#emit();
    return {
      ok: true,
      exercises: Object.keys(file.progress.exercises).length,
      snippets: Object.keys(file.progress.snippets).length,
      unknown: file.unknown,
      malformed: file.malformed,
    };
  }

  /** Forgets all progress and set-aside records (the page asks for confirmation first). */
  reset(): void {
    const generation = Math.max(this.#storedGeneration() ?? 0, this.#generation) + 1;
    this.#progress = emptyProgress();
    this.#setAside = [];
    this.#readOnly = false;
    this.#generation = generation;
    // Removed first: when storage is full, that makes room for the generation.
    this.#storage.remove(PROGRESS_KEY);
    this.#storage.remove(SET_ASIDE_KEY);
    this.#storage.write(GENERATION_KEY, String(generation));
    this.#unsaved.saved(PROGRESS_SUBJECT);
    this.#emit();
  }

  /** Drops the set-aside records (after the learner exported them, or decided not to). */
  discardSetAside(): void {
    this.#setAside = [];
    this.#storage.remove(SET_ASIDE_KEY);
    this.#emit();
  }

  /**
   * Re-reads storage after another tab changed it, or when the page comes back from the
   * back/forward cache: a new generation (a reset or import there) replaces this copy; otherwise
   * what was stored is merged in. `cleared`: storage was emptied as a whole (site data cleared),
   * which is followed like a reset.
   */
  refresh(cleared = false): void {
    const stored = this.#storedGeneration();
    if (cleared || (stored !== undefined && stored !== this.#generation)) {
      this.#reload(stored ?? this.#generation);
    } else {
      this.#setAside = this.#readSetAside();
      this.#adopt(this.#storage.get(PROGRESS_KEY), true);
    }
    this.#emit();
  }

  #update(change: (p: Progress) => Progress): void {
    // Another tab may have written since this page loaded: catch up rather than overwrite it.
    this.#sync();
    this.#progress = change(this.#progress);
    this.#save();
    this.#emit();
  }

  /** Brings this copy up to date with storage before a write. */
  #sync(): void {
    const stored = this.#storedGeneration();
    if (stored !== undefined && stored !== this.#generation) this.#reload(stored);
    else this.#adopt(this.#storage.get(PROGRESS_KEY), true);
  }

  /**
   * Replaces this copy by what is stored: the data was reset or replaced since it was read, so
   * what this tab holds (its progress, and any of it that failed to be saved) is of the past.
   */
  #reload(generation: number): void {
    this.#generation = generation;
    this.#progress = emptyProgress();
    this.#readOnly = false;
    this.#setAside = this.#readSetAside();
    this.#adopt(this.#storage.get(PROGRESS_KEY), false);
    this.#unsaved.saved(PROGRESS_SUBJECT);
  }

  #save(): void {
    if (this.#readOnly) return;
    const failure = this.#storage.write(PROGRESS_KEY, JSON.stringify(this.#progress));
    // The record holds everything, so one that is saved saves whatever an earlier write lost.
    if (!failure) this.#unsaved.saved(PROGRESS_SUBJECT);
    else if (failure === 'full') this.#unsaved.failed(PROGRESS_SUBJECT, noticeFor('full'));
  }

  /**
   * Writes every pair, or none: after a failure the keys already written get their earlier text
   * back (or are removed when they had none). Returns the failure, if any.
   */
  #writeAll(writes: readonly (readonly [string, string])[]): StorageFailure | undefined {
    const before = writes.map(([key]) => this.#storage.get(key));
    for (let i = 0; i < writes.length; i++) {
      const [key, value] = writes[i]!;
      const failure = this.#storage.write(key, value);
      if (!failure) continue;
      for (let j = i - 1; j >= 0; j--) {
        const old = before[j];
        if (old === null) this.#storage.remove(writes[j]![0]);
        else if (old !== undefined) this.#storage.write(writes[j]![0], old);
      }
      return failure;
    }
    return undefined;
  }

  /** Takes in stored text: merges what it can read, sets aside what it cannot. */
  #adopt(raw: string | null | undefined, merge: boolean): void {
    if (raw === null || raw === undefined || raw === JSON.stringify(this.#progress)) return;
    const read = parseProgress(raw, this.#now());
    const damaged = !read.ok || read.dropped > 0;
    if (damaged && !this.#setAside.some((s) => s.raw === raw)) {
      const reason = read.ok ? `${read.dropped} entries were malformed` : read.reason;
      if (!this.#writeSetAside([...this.#setAside, { at: this.#iso(), reason, raw }]))
        this.#readOnly = true;
    }
    if (read.ok)
      this.#progress = merge ? mergeProgress(this.#progress, read.progress) : read.progress;
    if (damaged || (read.ok && read.migratedFrom !== undefined)) this.#save();
  }

  /** The stored generation; undefined when storage cannot be read. */
  #storedGeneration(): number | undefined {
    const raw = this.#storage.get(GENERATION_KEY);
    return raw === undefined ? undefined : parseGeneration(raw);
  }

  #readSetAside(): SetAside[] {
    const raw = this.#storage.get(SET_ASIDE_KEY);
    return raw ? parseSetAside(raw, this.#now()) : [];
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
