import { unsavedLog } from '../../progress/browser.ts';
import { STORAGE_SUBJECT, noticeFor, unsavedEditNotice } from '../../progress/notices.ts';
import { SafeStorage, type StorageFailure } from '../../progress/safe-storage.ts';

/** A learner's saved edit of one snippet. */
export interface SavedEdit {
  readonly code: string;
  /** True when the snippet's original changed since the edit was saved. */
  readonly stale: boolean;
}

const key = (id: string) => `async-io:edit:${id}`;
const subject = (id: string) => `edit:${id}`;

/**
 * What an edit is, in words, from its id: `exercise:<id>` is the code of a code exercise,
 * `predict:<id>` a prediction, anything else a snippet's id.
 */
export function editLabel(id: string): string {
  const [, kind, rest] = /^(exercise|predict):(.*)$/.exec(id) ?? [];
  if (kind === 'exercise') return `your code for the exercise "${rest}"`;
  if (kind === 'predict') return `your prediction for the exercise "${rest}"`;
  return `your edit of the snippet "${id}"`;
}

/** A short fingerprint of the original, to notice when the lesson's code changed under an edit. */
function fingerprint(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

// Storage can be disabled (privacy modes), full, or throw on access: edits then are not kept and
// nothing else breaks. `SafeStorage` turns every such failure into a return value; a failed save
// is listed with the page's other unsaved data, so the learner sees what was not kept.
const storage = new SafeStorage(
  () => globalThis.localStorage,
  () => undefined,
);

/** Lists (or clears) the notice about an edit after trying to store it. */
function report(id: string, failure: StorageFailure | undefined): boolean {
  const log = unsavedLog();
  if (failure === undefined) log.saved(subject(id));
  else if (failure === 'full')
    log.failed(subject(id), unsavedEditNotice(subject(id), editLabel(id)));
  else log.failed(STORAGE_SUBJECT, noticeFor('unavailable'));
  return failure === undefined;
}

/** The saved edit for a snippet, if any. */
export function loadEdit(id: string, original: string): SavedEdit | undefined {
  const raw = storage.get(key(id));
  if (!raw) return undefined;
  try {
    const saved = JSON.parse(raw) as { code?: unknown; base?: unknown } | null;
    if (typeof saved?.code !== 'string' || saved.code === original) return undefined;
    return { code: saved.code, stale: saved.base !== fingerprint(original) };
  } catch {
    return undefined;
  }
}

/**
 * Saves an edit (or forgets it when it equals the original); returns false if it could not, in
 * which case a notice saying what was not saved stays up until a later save of it succeeds.
 */
export function saveEdit(id: string, original: string, code: string): boolean {
  const failure =
    code === original
      ? storage.remove(key(id))
        ? undefined
        : 'unavailable'
      : storage.write(key(id), JSON.stringify({ code, base: fingerprint(original) }));
  return report(id, failure);
}

/** Forgets the edit of a snippet (there is then nothing left unsaved of it). */
export function clearEdit(id: string): void {
  report(id, storage.remove(key(id)) ? undefined : 'unavailable');
}
