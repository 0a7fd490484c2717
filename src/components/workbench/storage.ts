import { SafeStorage } from '../../progress/safe-storage.ts';

/** A learner's saved edit of one snippet. */
export interface SavedEdit {
  readonly code: string;
  /** True when the snippet's original changed since the edit was saved. */
  readonly stale: boolean;
}

const key = (id: string) => `async-io:edit:${id}`;

/** A short fingerprint of the original, to notice when the lesson's code changed under an edit. */
function fingerprint(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

// Storage can be disabled (privacy modes), full, or throw on access: edits then simply are not
// kept, and nothing else breaks. `SafeStorage` turns every such failure into a return value.
const storage = new SafeStorage(
  () => globalThis.localStorage,
  () => undefined,
);

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

/** Saves an edit (or forgets it when it equals the original); returns false if it could not. */
export function saveEdit(id: string, original: string, code: string): boolean {
  return code === original
    ? storage.remove(key(id))
    : storage.set(key(id), JSON.stringify({ code, base: fingerprint(original) }));
}

/** Forgets the edit of a snippet. */
export function clearEdit(id: string): void {
  storage.remove(key(id));
}
