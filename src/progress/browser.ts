import { ProgressStore } from './store.ts';
import { GENERATION_KEY, PROGRESS_KEY, SET_ASIDE_KEY } from './schema.ts';
import { UnsavedLog } from './unsaved.ts';

let store: ProgressStore | undefined;
let unsaved: UnsavedLog | undefined;

/**
 * The page's list of what storage refused to keep (progress, saved edits), shown by
 * `<progress-status>` until saved or dismissed.
 */
export function unsavedLog(): UnsavedLog {
  unsaved ??= new UnsavedLog();
  return unsaved;
}

/**
 * The page's one progress store, backed by localStorage. Created on first use, so a page that
 * never asks never touches storage. It follows changes made in other tabs (`storage` events) and
 * catches up when the page is restored from the back/forward cache (`pageshow`), where it missed
 * them: a reset made meanwhile is then followed, not undone.
 */
export function progressStore(): ProgressStore {
  if (store) return store;
  const created = new ProgressStore({
    storage: () => globalThis.localStorage,
    unsaved: unsavedLog(),
  });
  store = created;
  addEventListener('storage', (e) => {
    const { key } = e as StorageEvent;
    if (key === null) created.refresh(true);
    else if (key === PROGRESS_KEY || key === SET_ASIDE_KEY || key === GENERATION_KEY)
      created.refresh();
  });
  addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) created.refresh();
  });
  return created;
}
